namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// Unicode code point → glyph index, from a cmap subtable of format 12 (full Unicode) or 4 (BMP).
/// Both are held as sorted ranges and searched by binary search; glyph indices outside the font map to 0 (.notdef).
/// </summary>
internal sealed class CharacterMap
{
    private readonly Range[] _ranges;
    private readonly FontTable _glyphIds; // format 4 glyphIdArray region (idRangeOffset != 0)
    private readonly int _glyphCount;

    /// <param name="Delta">Format 12: startGlyph − start; format 4: idDelta (applied modulo 65536).</param>
    /// <param name="ArrayOffset">Format 4 with idRangeOffset ≠ 0: byte offset in the subtable of the start code's glyph id; else −1.</param>
    private readonly record struct Range(int Start, int End, int Delta, int ArrayOffset, bool Modulo);

    private CharacterMap(Range[] ranges, FontTable glyphIds, int glyphCount)
    {
        _ranges = ranges;
        _glyphIds = glyphIds;
        _glyphCount = glyphCount;
    }

    public int Lookup(int codePoint)
    {
        int lo = 0, hi = _ranges.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var r = _ranges[mid];
            if (codePoint > r.End)
            {
                lo = mid + 1;
            }
            else if (codePoint < r.Start)
            {
                hi = mid - 1;
            }
            else
            {
                return Glyph(r, codePoint);
            }
        }
        return 0;
    }

    private int Glyph(Range r, int codePoint)
    {
        int glyph;
        if (r.ArrayOffset >= 0)
        {
            int offset = r.ArrayOffset + 2 * (codePoint - r.Start);
            // A range pointing outside the subtable is the font's error; the character is then simply missing.
            if (offset + 2 > _glyphIds.Length)
            {
                return 0;
            }
            glyph = _glyphIds.U16(offset);
            glyph = glyph == 0 ? 0 : (glyph + r.Delta) & 0xFFFF;
        }
        else
        {
            glyph = r.Modulo ? (codePoint + r.Delta) & 0xFFFF : codePoint + r.Delta;
        }
        return glyph > 0 && glyph < _glyphCount ? glyph : 0;
    }

    /// <summary>Picks the best Unicode subtable: format 12 (3,10)/(0,4+), else format 4 (3,1)/(0,*).</summary>
    public static CharacterMap Parse(FontTable cmap, int glyphCount)
    {
        int count = cmap.U16(2);
        cmap.Require(4, 8L * count, "cmap encoding records");
        int best = -1, bestRank = 0;
        for (int i = 0; i < count; i++)
        {
            int platform = cmap.U16(4 + 8 * i), encoding = cmap.U16(6 + 8 * i);
            int offset = checked((int)Math.Min(cmap.U32(8 + 8 * i), int.MaxValue));
            if (offset > cmap.Length - 2)
            {
                throw cmap.Error(8 + 8 * i, $"subtable offset {offset} is outside the table");
            }
            int format = cmap.U16(offset);
            bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
            int rank = !unicode ? 0 : format == 12 ? 2 : format == 4 ? 1 : 0;
            if (rank > bestRank)
            {
                (best, bestRank) = (offset, rank);
            }
        }
        return bestRank switch
        {
            2 => ParseFormat12(cmap, best, glyphCount),
            1 => ParseFormat4(cmap, best, glyphCount),
            _ => throw cmap.Error(0, "no Unicode subtable of format 4 or 12"),
        };
    }

    private static CharacterMap ParseFormat4(FontTable cmap, int offset, int glyphCount)
    {
        // The 16-bit length field overflows in large subtables (real fonts do this), so bound by the cmap table instead.
        var t = cmap.Slice(offset, cmap.Length - offset, "cmap format 4");
        int segCount = t.U16(6) / 2;
        int ends = 14, starts = ends + 2 * segCount + 2, deltas = starts + 2 * segCount, rangeOffsets = deltas + 2 * segCount;
        t.Require(ends, 8L * segCount + 2, "format 4 segment arrays");
        var ranges = new List<Range>(segCount);
        int previousEnd = -1;
        for (int i = 0; i < segCount; i++)
        {
            int end = t.U16(ends + 2 * i), start = t.U16(starts + 2 * i);
            int delta = t.S16(deltas + 2 * i), rangeOffset = t.U16(rangeOffsets + 2 * i);
            if (start > end || start <= previousEnd)
            {
                throw t.Error(starts + 2 * i, $"segment {i} ({start:X4}–{end:X4}) is empty or out of order");
            }
            previousEnd = end;
            if (start == 0xFFFF)
            {
                continue; // the final sentinel segment
            }
            // idRangeOffset counts from its own position in the subtable.
            int arrayOffset = rangeOffset == 0 ? -1 : rangeOffsets + 2 * i + rangeOffset;
            ranges.Add(new Range(start, end, delta, arrayOffset, Modulo: true));
        }
        return new CharacterMap([.. ranges], t, glyphCount);
    }

    private static CharacterMap ParseFormat12(FontTable cmap, int offset, int glyphCount)
    {
        var header = cmap.Slice(offset, 16, "cmap format 12");
        long length = header.U32(4);
        long groups = header.U32(12);
        if (length > cmap.Length - offset || 16 + 12 * groups > length)
        {
            throw header.Error(4, $"{groups} groups in {length} bytes do not fit the cmap table");
        }
        var t = cmap.Slice(offset, (int)length, "cmap format 12");
        var ranges = new Range[groups];
        long previousEnd = -1;
        for (int i = 0; i < groups; i++)
        {
            int at = 16 + 12 * i;
            long start = t.U32(at), end = t.U32(at + 4), glyph = t.U32(at + 8);
            if (start > end || start <= previousEnd || end > 0x10FFFF)
            {
                throw t.Error(at, $"group {i} ({start:X}–{end:X}) is empty, out of order or beyond U+10FFFF");
            }
            previousEnd = end;
            // Glyphs past the font are dropped at lookup; clamp so the delta stays an int.
            ranges[i] = new Range((int)start, (int)end, (int)(Math.Min(glyph, 0x10000) - start), -1, Modulo: false);
        }
        return new CharacterMap(ranges, t, glyphCount);
    }
}
