using System.Text;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomCharacterSetTests
{
    [Fact]
    public void FromTerms_NoValue_ReturnsDefault()
    {
        var cs = DicomCharacterSet.FromTerms([]);

        Assert.Same(DicomCharacterSet.Default, cs);
        Assert.True(cs.IsDefaultRepertoire);
        Assert.Equal("", cs.Term);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("ISO_IR 6")]
    [InlineData("ISO 2022 IR 6")]
    public void FromTerms_DefaultRepertoireTerms_ReturnsDefault(string term)
    {
        Assert.Same(DicomCharacterSet.Default, DicomCharacterSet.FromTerms([term]));
    }

    [Fact]
    public void Default_UndeclaredHighBytes_DecodedByteForByte()
    {
        var text = DicomCharacterSet.Default.Encoding.GetString([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]);

        Assert.Equal("Müller", text);
    }

    [Fact]
    public void FromTerms_IsoIr100_Latin1RoundTripsMuller()
    {
        var cs = DicomCharacterSet.FromTerms(["ISO_IR 100"]);

        Assert.Same(DicomCharacterSet.Latin1, cs);
        Assert.False(cs.IsDefaultRepertoire);
        var bytes = cs.Encoding.GetBytes("Müller");
        Assert.Equal(new byte[] { 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72 }, bytes);
        Assert.Equal("Müller", cs.Encoding.GetString(bytes));
    }

    [Fact]
    public void FromTerms_IsoIr192_Utf8RoundTripsSlovakName()
    {
        var cs = DicomCharacterSet.FromTerms(["ISO_IR 192"]);

        Assert.Same(DicomCharacterSet.Utf8, cs);
        var bytes = cs.Encoding.GetBytes("Ďuriš^Ľudmila");
        Assert.Equal(16, bytes.Length);
        Assert.Equal(new byte[] { 0xC4, 0x8E }, bytes[..2]);
        Assert.Equal("Ďuriš^Ľudmila", cs.Encoding.GetString(bytes));
    }

    [Fact]
    public void FromTerms_IsoIr192_Utf8RoundTripsJapaneseName()
    {
        var cs = DicomCharacterSet.FromTerms(["ISO_IR 192"]);

        var bytes = cs.Encoding.GetBytes("山田^太郎");
        Assert.Equal(new byte[] { 0xE5, 0xB1, 0xB1, 0xE7, 0x94, 0xB0, 0x5E, 0xE5, 0xA4, 0xAA, 0xE9, 0x83, 0x8E }, bytes);
        Assert.Equal("山田^太郎", cs.Encoding.GetString(bytes));
    }

    [Fact]
    public void Utf8_Encoding_WritesNoByteOrderMark()
    {
        Assert.Empty(DicomCharacterSet.Utf8.Encoding.GetPreamble());
    }

    [Fact]
    public void FromTerms_Iso2022Ir100_WorksAsLatin1()
    {
        var cs = DicomCharacterSet.FromTerms(["ISO 2022 IR 100"]);

        Assert.Equal(28591, cs.Encoding.CodePage);
        Assert.Equal("Müller", cs.Encoding.GetString([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]));
    }

    [Fact]
    public void FromTerms_EmptyFirstValueWithExtension_UsesSecondValue()
    {
        var cs = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 100"]);

        Assert.Equal(28591, cs.Encoding.CodePage);
        Assert.False(cs.IsDefaultRepertoire);
    }

    [Fact]
    public void FromTerms_PaddedTerm_Trimmed()
    {
        Assert.Same(DicomCharacterSet.Utf8, DicomCharacterSet.FromTerms([" ISO_IR 192 "]));
    }

    [Fact]
    public void FromTerms_IsoIr144_DecodesCyrillic()
    {
        var cs = DicomCharacterSet.FromTerms(["ISO_IR 144"]);

        Assert.Equal("ISO_IR 144", cs.Term);
        Assert.False(cs.IsDefaultRepertoire);
        // ISO 8859-5: И=B8 в=D2 а=D0 н=DD
        Assert.Equal("Иван", cs.Encoding.GetString([0xB8, 0xD2, 0xD0, 0xDD]));
        Assert.Equal(new byte[] { 0xB8, 0xD2, 0xD0, 0xDD }, cs.Encoding.GetBytes("Иван"));
    }

    [Theory]
    [InlineData("ISO_IR 101", 0xA9, "Š")]
    [InlineData("ISO_IR 109", 0xA1, "Ħ")]
    [InlineData("ISO_IR 110", 0xA1, "Ą")]
    [InlineData("ISO_IR 126", 0xC1, "Α")]
    [InlineData("ISO_IR 127", 0xC7, "ا")]
    [InlineData("ISO_IR 138", 0xE0, "א")]
    [InlineData("ISO_IR 148", 0xFD, "ı")]
    [InlineData("ISO_IR 203", 0xA4, "€")]
    [InlineData("ISO_IR 166", 0xA1, "ก")]
    [InlineData("ISO_IR 13", 0xB1, "ｱ")]
    [InlineData("ISO 2022 IR 144", 0xB0, "А")]
    [InlineData("ISO 2022 IR 126", 0xE1, "α")]
    public void FromTerms_SingleByteSets_DecodeKnownByte(string term, int b, string expected)
    {
        var cs = DicomCharacterSet.FromTerms([term]);

        Assert.Equal(expected, cs.Encoding.GetString([(byte)b]));
        Assert.Equal(term, cs.Term);
    }

    [Fact]
    public void FromTerms_GB18030_RoundTripsChinese()
    {
        var cs = DicomCharacterSet.FromTerms(["GB18030"]);

        var bytes = cs.Encoding.GetBytes("中文");
        Assert.Equal(new byte[] { 0xD6, 0xD0, 0xCE, 0xC4 }, bytes);
        Assert.Equal("中文", cs.Encoding.GetString(bytes));
    }

    [Fact]
    public void FromTerms_GBK_DecodesChinese()
    {
        var cs = DicomCharacterSet.FromTerms(["GBK"]);

        Assert.Equal("中文", cs.Encoding.GetString([0xD6, 0xD0, 0xCE, 0xC4]));
    }

    [Fact]
    public void FromTerms_UnknownTerm_FallsBackToLatin1WithoutThrowing()
    {
        var cs = DicomCharacterSet.FromTerms(["ISO_IR 999"]);

        Assert.Equal("ISO_IR 999", cs.Term);
        Assert.False(cs.IsDefaultRepertoire);
        Assert.Equal(28591, cs.Encoding.CodePage);
        Assert.Equal("é", cs.Encoding.GetString([0xE9]));
    }

    [Fact]
    public void FromTerms_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => DicomCharacterSet.FromTerms(null!));
    }

    [Fact]
    public void Utf8_InvalidBytes_ReplacedNotThrown()
    {
        Assert.Equal("a\uFFFD", DicomCharacterSet.Utf8.Encoding.GetString([0x61, 0xFF]));
    }

    [Fact]
    public void Latin1_EncodingName_IsIso88591()
    {
        Assert.Equal(Encoding.Latin1.CodePage, DicomCharacterSet.Latin1.Encoding.CodePage);
        Assert.Equal("ISO_IR 100", DicomCharacterSet.Latin1.Term);
        Assert.Equal("ISO_IR 192", DicomCharacterSet.Utf8.Term);
    }
}
