namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// Reads glyph outlines from 'glyf' through 'loca' (short or long offsets): simple glyphs with their
/// flag/coordinate encoding, and composite glyphs whose components are placed by x/y offsets or by
/// matching points, and transformed by a scale, x/y scales or a 2×2 matrix.
/// </summary>
internal sealed class GlyphTable
{
    private const int MaxCompositeDepth = 16;
    private const int MaxCompositePoints = 1 << 20; // far above any real glyph; stops a font that multiplies components

    // Simple glyph flags.
    private const byte OnCurvePoint = 0x01, XShort = 0x02, YShort = 0x04, Repeat = 0x08, XSameOrPositive = 0x10, YSameOrPositive = 0x20;

    // Composite glyph flags.
    private const ushort ArgsAreWords = 0x0001, ArgsAreXYValues = 0x0002, HaveScale = 0x0008, MoreComponents = 0x0020,
        HaveXYScale = 0x0040, HaveTwoByTwo = 0x0080, ScaledComponentOffset = 0x0800, UnscaledComponentOffset = 0x1000;

    private readonly FontTable _glyf;
    private readonly FontTable _loca;
    private readonly bool _longOffsets;
    private readonly GlyphOutline?[] _cache;

    public GlyphTable(FontTable glyf, FontTable loca, bool longOffsets, int glyphCount)
    {
        long needed = (glyphCount + 1L) * (longOffsets ? 4 : 2);
        if (loca.Length < needed)
        {
            throw loca.Error(0, $"{loca.Length} bytes hold fewer than the {glyphCount + 1} offsets maxp implies");
        }
        _glyf = glyf;
        _loca = loca;
        _longOffsets = longOffsets;
        _cache = new GlyphOutline?[glyphCount];
    }

    public int GlyphCount => _cache.Length;

    /// <summary>The outline of a glyph, parsed once and cached (safe to call from several threads: a race only parses twice).</summary>
    public GlyphOutline Outline(int glyph) => Outline(glyph, 0);

    private GlyphOutline Outline(int glyph, int depth)
    {
        if ((uint)glyph >= (uint)_cache.Length)
        {
            throw _loca.Error(0, $"glyph {glyph} does not exist (the font has {_cache.Length})");
        }
        var cached = Volatile.Read(ref _cache[glyph]);
        if (cached is not null)
        {
            return cached;
        }
        var outline = Parse(glyph, depth);
        Volatile.Write(ref _cache[glyph], outline);
        return outline;
    }

    private GlyphOutline Parse(int glyph, int depth)
    {
        long start = _longOffsets ? _loca.U32(4 * glyph) : _loca.U16(2 * glyph) * 2L;
        long end = _longOffsets ? _loca.U32(4 * glyph + 4) : _loca.U16(2 * glyph + 2) * 2L;
        if (end < start || end > _glyf.Length)
        {
            throw _loca.Error((_longOffsets ? 4 : 2) * glyph, $"glyph {glyph} spans bytes {start}–{end} of a {_glyf.Length}-byte glyf table");
        }
        if (end == start)
        {
            return GlyphOutline.Empty; // a space
        }
        var g = _glyf.Slice((int)start, (int)(end - start), $"glyf (glyph {glyph})");
        int contours = g.S16(0);
        return contours >= 0 ? ParseSimple(g, contours) : ParseComposite(g, glyph, depth);
    }

    private static GlyphOutline ParseSimple(FontTable g, int contours)
    {
        var ends = new int[contours];
        g.Require(10, 2L * contours + 2, "contour end points");
        for (int i = 0; i < contours; i++)
        {
            ends[i] = g.U16(10 + 2 * i);
            if (i > 0 && ends[i] < ends[i - 1])
            {
                throw g.Error(10 + 2 * i, $"contour {i} ends at point {ends[i]}, before contour {i - 1} ({ends[i - 1]})");
            }
        }
        int points = contours == 0 ? 0 : ends[^1] + 1;
        int instructions = g.U16(10 + 2 * contours);
        int at = 12 + 2 * contours + instructions;
        var flags = new byte[points];
        for (int i = 0; i < points;)
        {
            byte f = g.U8(at++);
            flags[i++] = f;
            if ((f & Repeat) != 0)
            {
                int count = g.U8(at++);
                if (count > points - i)
                {
                    throw g.Error(at - 1, $"flag repeat of {count} runs past the {points} points");
                }
                flags.AsSpan(i, count).Fill(f);
                i += count;
            }
        }
        var x = new float[points];
        var y = new float[points];
        at = ReadCoordinates(g, at, flags, x, XShort, XSameOrPositive);
        ReadCoordinates(g, at, flags, y, YShort, YSameOrPositive);
        var on = flags.Select(f => (f & OnCurvePoint) != 0).ToArray();
        return new GlyphOutline(x, y, on, ends);
    }

    /// <summary>Delta-encoded coordinates: a byte with the sign in the flag, a repeat of the previous value, or a signed word.</summary>
    private static int ReadCoordinates(FontTable g, int at, byte[] flags, float[] values, byte shortBit, byte sameOrPositiveBit)
    {
        int value = 0;
        for (int i = 0; i < flags.Length; i++)
        {
            byte f = flags[i];
            if ((f & shortBit) != 0)
            {
                int d = g.U8(at++);
                value += (f & sameOrPositiveBit) != 0 ? d : -d;
            }
            else if ((f & sameOrPositiveBit) == 0)
            {
                value += g.S16(at);
                at += 2;
            }
            values[i] = value;
        }
        return at;
    }

    private GlyphOutline ParseComposite(FontTable g, int glyph, int depth)
    {
        if (depth >= MaxCompositeDepth)
        {
            throw g.Error(0, $"composite glyph {glyph} nests deeper than {MaxCompositeDepth} (a cycle?)");
        }
        var x = new List<float>();
        var y = new List<float>();
        var on = new List<bool>();
        var ends = new List<int>();
        int at = 10;
        ushort flags;
        do
        {
            flags = g.U16(at);
            int component = g.U16(at + 2);
            at += 4;
            int arg1, arg2;
            bool xy = (flags & ArgsAreXYValues) != 0;
            if ((flags & ArgsAreWords) != 0)
            {
                (arg1, arg2) = xy ? ((int)g.S16(at), (int)g.S16(at + 2)) : ((int)g.U16(at), (int)g.U16(at + 2));
                at += 4;
            }
            else
            {
                (arg1, arg2) = xy ? ((int)(sbyte)g.U8(at), (int)(sbyte)g.U8(at + 1)) : ((int)g.U8(at), (int)g.U8(at + 1));
                at += 2;
            }
            // x' = xx·x + yx·y, y' = xy·x + yy·y (the 2×2 is stored xx, xy, yx, yy).
            float xx = 1, xy2 = 0, yx = 0, yy = 1;
            if ((flags & HaveScale) != 0)
            {
                xx = yy = g.F2Dot14(at);
                at += 2;
            }
            else if ((flags & HaveXYScale) != 0)
            {
                (xx, yy) = (g.F2Dot14(at), g.F2Dot14(at + 2));
                at += 4;
            }
            else if ((flags & HaveTwoByTwo) != 0)
            {
                (xx, xy2, yx, yy) = (g.F2Dot14(at), g.F2Dot14(at + 2), g.F2Dot14(at + 4), g.F2Dot14(at + 6));
                at += 8;
            }
            if (component == glyph)
            {
                throw g.Error(at, $"composite glyph {glyph} contains itself");
            }
            var part = Outline(component, depth + 1);
            int baseIndex = x.Count;
            if (baseIndex + part.PointCount > MaxCompositePoints)
            {
                throw g.Error(at, $"composite glyph {glyph} has more than {MaxCompositePoints} points");
            }
            for (int i = 0; i < part.PointCount; i++)
            {
                x.Add(xx * part.X[i] + yx * part.Y[i]);
                y.Add(xy2 * part.X[i] + yy * part.Y[i]);
                on.Add(part.OnCurve[i]);
            }
            float dx, dy;
            if (xy)
            {
                (dx, dy) = (arg1, arg2);
                // FreeType's default: offsets are not scaled unless the font asks for it.
                if ((flags & ScaledComponentOffset) != 0 && (flags & UnscaledComponentOffset) == 0)
                {
                    (dx, dy) = (xx * arg1 + yx * arg2, xy2 * arg1 + yy * arg2);
                }
            }
            else
            {
                // Point matching: move the component so its point arg2 lands on the already placed point arg1.
                if (arg1 >= baseIndex || arg2 >= part.PointCount)
                {
                    throw g.Error(at, $"composite glyph {glyph} matches point {arg1} to component point {arg2}, which do not exist");
                }
                (dx, dy) = (x[arg1] - x[baseIndex + arg2], y[arg1] - y[baseIndex + arg2]);
            }
            for (int i = baseIndex; i < x.Count; i++)
            {
                x[i] += dx;
                y[i] += dy;
            }
            foreach (int end in part.ContourEnds)
            {
                ends.Add(baseIndex + end);
            }
        }
        while ((flags & MoreComponents) != 0);
        return new GlyphOutline([.. x], [.. y], [.. on], [.. ends]);
    }
}
