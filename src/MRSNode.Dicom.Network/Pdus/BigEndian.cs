using System.Buffers.Binary;

namespace MRSNode.Dicom.Network.Pdus;

/// <summary>Reads big-endian fields from a span; running past the end is a malformed PDU, never an index error.</summary>
internal ref struct BigEndianReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;

    public readonly int Remaining => _data.Length - _pos;

    public ReadOnlySpan<byte> Bytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new PduFormatException($"field of {count} bytes runs past the end of the PDU", AbortReason.InvalidPduParameterValue);
        }
        var s = _data.Slice(_pos, count);
        _pos += count;
        return s;
    }

    public byte Byte() => Bytes(1)[0];
    public ushort UInt16() => BinaryPrimitives.ReadUInt16BigEndian(Bytes(2));
    public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Bytes(4));
}

/// <summary>Builds big-endian PDU bytes, with back-patched lengths for items.</summary>
internal sealed class BigEndianWriter
{
    private byte[] _buffer = new byte[256];

    public int Length { get; private set; }

    public BigEndianWriter Byte(byte v)
    {
        Ensure(1)[0] = v;
        Length += 1;
        return this;
    }

    public BigEndianWriter UInt16(ushort v)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Ensure(2), v);
        Length += 2;
        return this;
    }

    public BigEndianWriter UInt32(uint v)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Ensure(4), v);
        Length += 4;
        return this;
    }

    public BigEndianWriter Bytes(ReadOnlySpan<byte> v)
    {
        v.CopyTo(Ensure(v.Length));
        Length += v.Length;
        return this;
    }

    public int Reserve(int count)
    {
        int at = Length;
        Ensure(count).Clear();
        Length += count;
        return at;
    }

    /// <summary>Writes an item's type, a reserved byte and a length placeholder; returns where the length goes.</summary>
    public int BeginItem(byte type)
    {
        Byte(type).Byte(0);
        return Reserve(2);
    }

    public void EndItem(int lengthAt)
    {
        int length = Length - lengthAt - 2;
        if (length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"PDU item of {length} bytes exceeds the 16-bit item length.");
        }
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(lengthAt), (ushort)length);
    }

    public void PatchUInt32(int at, uint v) => BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(at), v);

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    private Span<byte> Ensure(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }
        return _buffer.AsSpan(Length, count);
    }
}
