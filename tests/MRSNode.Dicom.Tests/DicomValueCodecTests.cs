using System.Text;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomValueCodecTests
{
    private static readonly DicomCharacterSet _default = DicomCharacterSet.Default;

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void DecodeText_TrailingSpacesAndNuls_Removed()
    {
        Assert.Equal("1.2.3", DicomValueCodec.DecodeText(DicomVR.UI, [.. Ascii("1.2.3"), 0x00], _default));
        Assert.Equal("Doe^John", DicomValueCodec.DecodeText(DicomVR.PN, Ascii("Doe^John  "), _default));
        Assert.Equal("ABC", DicomValueCodec.DecodeText(DicomVR.LO, [.. Ascii("ABC"), 0x20, 0x00, 0x20], _default));
    }

    [Fact]
    public void DecodeText_LeadingSpaces_Kept()
    {
        Assert.Equal("  indented", DicomValueCodec.DecodeText(DicomVR.LT, Ascii("  indented "), _default));
    }

    [Fact]
    public void DecodeText_CharsetDependentVR_UsesCharset()
    {
        var utf8 = Encoding.UTF8.GetBytes("Müller ");

        Assert.Equal("Müller", DicomValueCodec.DecodeText(DicomVR.LO, utf8, DicomCharacterSet.Utf8));
        Assert.Equal("MÃ¼ller", DicomValueCodec.DecodeText(DicomVR.LO, utf8, DicomCharacterSet.Latin1));
    }

    [Fact]
    public void DecodeText_AsciiOnlyVR_IgnoresCharsetAndDecodesBytewise()
    {
        Assert.Equal("Ã©", DicomValueCodec.DecodeText(DicomVR.CS, [0xC3, 0xA9], DicomCharacterSet.Utf8));
    }

    [Fact]
    public void DecodeStrings_MultiValuedCS_SplitsAtBackslash()
    {
        var values = DicomValueCodec.DecodeStrings(DicomVR.CS, Ascii("ORIGINAL\\PRIMARY\\SPECTROSCOPY "), _default);

        Assert.Equal(new[] { "ORIGINAL", "PRIMARY", "SPECTROSCOPY" }, values);
    }

    [Theory]
    [InlineData("CS", "  AXIAL \\ SAG ", new[] { "AXIAL", "SAG" })]
    [InlineData("DS", " 1.5\\ -2.25 ", new[] { "1.5", "-2.25" })]
    [InlineData("IS", "  42 ", new[] { "42" })]
    [InlineData("AE", " STORESCP ", new[] { "STORESCP" })]
    [InlineData("SH", " ABC \\DEF", new[] { "ABC", "DEF" })]
    [InlineData("LO", " Long String ", new[] { "Long String" })]
    [InlineData("DA", "20250314 ", new[] { "20250314" })]
    [InlineData("TM", "123045.5 ", new[] { "123045.5" })]
    [InlineData("PN", " Doe^John \\ Roe^Jane ", new[] { " Doe^John", " Roe^Jane" })]
    [InlineData("UI", "1.2.3\\1.2.4\0", new[] { "1.2.3", "1.2.4" })]
    [InlineData("CS", "A\\\\B", new[] { "A", "", "B" })]
    public void DecodeStrings_PerVR_TrimsAsPs35Allows(string vr, string raw, string[] expected)
    {
        var values = DicomValueCodec.DecodeStrings(DicomVR.Parse(vr), Ascii(raw), _default);

        Assert.Equal(expected, values);
    }

    [Theory]
    [InlineData("LT", "a\\b  ", "a\\b")]
    [InlineData("ST", "  x\\y", "  x\\y")]
    [InlineData("UT", "text \0", "text")]
    [InlineData("UR", "http://example.org/a\\b ", "http://example.org/a\\b")]
    public void DecodeStrings_SingleTextVR_OneValueBackslashKept(string vr, string raw, string expected)
    {
        var values = DicomValueCodec.DecodeStrings(DicomVR.Parse(vr), Ascii(raw), _default);

        Assert.Equal(new[] { expected }, values);
    }

    [Theory]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("\0\0")]
    public void DecodeStrings_EmptyOrPaddingOnly_ReturnsNoValues(string raw)
    {
        Assert.Empty(DicomValueCodec.DecodeStrings(DicomVR.CS, Ascii(raw), _default));
        Assert.Empty(DicomValueCodec.DecodeStrings(DicomVR.LT, Ascii(raw), _default));
    }

    [Fact]
    public void EncodeStrings_OddTextLength_PadsWithSpace()
    {
        Assert.Equal(new byte[] { 0x41, 0x42, 0x43, 0x20 }, DicomValueCodec.EncodeStrings(DicomVR.LO, ["ABC"], _default));
    }

    [Fact]
    public void EncodeStrings_OddUidLength_PadsWithNul()
    {
        Assert.Equal(new byte[] { 0x31, 0x2E, 0x32, 0x2E, 0x33, 0x00 }, DicomValueCodec.EncodeStrings(DicomVR.UI, ["1.2.3"], _default));
    }

    [Fact]
    public void EncodeStrings_EvenLength_NoPadding()
    {
        Assert.Equal(new byte[] { 0x41, 0x42 }, DicomValueCodec.EncodeStrings(DicomVR.CS, ["AB"], _default));
    }

    [Fact]
    public void EncodeStrings_SeveralValues_JoinedWithBackslash()
    {
        var bytes = DicomValueCodec.EncodeStrings(DicomVR.CS, ["A", "B"], _default);

        Assert.Equal(new byte[] { 0x41, 0x5C, 0x42, 0x20 }, bytes);
    }

    [Fact]
    public void EncodeStrings_NoValues_Empty()
    {
        Assert.Empty(DicomValueCodec.EncodeStrings(DicomVR.LO, [], _default));
    }

    [Fact]
    public void EncodeStrings_Utf8Charset_EncodesMultiByteAndPadsByByteCount()
    {
        Assert.Equal(new byte[] { 0xC3, 0xA9 }, DicomValueCodec.EncodeStrings(DicomVR.PN, ["é"], DicomCharacterSet.Utf8));
        Assert.Equal(new byte[] { 0xC4, 0x8E, 0x61, 0x20 }, DicomValueCodec.EncodeStrings(DicomVR.PN, ["Ďa"], DicomCharacterSet.Utf8));
    }

    [Fact]
    public void EncodeStrings_Latin1Charset_OneBytePerCharacter()
    {
        var bytes = DicomValueCodec.EncodeStrings(DicomVR.LO, ["Müller"], DicomCharacterSet.Latin1);

        Assert.Equal(new byte[] { 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72 }, bytes);
    }

    [Fact]
    public void EncodeStrings_ThenDecodeStrings_RoundTrips()
    {
        string[] values = ["1.5", "-2", "3e-4"];

        var bytes = DicomValueCodec.EncodeStrings(DicomVR.DS, values, _default);

        Assert.Equal(12, bytes.Length);
        Assert.Equal(values, DicomValueCodec.DecodeStrings(DicomVR.DS, bytes, _default));
    }

    [Fact]
    public void DecodeBinary_Float_ReadsLittleEndian()
    {
        byte[] bytes = [0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0];

        Assert.Equal(new[] { 1.5f, -2f }, DicomValueCodec.DecodeBinary<float>(bytes));
    }

    [Fact]
    public void DecodeBinary_UShort_ReadsLittleEndian()
    {
        byte[] bytes = [0x01, 0x00, 0xFF, 0xFF, 0x00, 0x02];

        Assert.Equal(new ushort[] { 1, 65535, 512 }, DicomValueCodec.DecodeBinary<ushort>(bytes));
    }

    [Fact]
    public void DecodeBinary_TrailingPartialUnit_Ignored()
    {
        Assert.Equal(new ushort[] { 0x0201 }, DicomValueCodec.DecodeBinary<ushort>([0x01, 0x02, 0x03]));
        Assert.Empty(DicomValueCodec.DecodeBinary<double>([1, 2, 3, 4]));
    }

    [Fact]
    public void DecodeBinary_Double_ReadsValue()
    {
        var bytes = BitConverter.GetBytes(123.2);

        Assert.Equal(new[] { 123.2 }, DicomValueCodec.DecodeBinary<double>(bytes));
    }

    [Fact]
    public void EncodeBinary_Short_WritesLittleEndian()
    {
        Assert.Equal(new byte[] { 0xFE, 0xFF, 0x00, 0x01 }, DicomValueCodec.EncodeBinary<short>([-2, 256]));
    }

    [Fact]
    public void EncodeBinary_ThenDecode_RoundTripsFloats()
    {
        float[] values = [0.1f, float.MaxValue, -0f, float.Epsilon];

        Assert.Equal(values, DicomValueCodec.DecodeBinary<float>(DicomValueCodec.EncodeBinary<float>(values)));
    }

    [Fact]
    public void SwapBytes_Unit2_ReversesEachPair()
    {
        byte[] bytes = [1, 2, 3, 4];
        DicomValueCodec.SwapBytes(bytes, 2);
        Assert.Equal(new byte[] { 2, 1, 4, 3 }, bytes);
    }

    [Fact]
    public void SwapBytes_Unit4_ReversesEachQuad()
    {
        byte[] bytes = [1, 2, 3, 4, 5, 6, 7, 8];
        DicomValueCodec.SwapBytes(bytes, 4);
        Assert.Equal(new byte[] { 4, 3, 2, 1, 8, 7, 6, 5 }, bytes);
    }

    [Fact]
    public void SwapBytes_Unit8_ReversesEachOctet()
    {
        byte[] bytes = [1, 2, 3, 4, 5, 6, 7, 8];
        DicomValueCodec.SwapBytes(bytes, 8);
        Assert.Equal(new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 }, bytes);
    }

    [Fact]
    public void SwapBytes_Unit1_LeavesBytes()
    {
        byte[] bytes = [1, 2, 3];
        DicomValueCodec.SwapBytes(bytes, 1);
        Assert.Equal(new byte[] { 1, 2, 3 }, bytes);
    }

    [Fact]
    public void SwapBytes_TrailingPartialUnit_LeftAsIs()
    {
        byte[] bytes = [1, 2, 3, 4, 5, 6];
        DicomValueCodec.SwapBytes(bytes, 4);
        Assert.Equal(new byte[] { 4, 3, 2, 1, 5, 6 }, bytes);
    }

    [Fact]
    public void SwapBytes_BigEndianFloat_DecodesAfterSwap()
    {
        byte[] bigEndian = [0x3F, 0xC0, 0x00, 0x00];
        DicomValueCodec.SwapBytes(bigEndian, DicomVR.FL.SwapUnit);
        Assert.Equal(new[] { 1.5f }, DicomValueCodec.DecodeBinary<float>(bigEndian));
    }

    [Fact]
    public void DecodeTags_TwoPairs_ReturnsGroupElementTags()
    {
        byte[] bytes = [0x10, 0x00, 0x10, 0x00, 0xE1, 0x7F, 0x10, 0x10];

        var tags = DicomValueCodec.DecodeTags(bytes);

        Assert.Equal(new[] { new DicomTag(0x0010, 0x0010), new DicomTag(0x7FE1, 0x1010) }, tags);
    }

    [Fact]
    public void EncodeTags_TwoTags_WritesGroupThenElementLittleEndian()
    {
        var bytes = DicomValueCodec.EncodeTags([new DicomTag(0x0018, 0x1063), new DicomTag(0x7FE1, 0x1010)]);

        Assert.Equal(new byte[] { 0x18, 0x00, 0x63, 0x10, 0xE1, 0x7F, 0x10, 0x10 }, bytes);
        Assert.Equal(new[] { new DicomTag(0x0018, 0x1063), new DicomTag(0x7FE1, 0x1010) }, DicomValueCodec.DecodeTags(bytes));
    }

    [Fact]
    public void DecodeTags_TrailingPartialTag_Ignored()
    {
        Assert.Single(DicomValueCodec.DecodeTags([0x10, 0x00, 0x10, 0x00, 0x01, 0x02]));
    }

    [Theory]
    [InlineData("OF", 8, 1)]
    [InlineData("OD", 16, 1)]
    [InlineData("OW", 6, 1)]
    [InlineData("OL", 8, 1)]
    [InlineData("OB", 5, 1)]
    [InlineData("UN", 5, 1)]
    [InlineData("US", 6, 3)]
    [InlineData("SS", 2, 1)]
    [InlineData("UL", 12, 3)]
    [InlineData("FL", 8, 2)]
    [InlineData("FD", 16, 2)]
    [InlineData("AT", 8, 2)]
    [InlineData("SV", 8, 1)]
    [InlineData("OF", 0, 1)] // dcmdump: "(5600,0010) OF (no value available) #   0, 1"
    [InlineData("US", 0, 0)]
    public void CountValues_BinaryVRs_CountsAsDcmdump(string vr, int length, int expected)
    {
        Assert.Equal(expected, DicomValueCodec.CountValues(DicomVR.Parse(vr), new byte[length], _default));
    }

    [Theory]
    [InlineData("CS", "A\\B ", 2)]
    [InlineData("CS", "A", 1)]
    [InlineData("CS", "A\\\\B", 3)]
    [InlineData("CS", "", 0)]
    [InlineData("CS", "  ", 0)]
    [InlineData("DS", "1\\2\\3\\4\\5\\6", 6)]
    [InlineData("LT", "a\\b", 1)]
    [InlineData("LT", "  ", 0)]
    [InlineData("UT", "", 0)]
    public void CountValues_TextVRs_CountsBackslashSeparatedValues(string vr, string raw, int expected)
    {
        Assert.Equal(expected, DicomValueCodec.CountValues(DicomVR.Parse(vr), Ascii(raw), _default));
    }
}
