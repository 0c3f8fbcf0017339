using System.Buffers.Binary;
using MRSNode.Reporting.Fonts;
using MRSNode.Reporting.Rendering.Raster;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Rendering.Raster;

/// <summary>A malformed font fails with one <see cref="FontFormatException"/> naming the table and byte, never an index error.</summary>
[UnitTest]
public class MalformedFontTests
{
    private static byte[] GoodFont()
    {
        var b = new TestFontBuilder();
        int square = b.AddGlyph(TestFontBuilder.Simple(TestFontBuilder.Square(0, 0, 1000, 1000), TestFontBuilder.Square(200, 200, 800, 800)));
        int curve = b.AddGlyph(TestFontBuilder.Simple([(0, 0, true), (500, 1000, false), (1000, 0, true)]));
        int composite = b.AddGlyph(TestFontBuilder.Composite(TestFontBuilder.Part(square, 10, 10, 0x0002 | 0x0008, 0.5f), TestFontBuilder.Part(curve, 0, 0, 0x0002)));
        return b.Map('A', square).Map('B', curve).Map('C', composite).Kern(square, curve, -50).Build();
    }

    [Fact]
    public void Parse_Empty_SaysTooFewBytes()
    {
        var ex = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse([]));
        Assert.Contains("too few for a font header", ex.Message);
    }

    [Fact]
    public void Parse_CffOpenType_RefusedByName()
    {
        var ex = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse("OTTO\0\0\0\0\0\0\0\0"u8.ToArray()));
        Assert.Contains("'OTTO'", ex.Message);
    }

    [Fact]
    public void Parse_NotAFont_SaysVersion()
    {
        var ex = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse("%PDF-1.7 not a font"u8.ToArray()));
        Assert.Contains("not a TrueType font", ex.Message);
        Assert.Equal("directory", ex.Table);
    }

    [Fact]
    public void Parse_TruncatedDejaVu_TablePastTheEnd()
    {
        var cut = ReportFonts.Regular.AsSpan(0, 100_000).ToArray();

        var ex = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse(cut));
        Assert.Contains("runs past the end of the 100000-byte file", ex.Message);
    }

    [Fact]
    public void Parse_MissingGlyf_NamesTheTable()
    {
        var font = GoodFont();
        var (_, _, record) = TestFontBuilder.Locate(font, "glyf");
        "gly_"u8.CopyTo(font.AsSpan(record));

        var ex = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse(font));
        Assert.Contains("required table 'glyf' is missing", ex.Message);
    }

    [Fact]
    public void Parse_BadHeadMagic_Refused()
    {
        var font = GoodFont();
        var (head, _, _) = TestFontBuilder.Locate(font, "head");
        font[head + 12] = 0;

        var ex = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse(font));
        Assert.Equal("head", ex.Table);
        Assert.Equal(head + 12, ex.Offset);
    }

    [Fact]
    public void Parse_CmapSubtableOffsetOutside_NamesCmap()
    {
        var font = GoodFont();
        var (cmap, _, _) = TestFontBuilder.Locate(font, "cmap");
        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(cmap + 8), 0x7FFF0000);

        var ex = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse(font));
        Assert.Equal("cmap", ex.Table);
        Assert.Contains("outside the table", ex.Message);
    }

    [Fact]
    public void Outline_LocaPointsPastGlyf_ClearErrorWhenTheGlyphIsUsed()
    {
        var font = GoodFont();
        var (loca, _, _) = TestFontBuilder.Locate(font, "loca");
        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(loca + 4 * 2), 0x00100000); // end of glyph 1
        var parsed = TrueTypeFont.Parse(font);

        var ex = Assert.Throws<FontFormatException>(() => parsed.GlyphBounds(1));
        Assert.Equal("loca", ex.Table);
        Assert.Contains("glyph 1 spans bytes", ex.Message);
    }

    [Fact]
    public void Outline_CompositeCycle_ReportedNotStackOverflow()
    {
        var b = new TestFontBuilder();
        // Glyph 1 contains glyph 2, which contains glyph 1.
        b.AddGlyph(TestFontBuilder.Composite(TestFontBuilder.Part(2, 0, 0, 0x0002)));
        b.AddGlyph(TestFontBuilder.Composite(TestFontBuilder.Part(1, 0, 0, 0x0002)));
        var font = TrueTypeFont.Parse(b.Build());

        var ex = Assert.Throws<FontFormatException>(() => font.GlyphBounds(1));
        Assert.Contains("nests deeper than 16", ex.Message);
    }

    [Fact]
    public void Outline_FlagRepeatPastPointCount_Refused()
    {
        var glyph = TestFontBuilder.Simple(TestFontBuilder.Square(0, 0, 10, 10));
        // Flags start after 10-byte header, 1 end point, instruction length: byte 14. Make the first flag repeat 200 times.
        glyph[14] = 0x01 | 0x08;
        glyph[15] = 200;
        var b = new TestFontBuilder();
        b.AddGlyph(glyph);
        var font = TrueTypeFont.Parse(b.Build());

        var ex = Assert.Throws<FontFormatException>(() => font.GlyphBounds(1));
        Assert.Contains("flag repeat of 200 runs past the 4 points", ex.Message);
    }

    [Fact]
    public void Parse_RandomCorruption_OnlyFontFormatExceptions()
    {
        var good = GoodFont();
        var rng = new Random(8);
        int failures = 0, parsed = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            var font = (byte[])good.Clone();
            for (int k = rng.Next(1, 6); k > 0; k--)
            {
                font[rng.Next(font.Length)] = (byte)rng.Next(256);
            }
            if (rng.Next(4) == 0)
            {
                Array.Resize(ref font, rng.Next(font.Length));
            }
            try
            {
                var f = TrueTypeFont.Parse(font);
                var path = new EdgeList();
                for (int g = 0; g < f.GlyphCount; g++)
                {
                    f.Outline(g).AppendTo(path, 0.05, 10, 50);
                    _ = f.AdvanceWidth(g) + f.Kerning(g, 1);
                }
                _ = f.MeasureUnits("ABC\U0001F643");
                parsed++;
            }
            catch (FontFormatException)
            {
                failures++;
            }
        }
        // Both outcomes occur: corruption is caught where it matters, and harmless bytes still parse.
        Assert.True(failures > 300, $"{failures} failures");
        Assert.True(parsed > 300, $"{parsed} parsed");
    }
}
