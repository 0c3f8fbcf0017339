using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomVRTests
{
    private static readonly string[] _ps35Codes =
    [
        "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV",
        "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV",
    ];

    private static readonly string[] _longLengthCodes = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"];

    [Fact]
    public void All_Ps35Table_Has34DistinctVRs()
    {
        Assert.Equal(34, DicomVR.All.Count);
        Assert.Equal(_ps35Codes, DicomVR.All.Select(v => v.Code).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Parse_EveryPs35Code_ReturnsSharedInstanceWithThatCode()
    {
        foreach (var code in _ps35Codes)
        {
            var vr = DicomVR.Parse(code);
            Assert.Equal(code, vr.Code);
            Assert.Equal(code, vr.ToString());
            Assert.Same(vr, DicomVR.All.Single(v => v.Code == code));
        }
    }

    [Fact]
    public void UsesLongLength_AllVRs_ExactlyTheTable71_1Set()
    {
        var actual = DicomVR.All.Where(v => v.UsesLongLength).Select(v => v.Code).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(_longLengthCodes, actual);
    }

    [Theory]
    [InlineData("UI", 0x00)]
    [InlineData("OB", 0x00)]
    [InlineData("UN", 0x00)]
    [InlineData("OW", 0x00)]
    [InlineData("OF", 0x00)]
    [InlineData("US", 0x00)]
    [InlineData("FD", 0x00)]
    [InlineData("AT", 0x00)]
    [InlineData("AE", 0x20)]
    [InlineData("AS", 0x20)]
    [InlineData("CS", 0x20)]
    [InlineData("DA", 0x20)]
    [InlineData("DS", 0x20)]
    [InlineData("DT", 0x20)]
    [InlineData("IS", 0x20)]
    [InlineData("LO", 0x20)]
    [InlineData("LT", 0x20)]
    [InlineData("PN", 0x20)]
    [InlineData("SH", 0x20)]
    [InlineData("ST", 0x20)]
    [InlineData("TM", 0x20)]
    [InlineData("UC", 0x20)]
    [InlineData("UR", 0x20)]
    [InlineData("UT", 0x20)]
    public void PaddingByte_ByVR_NulForUiAndBinarySpaceForText(string code, int expected)
    {
        Assert.Equal((byte)expected, DicomVR.Parse(code).PaddingByte);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("pn")]
    [InlineData("P")]
    [InlineData("PNX")]
    [InlineData("")]
    public void TryParse_UnknownCode_ReturnsFalse(string code)
    {
        Assert.False(DicomVR.TryParse(code, out var vr));
        Assert.Null(vr);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(DicomVR.TryParse(null!, out _));
    }

    [Fact]
    public void Parse_UnknownCode_ThrowsFormatException()
    {
        var ex = Assert.Throws<FormatException>(() => DicomVR.Parse("XX"));
        Assert.Equal("'XX' is not a DICOM VR.", ex.Message);
    }

    [Fact]
    public void TryGet_ExplicitVRBytes_FindsVR()
    {
        Assert.True(DicomVR.TryGet((byte)'O', (byte)'F', out var vr));
        Assert.Same(DicomVR.OF, vr);
        Assert.False(DicomVR.TryGet(0x00, 0x00, out _));
    }

    [Theory]
    [InlineData("AE", 16)]
    [InlineData("AS", 4)]
    [InlineData("CS", 16)]
    [InlineData("DA", 8)]
    [InlineData("DS", 16)]
    [InlineData("DT", 26)]
    [InlineData("IS", 12)]
    [InlineData("LO", 64)]
    [InlineData("LT", 10240)]
    [InlineData("PN", 64)]
    [InlineData("SH", 16)]
    [InlineData("ST", 1024)]
    [InlineData("TM", 14)]
    [InlineData("UI", 64)]
    [InlineData("UC", 0)]
    [InlineData("UR", 0)]
    [InlineData("UT", 0)]
    [InlineData("OB", 0)]
    public void MaxLength_TextVRs_MatchTable62_1(string code, int expected)
    {
        Assert.Equal(expected, DicomVR.Parse(code).MaxLength);
    }

    [Theory]
    [InlineData("US", 2, 2)]
    [InlineData("SS", 2, 2)]
    [InlineData("OW", 2, 2)]
    [InlineData("UL", 4, 4)]
    [InlineData("SL", 4, 4)]
    [InlineData("FL", 4, 4)]
    [InlineData("OF", 4, 4)]
    [InlineData("OL", 4, 4)]
    [InlineData("FD", 8, 8)]
    [InlineData("OD", 8, 8)]
    [InlineData("SV", 8, 8)]
    [InlineData("UV", 8, 8)]
    [InlineData("OV", 8, 8)]
    [InlineData("AT", 4, 2)]
    [InlineData("OB", 1, 1)]
    [InlineData("UN", 1, 1)]
    public void UnitSizeAndSwapUnit_BinaryVRs_MatchEncoding(string code, int unitSize, int swapUnit)
    {
        var vr = DicomVR.Parse(code);

        Assert.Equal(unitSize, vr.UnitSize);
        Assert.Equal(swapUnit, vr.SwapUnit);
    }

    [Theory]
    [InlineData("PN", DicomVRKind.MultiText)]
    [InlineData("UC", DicomVRKind.MultiText)]
    [InlineData("LT", DicomVRKind.SingleText)]
    [InlineData("ST", DicomVRKind.SingleText)]
    [InlineData("UT", DicomVRKind.SingleText)]
    [InlineData("UR", DicomVRKind.SingleText)]
    [InlineData("OB", DicomVRKind.Bytes)]
    [InlineData("UN", DicomVRKind.Bytes)]
    [InlineData("OF", DicomVRKind.Binary)]
    [InlineData("AT", DicomVRKind.Binary)]
    [InlineData("SQ", DicomVRKind.Sequence)]
    public void Kind_ByVR_MatchesValueInterpretation(string code, DicomVRKind kind)
    {
        var vr = DicomVR.Parse(code);

        Assert.Equal(kind, vr.Kind);
        Assert.Equal(kind is DicomVRKind.MultiText or DicomVRKind.SingleText, vr.IsText);
    }

    [Fact]
    public void IsCharsetDependent_AllVRs_ExactlyTheSpecificCharacterSetOnes()
    {
        var actual = DicomVR.All.Where(v => v.IsCharsetDependent).Select(v => v.Code).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(new[] { "LO", "LT", "PN", "SH", "ST", "UC", "UT" }, actual);
    }

    [Fact]
    public void Name_PersonName_IsDescriptive()
    {
        Assert.Equal("Person Name", DicomVR.PN.Name);
        Assert.Equal("Other Float", DicomVR.OF.Name);
    }
}
