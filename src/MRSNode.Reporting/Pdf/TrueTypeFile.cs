using System.Buffers.Binary;

namespace MRSNode.Reporting.Pdf;

/// <summary>A TrueType font file that is not what its tables say it is.</summary>
public sealed class TrueTypeFormatException(string message) : Exception(message);

/// <summary>
/// What the PDF writer needs from a TrueType font: the table directory, character → glyph mapping (cmap
/// formats 4 and 12), advance widths, vertical metrics, and the raw glyph data for subsetting.
/// Every offset is checked against the file; a broken font fails with <see cref="TrueTypeFormatException"/>.
/// </summary>
public sealed class TrueTypeFile
{
    private readonly byte[] _data;
    private readonly Dictionary<string, (int Offset, int Length)> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<int, ushort> _cmap = [];
    private readonly ushort[] _advances;

    public TrueTypeFile(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        var count = U16(4);
        for (var i = 0; i < count; i++)
        {
            var entry = 12 + 16 * i;
            var tag = System.Text.Encoding.ASCII.GetString(Slice(entry, 4));
            var offset = checked((int)U32(entry + 8));
            var length = checked((int)U32(entry + 12));
            if (offset < 0 || length < 0 || (long)offset + length > data.Length)
            {
                throw new TrueTypeFormatException($"table '{tag}' lies outside the file");
            }
            _tables[tag] = (offset, length);
        }
        var head = Table("head");
        UnitsPerEm = U16(head + 18);
        if (UnitsPerEm is < 16 or > 16384)
        {
            throw new TrueTypeFormatException($"unitsPerEm {UnitsPerEm} is out of range");
        }
        BoundingBox = (I16(head + 36), I16(head + 38), I16(head + 40), I16(head + 42));
        LongLoca = I16(head + 50) == 1;
        GlyphCount = U16(Table("maxp") + 4);
        var hhea = Table("hhea");
        Ascender = I16(hhea + 4);
        Descender = I16(hhea + 6);
        var metrics = U16(hhea + 34);
        if (metrics == 0 || metrics > GlyphCount)
        {
            throw new TrueTypeFormatException("hhea numberOfHMetrics is out of range");
        }
        var hmtx = Table("hmtx");
        _ = Slice(hmtx, metrics * 4);
        _advances = new ushort[GlyphCount];
        for (var g = 0; g < GlyphCount; g++)
        {
            _advances[g] = U16(hmtx + 4 * Math.Min(g, metrics - 1));
        }
        ReadCmap();
    }

    public int UnitsPerEm { get; }

    public int GlyphCount { get; }

    public int Ascender { get; }

    public int Descender { get; }

    public (int XMin, int YMin, int XMax, int YMax) BoundingBox { get; }

    /// <summary>Whether loca holds 32-bit offsets (head.indexToLocFormat = 1).</summary>
    public bool LongLoca { get; }

    internal byte[] Data => _data;

    /// <summary>The glyph for a Unicode code point; 0 (.notdef) when the font has none.</summary>
    public ushort GlyphOf(int codePoint) => _cmap.GetValueOrDefault(codePoint);

    /// <summary>Advance width of a glyph in font units.</summary>
    public int Advance(ushort glyph) => glyph < _advances.Length ? _advances[glyph] : 0;

    public bool HasTable(string tag) => _tables.ContainsKey(tag);

    /// <summary>The (offset, length) of a table; missing required tables are a format error.</summary>
    public (int Offset, int Length) TableRange(string tag) =>
        _tables.TryGetValue(tag, out var t) ? t : throw new TrueTypeFormatException($"required table '{tag}' is missing");

    /// <summary>Byte range of a glyph's outline in glyf (length 0 for empty glyphs such as space).</summary>
    public (int Offset, int Length) GlyphRange(ushort glyph)
    {
        if (glyph >= GlyphCount)
        {
            throw new TrueTypeFormatException($"glyph {glyph} is beyond the font's {GlyphCount}");
        }
        var (loca, locaLength) = TableRange("loca");
        var (glyf, glyfLength) = TableRange("glyf");
        long start, end;
        if (LongLoca)
        {
            _ = Slice(loca + 4 * glyph, 8);
            (start, end) = (U32(loca + 4 * glyph), U32(loca + 4 * glyph + 4));
        }
        else
        {
            _ = Slice(loca + 2 * glyph, 4);
            (start, end) = (2L * U16(loca + 2 * glyph), 2L * U16(loca + 2 * glyph + 2));
        }
        if (end < start || end > glyfLength || (LongLoca ? 4 : 2) * (glyph + 2) > locaLength)
        {
            throw new TrueTypeFormatException($"glyph {glyph} lies outside glyf");
        }
        return ((int)(glyf + start), (int)(end - start));
    }

    /// <summary>The glyphs a composite glyph is built from (empty for a simple glyph).</summary>
    public IReadOnlyList<ushort> Components(ushort glyph)
    {
        var (offset, length) = GlyphRange(glyph);
        if (length < 10 || I16(offset) >= 0)
        {
            return [];
        }
        var components = new List<ushort>();
        var p = offset + 10;
        const int argsAreWords = 0x1, haveScale = 0x8, moreComponents = 0x20, haveXyScale = 0x40, haveTwoByTwo = 0x80;
        while (true)
        {
            var flags = U16(p);
            components.Add(U16(p + 2));
            p += 4 + ((flags & argsAreWords) != 0 ? 4 : 2);
            p += (flags & haveScale) != 0 ? 2 : (flags & haveXyScale) != 0 ? 4 : (flags & haveTwoByTwo) != 0 ? 8 : 0;
            if ((flags & moreComponents) == 0)
            {
                return components;
            }
            if (p >= offset + length)
            {
                throw new TrueTypeFormatException($"composite glyph {glyph} runs past its end");
            }
        }
    }

    private void ReadCmap()
    {
        if (!HasTable("cmap"))
        {
            return; // fonts embedded in PDFs (our own subsets too) may omit cmap: glyphs are then addressed by number only
        }
        var cmap = Table("cmap");
        var count = U16(cmap + 2);
        int? best = null;
        var bestRank = 0;
        for (var i = 0; i < count; i++)
        {
            var platform = U16(cmap + 4 + 8 * i);
            var encoding = U16(cmap + 6 + 8 * i);
            var offset = cmap + checked((int)U32(cmap + 8 + 8 * i));
            var format = U16(offset);
            // Prefer the full-Unicode subtable (format 12), then BMP Unicode (format 4).
            var rank = (platform, encoding, format) switch
            {
                (3, 10, 12) or (0, 4, 12) or (0, 6, 12) => 3,
                (3, 1, 4) or (0, 3, 4) => 2,
                (0, _, 4) => 1,
                _ => 0,
            };
            if (rank > bestRank)
            {
                (best, bestRank) = (offset, rank);
            }
        }
        if (best is not { } table)
        {
            throw new TrueTypeFormatException("no Unicode cmap subtable (format 4 or 12)");
        }
        if (U16(table) == 12)
        {
            var groups = U32(table + 12);
            _ = Slice(table + 16, checked((int)groups * 12));
            for (var g = 0; g < groups; g++)
            {
                var p = table + 16 + 12 * g;
                var (first, last, glyph) = (U32(p), U32(p + 4), U32(p + 8));
                for (var c = first; c <= last && c <= 0x10FFFF && last - first < 0x10000; c++)
                {
                    _cmap[(int)c] = (ushort)(glyph + (c - first));
                }
            }
            return;
        }
        var segments = U16(table + 6) / 2;
        var ends = table + 14;
        var starts = ends + 2 * segments + 2;
        var deltas = starts + 2 * segments;
        var rangeOffsets = deltas + 2 * segments;
        for (var s = 0; s < segments; s++)
        {
            int start = U16(starts + 2 * s), end = U16(ends + 2 * s), delta = I16(deltas + 2 * s), rangeOffset = U16(rangeOffsets + 2 * s);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                var glyph = rangeOffset == 0
                    ? (c + delta) & 0xFFFF
                    : U16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start)) is var g && g != 0 ? (g + delta) & 0xFFFF : 0;
                if (glyph != 0)
                {
                    _cmap[c] = (ushort)glyph;
                }
            }
        }
    }

    private int Table(string tag) => TableRange(tag).Offset;

    private ReadOnlySpan<byte> Slice(int offset, int length) =>
        offset >= 0 && length >= 0 && (long)offset + length <= _data.Length
            ? _data.AsSpan(offset, length)
            : throw new TrueTypeFormatException($"read of {length} bytes at {offset} is outside the {_data.Length}-byte font");

    private ushort U16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(Slice(offset, 2));

    private short I16(int offset) => BinaryPrimitives.ReadInt16BigEndian(Slice(offset, 2));

    private uint U32(int offset) => BinaryPrimitives.ReadUInt32BigEndian(Slice(offset, 4));
}
