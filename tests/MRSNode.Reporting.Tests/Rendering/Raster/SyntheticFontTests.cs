using MRSNode.Reporting.Rendering.Raster;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Rendering.Raster;

/// <summary>Composite transforms, kerning and cmap on fonts built byte by byte, where DejaVu has no example (it scales no component).</summary>
[UnitTest]
public class SyntheticFontTests
{
    private const ushort XY = 0x0002, Scale = 0x0008, XYScale = 0x0040, TwoByTwo = 0x0080, ScaledOffset = 0x0800;

    private static TrueTypeFont Font(out int square, params TestFontBuilder.Component[][] composites)
    {
        var b = new TestFontBuilder();
        square = b.AddGlyph(TestFontBuilder.Simple(TestFontBuilder.Square(0, 0, 1000, 1000)));
        b.Map('S', square);
        char c = 'a';
        foreach (var parts in composites)
        {
            b.Map(c++, b.AddGlyph(TestFontBuilder.Composite(parts)));
        }
        return TrueTypeFont.Parse(b.Build());
    }

    [Fact]
    public void Outline_CompositeWithScaleAndOffset_OffsetNotScaled()
    {
        var font = Font(out int square, [TestFontBuilder.Part(1, 100, 200, XY | Scale, 0.5f)]);

        Assert.Equal((100f, 200f, 600f, 700f), font.GlyphBounds(font.GlyphIndex('a')));
    }

    [Fact]
    public void Outline_CompositeWithScaledComponentOffset_OffsetScaledToo()
    {
        var font = Font(out _, [TestFontBuilder.Part(1, 100, 200, XY | Scale | ScaledOffset, 0.5f)]);

        Assert.Equal((50f, 100f, 550f, 600f), font.GlyphBounds(font.GlyphIndex('a')));
    }

    [Fact]
    public void Outline_CompositeWithXAndYScale_ScalesEachAxis()
    {
        var font = Font(out _, [TestFontBuilder.Part(1, 0, 0, XY | XYScale, 0.25f, 1.5f)]);

        Assert.Equal((0f, 0f, 250f, 1500f), font.GlyphBounds(font.GlyphIndex('a')));
    }

    [Fact]
    public void Outline_CompositeWithTwoByTwoRotation_QuarterTurn()
    {
        // Stored xx, xy, yx, yy = 0, 1, −1, 0: x' = −y, y' = x (a quarter turn anticlockwise).
        var font = Font(out _, [TestFontBuilder.Part(1, 0, 0, XY | TwoByTwo, 0f, 1f, -1f, 0f)]);
        var o = font.Outline(font.GlyphIndex('a'));

        Assert.Equal((-1000f, 0f, 0f, 1000f), font.GlyphBounds(font.GlyphIndex('a')));
        Assert.Equal((-1000f, 0f), (o.X[1], o.Y[1])); // the square's (0, 1000)
        Assert.Equal((0f, 1000f), (o.X[3], o.Y[3])); // the square's (1000, 0)
    }

    [Fact]
    public void Outline_CompositeByPointMatching_ComponentPointLandsOnParentPoint()
    {
        // Second copy: its point 0 (0, 0) is moved onto point 2 (1000, 1000) of the first copy.
        var font = Font(out _, [TestFontBuilder.Part(1, 0, 0, XY), TestFontBuilder.Part(1, 2, 0, 0)]);
        var o = font.Outline(font.GlyphIndex('a'));

        Assert.Equal(8, o.PointCount);
        Assert.Equal((1000f, 1000f), (o.X[4], o.Y[4]));
        Assert.Equal((0f, 0f, 2000f, 2000f), font.GlyphBounds(font.GlyphIndex('a')));
    }

    [Fact]
    public void Outline_NestedComposite_TransformsCompose()
    {
        var b = new TestFontBuilder();
        int square = b.AddGlyph(TestFontBuilder.Simple(TestFontBuilder.Square(0, 0, 1000, 1000)));
        int half = b.AddGlyph(TestFontBuilder.Composite(TestFontBuilder.Part(square, 10, 20, XY | Scale, 0.5f)));
        b.Map('n', b.AddGlyph(TestFontBuilder.Composite(TestFontBuilder.Part(half, 100, 0, XY | Scale, 0.5f))));
        var font = TrueTypeFont.Parse(b.Build());

        // inner: [10, 510] × [20, 520]; outer: ×0.5 then +100 → [105, 355] × [10, 260]
        Assert.Equal((105f, 10f, 355f, 260f), font.GlyphBounds(font.GlyphIndex('n')));
    }

    [Fact]
    public void Kerning_FormatZeroPair_ReadBothWays()
    {
        var b = new TestFontBuilder();
        int g1 = b.AddGlyph(TestFontBuilder.Simple(TestFontBuilder.Square(0, 0, 500, 500)));
        int g2 = b.AddGlyph(TestFontBuilder.Simple(TestFontBuilder.Square(0, 0, 500, 500)));
        b.Map('x', g1).Map('y', g2).Kern(g1, g2, -77);
        var font = TrueTypeFont.Parse(b.Build());

        Assert.Equal(-77, font.Kerning(g1, g2));
        Assert.Equal(0, font.Kerning(g2, g1));
        Assert.Equal(600 + 600 - 77, font.MeasureUnits("xy"));
    }

    [Fact]
    public void GlyphIndex_Format4Segments_MapEachCharacterAndNothingElse()
    {
        var font = Font(out int square, [TestFontBuilder.Part(1, 0, 0, XY)]);

        Assert.Equal(square, font.GlyphIndex('S'));
        Assert.Equal(2, font.GlyphIndex('a'));
        Assert.Equal(0, font.GlyphIndex('R'));
        Assert.Equal(0, font.GlyphIndex('T'));
    }

    public static TheoryData<string> RoundContours => new() { "all off-curve", "last on-curve", "first on-curve" };

    /// <summary>
    /// Four off-curve points (±r, 0), (0, ±r) make a rounded square through the implied midpoints:
    /// the square of side r plus four parabolic caps of r²/6 (2/3 of their control triangle) = 5r²/3.
    /// Starting the contour on an off-curve or on-curve point must give the same shape.
    /// </summary>
    [Theory]
    [MemberData(nameof(RoundContours))]
    public void Outline_QuadraticContour_FilledAreaIsFiveThirdsRSquared(string start)
    {
        (short, short, bool)[] points = start switch
        {
            "all off-curve" => [(1000, 0, false), (0, -1000, false), (-1000, 0, false), (0, 1000, false)],
            "last on-curve" => [(1000, 0, false), (0, -1000, false), (-1000, 0, false), (0, 1000, false), (500, 500, true)],
            _ => [(500, 500, true), (1000, 0, false), (0, -1000, false), (-1000, 0, false), (0, 1000, false)],
        };
        var b = new TestFontBuilder();
        b.Map('o', b.AddGlyph(TestFontBuilder.Simple(points)));
        var font = TrueTypeFont.Parse(b.Build());
        var path = new EdgeList();

        font.Outline(font.GlyphIndex('o')).AppendTo(path, 0.02, 25, 25); // r = 20 px around (25, 25)
        path.Close();
        var r = new CoverageRasterizer();
        r.Reset(50, 50);
        r.AddEdges(path, 0, 0);
        var row = new float[50];
        double area = 0;
        for (int y = 0; y < 50; y++)
        {
            var (s, e) = r.TakeRow(y, row);
            for (int x = s; x < e; x++)
            {
                area += row[x];
            }
        }

        Assert.Equal(5 * 20.0 * 20 / 3, area, 666.67 * 0.005); // flattening keeps within 0.5 %
    }
}
