using MRSNode.Reporting.Fonts;
using MRSNode.Reporting.Rendering.Raster;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Rendering.Raster;

/// <summary>
/// DejaVu Sans as parsed by us against the values fontTools 4.38 reports for the same files
/// (getBestCmap, hmtx, kern table 0, glyf bounds recalculated over every point).
/// </summary>
[UnitTest]
public class TrueTypeFontTests
{
    private static readonly TrueTypeFont Regular = TrueTypeFont.Parse(ReportFonts.Regular);
    private static readonly TrueTypeFont Bold = TrueTypeFont.Parse(ReportFonts.Bold);

    [Fact]
    public void Parse_DejaVuSans_HeadHheaMaxpAsFontTools()
    {
        Assert.Equal(2048, Regular.UnitsPerEm);
        Assert.Equal(6253, Regular.GlyphCount);
        Assert.Equal(1901, Regular.Ascender);
        Assert.Equal(-483, Regular.Descender);
        Assert.Equal(0, Regular.LineGap);
        Assert.Equal(2727, Regular.KerningPairCount);
        Assert.Equal(6196, Bold.GlyphCount);
        Assert.Equal(1538, Bold.KerningPairCount);
    }

    [Theory]
    [InlineData('A', 36, 1401, 16)]
    [InlineData(' ', 3, 651, 0)]
    [InlineData('µ', 119, 1303, 174)]
    [InlineData('≥', 3312, 1716, 217)]
    [InlineData('±', 115, 1716, 217)]
    [InlineData('é', 171, 1260, 113)]
    [InlineData('–', 2806, 1024, 100)]
    public void GlyphIndex_BmpCharacter_GlyphAndMetricsAsFontTools(char c, int glyph, int advance, int lsb)
    {
        Assert.Equal(glyph, Regular.GlyphIndex(c));
        Assert.Equal(advance, Regular.AdvanceWidth(glyph));
        Assert.Equal(lsb, Regular.LeftSideBearing(glyph));
    }

    [Fact]
    public void GlyphIndex_AstralCharacter_FoundThroughFormat12()
    {
        Assert.Equal(5920, Regular.GlyphIndex(0x1F643)); // U+1F643, the font's last mapped code point
        Assert.Equal(2135, Regular.AdvanceWidth(5920));
    }

    [Theory]
    [InlineData(0x0378)] // unassigned
    [InlineData(0xE000)] // private use
    [InlineData(0x10FFFF)]
    [InlineData(-1)]
    public void GlyphIndex_CharacterNotInFont_IsNotdef(int codePoint)
    {
        Assert.Equal(0, Regular.GlyphIndex(codePoint));
    }

    [Theory]
    [InlineData('A', 'V', -131)]
    [InlineData('T', 'o', -348)]
    [InlineData('L', 'T', -282)]
    [InlineData('o', 'o', 0)]
    public void Kerning_DejaVuPairs_AsKernTable(char left, char right, int expected)
    {
        Assert.Equal(expected, Regular.Kerning(Regular.GlyphIndex(left), Regular.GlyphIndex(right)));
    }

    [Fact]
    public void Kerning_BoldAV_FromItsOwnTable()
    {
        Assert.Equal(-139, Bold.Kerning(Bold.GlyphIndex('A'), Bold.GlyphIndex('V')));
        Assert.Equal(1585, Bold.AdvanceWidth(Bold.GlyphIndex('A')));
    }

    [Theory]
    [InlineData('A', 16, 0, 1384, 1493)]
    [InlineData('µ', 174, -426, 1253, 1120)]
    [InlineData('≥', 217, 0, 1499, 1192)]
    [InlineData('g', 113, -426, 1114, 1147)]
    [InlineData('é', 113, -29, 1151, 1638)] // composite: 'e' + 'acute' moved by (139, 0)
    public void GlyphBounds_SimpleAndComposite_AsFontTools(char c, float xMin, float yMin, float xMax, float yMax)
    {
        Assert.Equal((xMin, yMin, xMax, yMax), Regular.GlyphBounds(Regular.GlyphIndex(c)));
    }

    [Fact]
    public void Outline_CompositeEacute_PointsAreEThenShiftedAcute()
    {
        var e = Regular.Outline(Regular.GlyphIndex('e'));
        var acute = Regular.Outline(Regular.GlyphIndex('´'));
        var eacute = Regular.Outline(Regular.GlyphIndex('é'));

        Assert.Equal(e.PointCount + acute.PointCount, eacute.PointCount);
        Assert.Equal(32, eacute.PointCount);
        Assert.Equal(3, eacute.ContourEnds.Length);
        Assert.Equal(e.X[0], eacute.X[0]);
        Assert.Equal(acute.X[0] + 139, eacute.X[e.PointCount]);
        Assert.Equal(acute.Y[0], eacute.Y[e.PointCount]);
    }

    [Fact]
    public void MeasureUnits_AV_AdvancesPlusKerning()
    {
        Assert.Equal(1401 + 1401 - 131, Regular.MeasureUnits("AV"));
        Assert.Equal(0, Regular.MeasureUnits(""));
    }
}
