namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// A TrueType font (glyf outlines) parsed from its bytes: metrics from head/hhea/hmtx/maxp, the Unicode
/// cmap (format 4 or 12), pair kerning from 'kern', and glyph outlines (cached). Unhinted: outlines are
/// used as designed, which is what an anti-aliased rasteriser wants. CFF ('OTTO') fonts are refused.
/// </summary>
public sealed class TrueTypeFont
{
    private readonly CharacterMap _cmap;
    private readonly KerningTable _kerning;
    private readonly GlyphTable _glyphs;
    private readonly ushort[] _advances;
    private readonly short[] _leftSideBearings;

    private TrueTypeFont(int unitsPerEm, int ascender, int descender, int lineGap, CharacterMap cmap, KerningTable kerning, GlyphTable glyphs, ushort[] advances, short[] lsb)
    {
        UnitsPerEm = unitsPerEm;
        Ascender = ascender;
        Descender = descender;
        LineGap = lineGap;
        _cmap = cmap;
        _kerning = kerning;
        _glyphs = glyphs;
        _advances = advances;
        _leftSideBearings = lsb;
    }

    public int UnitsPerEm { get; }

    /// <summary>hhea ascender, in font units (positive, above the baseline).</summary>
    public int Ascender { get; }

    /// <summary>hhea descender, in font units (negative, below the baseline).</summary>
    public int Descender { get; }

    public int LineGap { get; }

    public int GlyphCount => _glyphs.GlyphCount;

    /// <summary>Number of kerning pairs read from 'kern' (0 when the font has none).</summary>
    public int KerningPairCount => _kerning.Count;

    /// <summary>The glyph for a Unicode code point; 0 (.notdef) when the font lacks it.</summary>
    public int GlyphIndex(int codePoint) => _cmap.Lookup(codePoint);

    /// <summary>Advance width in font units (glyphs past hhea's count share the last advance).</summary>
    public int AdvanceWidth(int glyph) => _advances[Math.Min(CheckGlyph(glyph), _advances.Length - 1)];

    public int LeftSideBearing(int glyph) => _leftSideBearings[CheckGlyph(glyph)];

    /// <summary>Kerning between two glyphs in font units (negative brings them closer).</summary>
    public int Kerning(int left, int right) => _kerning.Get(left, right);

    /// <summary>Outline bounds of a glyph in font units, y up: (xMin, yMin, xMax, yMax); zeros for an empty glyph.</summary>
    public (float XMin, float YMin, float XMax, float YMax) GlyphBounds(int glyph)
    {
        var o = Outline(glyph);
        return (o.XMin, o.YMin, o.XMax, o.YMax);
    }

    /// <summary>Advance width of a line of text in font units: advances plus (unless turned off) pair kerning.</summary>
    public int MeasureUnits(string text, bool kerning = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        int width = 0, previous = -1;
        foreach (var rune in text.EnumerateRunes())
        {
            int glyph = GlyphIndex(rune.Value);
            if (kerning && previous >= 0)
            {
                width += Kerning(previous, glyph);
            }
            width += AdvanceWidth(glyph);
            previous = glyph;
        }
        return width;
    }

    internal GlyphOutline Outline(int glyph) => _glyphs.Outline(CheckGlyph(glyph));

    private int CheckGlyph(int glyph) => (uint)glyph < (uint)GlyphCount
        ? glyph
        : throw new ArgumentOutOfRangeException(nameof(glyph), glyph, $"the font has {GlyphCount} glyphs");

    /// <summary>Parses a TrueType font. Throws <see cref="FontFormatException"/> when it is malformed or not TrueType.</summary>
    public static TrueTypeFont Parse(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var tables = ReadDirectory(data);
        FontTable Required(string tag) => tables.TryGetValue(tag, out var t) ? t : throw new FontFormatException("directory", 0, $"required table '{tag}' is missing");

        var head = Required("head");
        if (head.U32(12) != 0x5F0F3CF5)
        {
            throw head.Error(12, "magic number is not 0x5F0F3CF5");
        }
        int unitsPerEm = head.U16(18);
        if (unitsPerEm is < 16 or > 16384)
        {
            throw head.Error(18, $"unitsPerEm {unitsPerEm} is outside 16–16384");
        }
        int locaFormat = head.S16(50);
        if (locaFormat is not (0 or 1))
        {
            throw head.Error(50, $"indexToLocFormat {locaFormat} is neither 0 nor 1");
        }
        int glyphCount = Required("maxp").U16(4);
        if (glyphCount == 0)
        {
            throw Required("maxp").Error(4, "the font has no glyphs");
        }

        var hhea = Required("hhea");
        int metricsCount = hhea.U16(34);
        if (metricsCount == 0 || metricsCount > glyphCount)
        {
            throw hhea.Error(34, $"numberOfHMetrics {metricsCount} is not within 1–{glyphCount}");
        }
        var hmtx = Required("hmtx");
        hmtx.Require(0, 4L * metricsCount + 2L * (glyphCount - metricsCount), "horizontal metrics");
        var advances = new ushort[metricsCount];
        var lsb = new short[glyphCount];
        for (int i = 0; i < glyphCount; i++)
        {
            if (i < metricsCount)
            {
                advances[i] = hmtx.U16(4 * i);
                lsb[i] = hmtx.S16(4 * i + 2);
            }
            else
            {
                lsb[i] = hmtx.S16(4 * metricsCount + 2 * (i - metricsCount));
            }
        }

        var cmap = CharacterMap.Parse(Required("cmap"), glyphCount);
        var kerning = tables.TryGetValue("kern", out var kern) ? KerningTable.Parse(kern) : KerningTable.Empty;
        var glyphs = new GlyphTable(Required("glyf"), Required("loca"), locaFormat == 1, glyphCount);
        return new TrueTypeFont(unitsPerEm, hhea.S16(4), hhea.S16(6), hhea.S16(8), cmap, kerning, glyphs, advances, lsb);
    }

    private static Dictionary<string, FontTable> ReadDirectory(byte[] data)
    {
        var header = new FontTable(data, "directory", 0, Math.Min(data.Length, 12));
        if (data.Length < 12)
        {
            throw header.Error(0, $"{data.Length} bytes are too few for a font header");
        }
        uint version = header.U32(0);
        if (version == 0x4F54544F)
        {
            throw header.Error(0, "CFF-flavoured OpenType ('OTTO') is not supported; use a TrueType (glyf) font");
        }
        if (version is not (0x00010000 or 0x74727565))
        {
            throw header.Error(0, $"version 0x{version:X8} is not a TrueType font");
        }
        int count = header.U16(4);
        var directory = new FontTable(data, "directory", 0, data.Length);
        directory.Require(12, 16L * count, "table records");
        var tables = new Dictionary<string, FontTable>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            int at = 12 + 16 * i;
            var tag = string.Create(4, (directory, at), static (span, s) =>
            {
                for (int k = 0; k < 4; k++)
                {
                    span[k] = (char)s.directory.U8(s.at + k);
                }
            });
            long offset = directory.U32(at + 8), length = directory.U32(at + 12);
            if (offset + length > data.Length)
            {
                throw directory.Error(at + 8, $"table '{tag}' ({length} bytes at {offset}) runs past the end of the {data.Length}-byte file");
            }
            tables[tag] = new FontTable(data, tag, (int)offset, (int)length);
        }
        return tables;
    }
}
