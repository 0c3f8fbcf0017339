using System.Buffers.Binary;
using System.Text;

namespace MRSNode.Dicom.Tests.IO;

/// <summary>Hand-assembles encoded data sets so tests control every byte (odd lengths, bad lengths, delimiters).</summary>
internal sealed class RawBytes
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _ms = new();
    private readonly bool _bigEndian;

    public RawBytes(bool bigEndian = false) => _bigEndian = bigEndian;

    public static byte[] Part10(byte[] dataset, string transferSyntaxUid)
    {
        var meta = new RawBytes();
        var ts = Encoding.ASCII.GetBytes(transferSyntaxUid.Length % 2 == 1 ? transferSyntaxUid + "\0" : transferSyntaxUid);
        var body = new RawBytes().Explicit(0x0002, 0x0010, "UI", ts).ToArray();
        meta.Explicit(0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)body.Length)).Raw(body);
        return [.. new byte[128], .. "DICM"u8, .. meta.ToArray(), .. dataset];
    }

    public RawBytes Explicit(ushort group, ushort element, string vr, byte[] value, uint? length = null)
    {
        Tag(group, element);
        Raw(Encoding.ASCII.GetBytes(vr));
        bool longForm = vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT" or "UV";
        if (longForm)
        {
            Raw([0, 0]);
            U32(length ?? (uint)value.Length);
        }
        else
        {
            U16((ushort)(length ?? (uint)value.Length));
        }
        return Raw(value);
    }

    public RawBytes Implicit(ushort group, ushort element, byte[] value, uint? length = null)
    {
        Tag(group, element);
        U32(length ?? (uint)value.Length);
        return Raw(value);
    }

    public RawBytes Text(ushort group, ushort element, string vr, string text) =>
        Explicit(group, element, vr, Encoding.ASCII.GetBytes(text));

    public RawBytes Tag(ushort group, ushort element) => U16(group).U16(element);

    /// <summary>A delimiter or item header: tag and 32-bit length, no VR.</summary>
    public RawBytes Delimiter(ushort element, uint length) => Tag(0xFFFE, element).U32(length);

    public RawBytes U16(ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        System.Buffers.BuffersExtensions.Write(_ms, b);
        return this;
    }

    public RawBytes U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        System.Buffers.BuffersExtensions.Write(_ms, b);
        return this;
    }

    public RawBytes Raw(ReadOnlySpan<byte> bytes)
    {
        System.Buffers.BuffersExtensions.Write(_ms, bytes);
        return this;
    }

    public byte[] ToArray() => _ms.WrittenSpan.ToArray();
}
