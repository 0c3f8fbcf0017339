using System.Buffers.Binary;
using MRSNode.Reporting.Fonts;
using MRSNode.Reporting.Pdf;
using Xunit;

namespace MRSNode.Reporting.Tests.Pdf;

public class TrueTypeFileTests
{
    // Truth read from DejaVuSans.ttf's tables with a separate Python struct parser (cmap 3/1 format 4, hmtx).
    [Fact]
    public void Ctor_DejaVuSans_MetricsMatchHeadHheaAndMaxp()
    {
        var font = new TrueTypeFile(ReportFonts.Regular);

        Assert.Equal(2048, font.UnitsPerEm);
        Assert.Equal(6253, font.GlyphCount);
        Assert.Equal(1901, font.Ascender);
        Assert.Equal(-483, font.Descender);
        Assert.Equal((-2090, -948, 3673, 2524), font.BoundingBox);
    }

    [Theory]
    [InlineData('A', 36, 1401)]
    [InlineData(' ', 3, 651)]
    [InlineData('µ', 119, 1303)]
    [InlineData('≥', 3312, 1716)]
    [InlineData('–', 2806, 1024)]
    [InlineData('ë', 173, 1260)]
    public void GlyphOfAndAdvance_KnownCharacters_MatchTheFontTables(char c, int glyph, int advance)
    {
        var font = new TrueTypeFile(ReportFonts.Regular);

        Assert.Equal(glyph, font.GlyphOf(c));
        Assert.Equal(advance, font.Advance(font.GlyphOf(c)));
    }

    [Fact]
    public void GlyphOf_CharacterNotInFont_IsNotdef()
    {
        Assert.Equal(0, new TrueTypeFile(ReportFonts.Regular).GlyphOf(0x4E00)); // a CJK ideograph: DejaVu Sans has none
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    [InlineData(100_000)]
    public void Ctor_TruncatedFont_ThrowsTrueTypeFormatException(int length)
    {
        var bytes = ReportFonts.Regular[..length];

        var ex = Assert.Throws<TrueTypeFormatException>(() => new TrueTypeFile(bytes));
        Assert.NotEmpty(ex.Message);
    }

    [Fact]
    public void Ctor_TableOffsetBeyondFile_ThrowsTrueTypeFormatException()
    {
        var bytes = (byte[])ReportFonts.Regular.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12 + 8), 0x7FFF0000); // first table's offset

        var ex = Assert.Throws<TrueTypeFormatException>(() => new TrueTypeFile(bytes));
        Assert.Contains("outside the file", ex.Message);
    }
}
