using System.Buffers.Binary;
using MRSNode.Reporting.Fonts;
using MRSNode.Reporting.Pdf;
using MRSNode.Reporting.Rendering.Raster;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Pdf;

[UnitTest]
public class TrueTypeSubsetterTests
{
    private static readonly TrueTypeFont Font = TrueTypeFont.Parse(ReportFonts.Regular);

    [Fact]
    public void Subset_ThreeGlyphs_KeepsTheirOutlinesAndEmptiesTheRest()
    {
        ushort[] used = [(ushort)Font.GlyphIndex('A'), (ushort)Font.GlyphIndex('N'), (ushort)Font.GlyphIndex('ë')];

        var subset = TrueTypeFont.Parse(TrueTypeSubsetter.Subset(Font, used));

        Assert.Equal(Font.GlyphCount, subset.GlyphCount);
        foreach (var g in used)
        {
            var (o1, l1) = Font.GlyphData(g);
            var (o2, l2) = subset.GlyphData(g);
            Assert.True(l2 >= l1 && l2 - l1 < 4); // same outline, padded to 4 bytes
            Assert.Equal(ReportFonts.Regular.AsSpan(o1, l1).ToArray(), TrueTypeSubsetter.Subset(Font, used).AsSpan(o2, l1).ToArray());
        }
        Assert.Equal(0, subset.GlyphData((ushort)Font.GlyphIndex('B')).Length);
        Assert.Equal(Font.AdvanceWidth((ushort)Font.GlyphIndex('B')), subset.AdvanceWidth((ushort)Font.GlyphIndex('B'))); // metrics stay whole
    }

    [Fact]
    public void Subset_CompositeGlyph_KeepsItsComponents()
    {
        var e = (ushort)Font.GlyphIndex('ë');
        var components = Font.ComponentGlyphs(e);
        Assert.NotEmpty(components); // ë is e + dieresis in DejaVu

        var subset = TrueTypeFont.Parse(TrueTypeSubsetter.Subset(Font, [e]));

        Assert.All(components, c => Assert.True(subset.GlyphData(c).Length > 0));
    }

    [Fact]
    public void Subset_Typical_IsSmallAndChecksumAdjustmentHolds()
    {
        var glyphs = "MR spectroscopy report 0123456789.–%".Select(c => (ushort)Font.GlyphIndex(c)).ToArray();

        var bytes = TrueTypeSubsetter.Subset(Font, glyphs);

        Assert.True(bytes.Length < ReportFonts.Regular.Length / 6, $"{bytes.Length} bytes");
        uint sum = 0;
        for (var i = 0; i < bytes.Length; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i, 4)));
        }
        Assert.Equal(0xB1B0AFBAu, sum); // the whole-file checksum the head table's adjustment makes
    }
}
