using System.Buffers.Binary;

namespace MRSNode.Reporting.Tests.Rendering.Raster;

/// <summary>
/// Builds small TrueType fonts byte by byte (head, maxp, hhea, hmtx, cmap format 4, loca long, glyf,
/// optional kern) so tests can check composite transforms and corrupt known offsets.
/// unitsPerEm is 1000; glyph 0 is an empty .notdef; characters map through one format 4 segment each.
/// </summary>
internal sealed class TestFontBuilder
{
    private readonly List<(byte[] Glyf, ushort Advance)> _glyphs = [([], 500)];
    private readonly SortedDictionary<char, int> _map = [];
    private readonly List<(int Left, int Right, short Value)> _kerning = [];

    public const int UnitsPerEm = 1000;

    public int AddGlyph(byte[] glyf, ushort advance = 600)
    {
        _glyphs.Add((glyf, advance));
        return _glyphs.Count - 1;
    }

    public TestFontBuilder Map(char c, int glyph)
    {
        _map[c] = glyph;
        return this;
    }

    public TestFontBuilder Kern(int left, int right, short value)
    {
        _kerning.Add((left, right, value));
        return this;
    }

    /// <summary>A simple glyph, each point stored as an uncompressed word (no repeats, no short forms).</summary>
    public static byte[] Simple(params (short X, short Y, bool On)[][] contours)
    {
        var points = contours.SelectMany(c => c).ToArray();
        var b = new List<byte>();
        Word(b, (short)contours.Length);
        Word(b, points.Min(p => p.X));
        Word(b, points.Min(p => p.Y));
        Word(b, points.Max(p => p.X));
        Word(b, points.Max(p => p.Y));
        int end = -1;
        foreach (var c in contours)
        {
            end += c.Length;
            Word(b, (short)end);
        }
        Word(b, 0); // no instructions
        b.AddRange(points.Select(p => (byte)(p.On ? 1 : 0)));
        short last = 0;
        foreach (var p in points)
        {
            Word(b, (short)(p.X - last));
            last = p.X;
        }
        last = 0;
        foreach (var p in points)
        {
            Word(b, (short)(p.Y - last));
            last = p.Y;
        }
        return [.. b];
    }

    /// <summary>An axis-aligned square contour (on-curve corners), clockwise in font units.</summary>
    public static (short, short, bool)[] Square(short x0, short y0, short x1, short y1) =>
        [(x0, y0, true), (x0, y1, true), (x1, y1, true), (x1, y0, true)];

    public readonly record struct Component(ushort Glyph, short Arg1, short Arg2, ushort Flags, float[] Transform);

    public static Component Part(int glyph, short arg1, short arg2, int flags, params float[] transform) =>
        new((ushort)glyph, arg1, arg2, (ushort)flags, transform);

    /// <summary>A composite glyph; args are written as words, the transform as F2Dot14 (1, 2 or 4 values by flag).</summary>
    public static byte[] Composite(params Component[] components)
    {
        var b = new List<byte>();
        Word(b, -1);
        for (int i = 0; i < 4; i++)
        {
            Word(b, 0);
        }
        for (int i = 0; i < components.Length; i++)
        {
            var c = components[i];
            ushort flags = (ushort)(c.Flags | 0x0001 | (i < components.Length - 1 ? 0x0020 : 0));
            Word(b, (short)flags);
            Word(b, (short)c.Glyph);
            Word(b, c.Arg1);
            Word(b, c.Arg2);
            foreach (var t in c.Transform)
            {
                Word(b, (short)Math.Round(t * 16384));
            }
        }
        return [.. b];
    }

    public byte[] Build()
    {
        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["head"] = Head(),
            ["maxp"] = Maxp(),
            ["hhea"] = Hhea(),
            ["hmtx"] = Hmtx(),
            ["cmap"] = Cmap(),
        };
        var (loca, glyf) = LocaGlyf();
        tables["loca"] = loca;
        tables["glyf"] = glyf;
        if (_kerning.Count > 0)
        {
            tables["kern"] = Kern();
        }
        return Assemble(tables);
    }

    /// <summary>Where a table starts in a font built by <see cref="Build"/> (to corrupt it on purpose).</summary>
    public static (int Offset, int Length, int RecordOffset) Locate(byte[] font, string tag)
    {
        int count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (int i = 0; i < count; i++)
        {
            int at = 12 + 16 * i;
            if (System.Text.Encoding.ASCII.GetString(font, at, 4) == tag)
            {
                return ((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(at + 8)), (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(at + 12)), at);
            }
        }
        throw new ArgumentException($"no table {tag}");
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        var b = new List<byte>();
        U32(b, 0x00010000);
        Word(b, (short)tables.Count);
        Word(b, 0);
        Word(b, 0);
        Word(b, 0);
        int offset = 12 + 16 * tables.Count;
        foreach (var (tag, data) in tables)
        {
            b.AddRange(System.Text.Encoding.ASCII.GetBytes(tag));
            U32(b, 0); // checksum: not verified by readers
            U32(b, (uint)offset);
            U32(b, (uint)data.Length);
            offset += (data.Length + 3) & ~3;
        }
        foreach (var data in tables.Values)
        {
            b.AddRange(data);
            b.AddRange(new byte[((data.Length + 3) & ~3) - data.Length]);
        }
        return [.. b];
    }

    private static byte[] Head()
    {
        var b = new byte[54];
        BinaryPrimitives.WriteUInt32BigEndian(b, 0x00010000);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(12), 0x5F0F3CF5);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(18), UnitsPerEm);
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(50), 1); // long loca
        return b;
    }

    private byte[] Maxp()
    {
        var b = new byte[6];
        BinaryPrimitives.WriteUInt32BigEndian(b, 0x00005000);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(4), (ushort)_glyphs.Count);
        return b;
    }

    private byte[] Hhea()
    {
        var b = new byte[36];
        BinaryPrimitives.WriteUInt32BigEndian(b, 0x00010000);
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(4), 800);
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(6), -200);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(34), (ushort)_glyphs.Count);
        return b;
    }

    private byte[] Hmtx()
    {
        var b = new List<byte>();
        foreach (var g in _glyphs)
        {
            Word(b, (short)g.Advance);
            Word(b, 0);
        }
        return [.. b];
    }

    private byte[] Cmap()
    {
        var segments = _map.Select(kv => (Code: (int)kv.Key, Glyph: kv.Value)).Append((Code: 0xFFFF, Glyph: 0)).ToList();
        int n = segments.Count;
        var sub = new List<byte>();
        Word(sub, 4);
        Word(sub, (short)(16 + 8 * n));
        Word(sub, 0);
        Word(sub, (short)(2 * n));
        Word(sub, 0);
        Word(sub, 0);
        Word(sub, 0);
        foreach (var s in segments)
        {
            Word(sub, (short)s.Code); // end
        }
        Word(sub, 0);
        foreach (var s in segments)
        {
            Word(sub, (short)s.Code); // start
        }
        foreach (var s in segments)
        {
            Word(sub, (short)(s.Code == 0xFFFF ? 1 : s.Glyph - s.Code)); // idDelta (mod 65536)
        }
        foreach (var _ in segments)
        {
            Word(sub, 0); // idRangeOffset
        }
        var b = new List<byte>();
        Word(b, 0);
        Word(b, 1);
        Word(b, 3);
        Word(b, 1);
        U32(b, 12);
        b.AddRange(sub);
        return [.. b];
    }

    private (byte[] Loca, byte[] Glyf) LocaGlyf()
    {
        var loca = new List<byte>();
        var glyf = new List<byte>();
        foreach (var g in _glyphs)
        {
            U32(loca, (uint)glyf.Count);
            glyf.AddRange(g.Glyf);
            if (glyf.Count % 2 == 1)
            {
                glyf.Add(0);
            }
        }
        U32(loca, (uint)glyf.Count);
        return ([.. loca], [.. glyf]);
    }

    private byte[] Kern()
    {
        var b = new List<byte>();
        Word(b, 0);
        Word(b, 1);
        Word(b, 0);
        Word(b, (short)(14 + 6 * _kerning.Count));
        Word(b, 1); // horizontal, format 0
        Word(b, (short)_kerning.Count);
        Word(b, 0);
        Word(b, 0);
        Word(b, 0);
        foreach (var (l, r, v) in _kerning)
        {
            Word(b, (short)l);
            Word(b, (short)r);
            Word(b, v);
        }
        return [.. b];
    }

    private static void Word(List<byte> b, short v)
    {
        b.Add((byte)(v >> 8));
        b.Add((byte)v);
    }

    private static void U32(List<byte> b, uint v)
    {
        b.Add((byte)(v >> 24));
        b.Add((byte)(v >> 16));
        b.Add((byte)(v >> 8));
        b.Add((byte)v);
    }
}
