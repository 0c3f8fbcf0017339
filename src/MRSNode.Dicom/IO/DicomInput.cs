using System.Buffers.Binary;

namespace MRSNode.Dicom.IO;

/// <summary>
/// Buffered, position-tracking reader over a stream. Every read is checked against what the
/// stream can still deliver: a declared length never allocates more than the input holds or may
/// hold (an inflated data set: its bound from the read options). For streams of unknown length
/// and no bound, values grow in 1 MiB steps as bytes actually arrive.
/// </summary>
internal sealed class DicomInput
{
    private const int BufferSize = 64 * 1024;
    private const int GrowStep = 1 << 20;

    private readonly Stream _stream;
    private readonly long _length;       // total bytes available from position 0, or -1 when unknown
    private readonly long _maxLength;    // most bytes the stream may deliver when _length is unknown, or -1 when unbounded
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _bufferPos;
    private int _bufferLen;
    private long _position;              // offset of the next unread byte, relative to OffsetBase
    private DicomTag? _currentTag;

    /// <param name="maxLength">
    /// For a stream of unknown length: the most it may deliver (it throws past that, as <see cref="BoundedInflateStream"/>
    /// does), so a value up to it is allocated at once rather than grown and copied; −1 when unbounded.
    /// </param>
    public DicomInput(Stream stream, long offsetBase = 0, long maxLength = -1)
    {
        _stream = stream;
        OffsetBase = offsetBase;
        _length = stream.CanSeek ? stream.Length - stream.Position : -1;
        _maxLength = _length < 0 ? maxLength : -1;
    }

    /// <summary>Added to positions in error messages (a deflated data set starts after the meta group).</summary>
    public long OffsetBase { get; }

    public long Position => _position;

    /// <summary>Bytes left (at most, for a bounded stream), or long.MaxValue when the stream's length is unknown.</summary>
    public long Remaining => _length >= 0 ? _length - _position : _maxLength >= 0 ? _maxLength - _position : long.MaxValue;

    /// <summary>Appended to "bytes left" in errors when <see cref="Remaining"/> is the bound of an inflated data set, not its real end.</summary>
    public string BoundNote => _maxLength >= 0 ? " within the inflate limits" : "";

    /// <summary>The tag being read, for error messages.</summary>
    public DicomTag? CurrentTag { get => _currentTag; set => _currentTag = value; }

    public DicomFormatException Error(string message) => ErrorAt(_position, message);

    /// <summary>An error located at <paramref name="position"/>, e.g. the start of the element whose length is wrong.</summary>
    public DicomFormatException ErrorAt(long position, string message) => new(message, OffsetBase + position, _currentTag);

    public bool AtEnd => _bufferPos == _bufferLen && Fill(1) == 0;

    /// <summary>Ensures at least <paramref name="count"/> bytes are buffered if the stream has them; returns how many are.</summary>
    public int Fill(int count)
    {
        if (_bufferLen - _bufferPos >= count)
        {
            return _bufferLen - _bufferPos;
        }
        if (_bufferPos > 0)
        {
            Buffer.BlockCopy(_buffer, _bufferPos, _buffer, 0, _bufferLen - _bufferPos);
            _bufferLen -= _bufferPos;
            _bufferPos = 0;
        }
        while (_bufferLen < count)
        {
            int n = ReadStream(_buffer.AsSpan(_bufferLen));
            if (n == 0)
            {
                break;
            }
            _bufferLen += n;
        }
        return _bufferLen;
    }

    /// <summary>The next bytes without consuming them (fewer if the stream ends).</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        int available = Fill(count);
        return _buffer.AsSpan(_bufferPos, Math.Min(count, available));
    }

    public ushort ReadUInt16(bool bigEndian)
    {
        var s = Take(2);
        return bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
    }

    public uint ReadUInt32(bool bigEndian)
    {
        var s = Take(4);
        return bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
    }

    /// <summary>Consumes <paramref name="count"/> (≤ 8) bytes from the buffer.</summary>
    public ReadOnlySpan<byte> Take(int count)
    {
        if (Fill(count) < count)
        {
            throw Error("unexpected end of data");
        }
        var s = _buffer.AsSpan(_bufferPos, count);
        _bufferPos += count;
        _position += count;
        return s;
    }

    /// <summary>Reads a value of a declared length, refusing lengths the input cannot hold.</summary>
    public byte[] ReadBytes(long count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Error($"value length {count} exceeds the {Remaining} bytes left{BoundNote}");
        }
        if (count > Array.MaxLength)
        {
            throw Error($"value length {count} is larger than this reader supports");
        }
        if (_length >= 0 || _maxLength >= 0 || count <= GrowStep)
        {
            var result = new byte[count];
            ReadInto(result);
            return result;
        }
        // Unknown length (deflate, network): grow as data arrives so a lying header cannot force a huge allocation.
        var chunks = new List<byte[]>();
        long left = count;
        while (left > 0)
        {
            var chunk = new byte[Math.Min(left, GrowStep)];
            ReadInto(chunk);
            chunks.Add(chunk);
            left -= chunk.Length;
        }
        if (chunks.Count == 1)
        {
            return chunks[0];
        }
        var all = new byte[count];
        int offset = 0;
        foreach (var c in chunks)
        {
            Buffer.BlockCopy(c, 0, all, offset, c.Length);
            offset += c.Length;
        }
        return all;
    }

    public void Skip(long count)
    {
        if (count > Remaining)
        {
            throw Error($"cannot skip {count} bytes: only {Remaining} left");
        }
        long fromBuffer = Math.Min(count, _bufferLen - _bufferPos);
        _bufferPos += (int)fromBuffer;
        _position += fromBuffer;
        long left = count - fromBuffer;
        if (left > 0 && _stream.CanSeek)
        {
            _stream.Seek(left, SeekOrigin.Current);
            _position += left;
            return;
        }
        Span<byte> sink = stackalloc byte[4096];
        while (left > 0)
        {
            int n = ReadStream(sink[..(int)Math.Min(left, sink.Length)]);
            if (n == 0)
            {
                throw Error("unexpected end of data");
            }
            left -= n;
            _position += n;
        }
    }

    /// <summary>The unread rest of the input as a stream (buffered bytes first), e.g. to inflate it.</summary>
    public Stream RemainderStream() => new PrefixedStream(_buffer.AsMemory(_bufferPos, _bufferLen - _bufferPos), _stream);

    private void ReadInto(Span<byte> target)
    {
        int fromBuffer = Math.Min(target.Length, _bufferLen - _bufferPos);
        _buffer.AsSpan(_bufferPos, fromBuffer).CopyTo(target);
        _bufferPos += fromBuffer;
        _position += fromBuffer;
        var rest = target[fromBuffer..];
        while (!rest.IsEmpty)
        {
            int n = ReadStream(rest);
            if (n == 0)
            {
                throw Error("unexpected end of data");
            }
            rest = rest[n..];
            _position += n;
        }
    }

    private int ReadStream(Span<byte> target)
    {
        try
        {
            return _stream.Read(target);
        }
        catch (InvalidDataException ex)
        {
            throw new DicomFormatException("corrupt deflated data", OffsetBase + _position, _currentTag, ex);
        }
        catch (DicomFormatException ex) when (ex.Tag is null && _currentTag is not null)
        {
            throw new DicomFormatException(ex.Reason, ex.Offset, _currentTag, ex); // an inflate limit: name the element being read
        }
    }

    /// <summary>Yields some already-buffered bytes, then the rest of an inner stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : ForwardReadStream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override int Read(Span<byte> buffer)
        {
            if (!_prefix.IsEmpty)
            {
                int n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }
            return inner.Read(buffer);
        }
    }
}
