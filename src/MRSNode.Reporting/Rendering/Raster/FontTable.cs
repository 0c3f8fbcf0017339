using System.Buffers.Binary;

namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// A bounds-checked big-endian view of one table of a font file. Every read is checked against the
/// table's extent, so a font with a bad offset or count fails with a <see cref="FontFormatException"/>
/// naming the table and the byte, never with an index error.
/// </summary>
internal readonly struct FontTable
{
    private readonly byte[] _file;

    public FontTable(byte[] file, string name, int start, int length)
    {
        if (start < 0 || length < 0 || (long)start + length > file.Length)
        {
            throw new FontFormatException(name, start, $"table of {length} bytes does not fit in the {file.Length}-byte file");
        }
        _file = file;
        Name = name;
        Start = start;
        Length = length;
    }

    public string Name { get; }

    /// <summary>Offset of the table in the file.</summary>
    public int Start { get; }

    public int Length { get; }

    public byte U8(int offset) => _file[Check(offset, 1)];

    public ushort U16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_file.AsSpan(Check(offset, 2), 2));

    public short S16(int offset) => BinaryPrimitives.ReadInt16BigEndian(_file.AsSpan(Check(offset, 2), 2));

    public uint U32(int offset) => BinaryPrimitives.ReadUInt32BigEndian(_file.AsSpan(Check(offset, 4), 4));

    /// <summary>A 2.14 fixed-point number (composite glyph scales).</summary>
    public float F2Dot14(int offset) => S16(offset) / 16384f;

    /// <summary>A sub-range of this table (a cmap subtable, a glyph), checked to lie inside it.</summary>
    public FontTable Slice(int offset, int length, string? name = null)
    {
        if (offset < 0 || length < 0 || (long)offset + length > Length)
        {
            throw Error(offset, $"range of {length} bytes at {offset} exceeds the table's {Length} bytes");
        }
        return new FontTable(_file, name ?? Name, Start + offset, length);
    }

    /// <summary>Fails unless <paramref name="count"/> bytes from <paramref name="offset"/> lie in the table (checks a whole array before a loop).</summary>
    public void Require(int offset, long count, string what)
    {
        if (offset < 0 || count < 0 || offset + count > Length)
        {
            throw Error(offset, $"{what} ({count} bytes) runs past the end of the table ({Length} bytes)");
        }
    }

    public FontFormatException Error(int offset, string problem) => new(Name, (long)Start + offset, problem);

    private int Check(int offset, int size)
    {
        if (offset < 0 || offset > Length - size)
        {
            throw Error(offset, $"read of {size} bytes past the end of the table ({Length} bytes)");
        }
        return Start + offset;
    }
}
