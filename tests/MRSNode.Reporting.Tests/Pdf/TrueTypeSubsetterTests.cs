using System.Buffers.Binary;
using MRSNode.Reporting.Fonts;
using MRSNode.Reporting.Pdf;
using Xunit;

namespace MRSNode.Reporting.Tests.Pdf;

public class TrueTypeSubsetterTests
{
    private static readonly TrueTypeFile Font = new(ReportFonts.Regular);

    [Fact]
    public void Subset_ThreeGlyphs_KeepsTheirOutlinesAndEmptiesTheRest()
    {
        ushort[] used = [Font.GlyphOf('A'), Font.GlyphOf('N'), Font.GlyphOf('ë')];

        var subset = new TrueTypeFile(TrueTypeSubsetter.Subset(Font, used));

        Assert.Equal(Font.GlyphCount, subset.GlyphCount);
        foreach (var g in used)
        {
            var (o1, l1) = Font.GlyphRange(g);
            var (o2, l2) = subset.GlyphRange(g);
            Assert.True(l2 >= l1 && l2 - l1 < 4); // same outline, padded to 4 bytes
            Assert.Equal(ReportFonts.Regular.AsSpan(o1, l1).ToArray(), TrueTypeSubsetter.Subset(Font, used).AsSpan(o2, l1).ToArray());
        }
        Assert.Equal(0, subset.GlyphRange(Font.GlyphOf('B')).Length);
        Assert.Equal(Font.Advance(Font.GlyphOf('B')), subset.Advance(Font.GlyphOf('B'))); // metrics stay whole
    }

    [Fact]
    public void Subset_CompositeGlyph_KeepsItsComponents()
    {
        var e = Font.GlyphOf('ë');
        var components = Font.Components(e);
        Assert.NotEmpty(components); // ë is e + dieresis in DejaVu

        var subset = new TrueTypeFile(TrueTypeSubsetter.Subset(Font, [e]));

        Assert.All(components, c => Assert.True(subset.GlyphRange(c).Length > 0));
    }

    [Fact]
    public void Subset_Typical_IsSmallAndChecksumAdjustmentHolds()
    {
        var glyphs = "MR spectroscopy report 0123456789.–%".Select(c => Font.GlyphOf(c)).ToArray();

        var bytes = TrueTypeSubsetter.Subset(Font, glyphs);

        Assert.True(bytes.Length < ReportFonts.Regular.Length / 10, $"{bytes.Length} bytes");
        uint sum = 0;
        for (var i = 0; i < bytes.Length; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i, 4)));
        }
        Assert.Equal(0xB1B0AFBAu, sum); // the whole-file checksum the head table's adjustment makes
    }
}
