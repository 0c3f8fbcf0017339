using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomTagTests
{
    [Fact]
    public void Constructor_FromUInt32_SplitsGroupAndElement()
    {
        var tag = new DicomTag(0x7FE10010u);

        Assert.Equal(0x7FE1, tag.Group);
        Assert.Equal(0x0010, tag.Element);
        Assert.Equal(0x7FE10010u, tag.Value);
    }

    [Fact]
    public void CompareTo_DifferentGroups_OrdersByGroupFirst()
    {
        var low = new DicomTag(0x0009, 0xFFFF);
        var high = new DicomTag(0x0010, 0x0000);

        Assert.True(low.CompareTo(high) < 0);
        Assert.True(high.CompareTo(low) > 0);
        Assert.True(low < high);
        Assert.True(high > low);
        Assert.True(low <= high);
        Assert.True(high >= low);
    }

    [Fact]
    public void CompareTo_SameGroup_OrdersByElement()
    {
        var a = new DicomTag(0x0010, 0x0010);
        var b = new DicomTag(0x0010, 0x0020);

        Assert.True(a < b);
        Assert.Equal(0, a.CompareTo(new DicomTag(0x0010, 0x0010)));
        Assert.True(a <= new DicomTag(0x0010, 0x0010));
        Assert.True(a >= new DicomTag(0x0010, 0x0010));
    }

    [Fact]
    public void Sort_UnorderedTags_AscendingWireOrder()
    {
        var tags = new List<DicomTag>
        {
            new(0x7FE0, 0x0010), new(0x0010, 0x0020), new(0x0008, 0x0005), new(0x0010, 0x0010), new(0x0002, 0x0010),
        };

        tags.Sort();

        Assert.Equal(
            new[] { "(0002,0010)", "(0008,0005)", "(0010,0010)", "(0010,0020)", "(7fe0,0010)" },
            tags.Select(t => t.ToString()).ToArray());
    }

    [Theory]
    [InlineData("(0010,0010)", 0x0010, 0x0010)]
    [InlineData("0010,0010", 0x0010, 0x0010)]
    [InlineData("00100010", 0x0010, 0x0010)]
    [InlineData("(7fe1,1010)", 0x7FE1, 0x1010)]
    [InlineData("(7FE1,1010)", 0x7FE1, 0x1010)]
    [InlineData("  (0029,1110)  ", 0x0029, 0x1110)]
    [InlineData("FFFEE000", 0xFFFE, 0xE000)]
    public void Parse_ValidForms_ReturnsTag(string text, int group, int element)
    {
        var tag = DicomTag.Parse(text);

        Assert.Equal((ushort)group, tag.Group);
        Assert.Equal((ushort)element, tag.Element);
    }

    [Fact]
    public void Parse_ParenthesisedHex_ReturnsTag()
    {
        Assert.Equal(new DicomTag(0x5600, 0x0020), DicomTag.Parse("(5600,0020)"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0010,001")]
    [InlineData("(0010,00GG)")]
    [InlineData("001000100")]
    [InlineData("(0010;0010)")]
    [InlineData("0x100010")]
    [InlineData("PatientName")]
    [InlineData("001,00010")]
    [InlineData("00,100010")]
    [InlineData("0010,,0010")]
    [InlineData("((0010,0010))")]
    [InlineData("( 0010,010)")]
    [InlineData("(0010, 010)")]
    [InlineData("-0010010")]
    public void Parse_BadInput_ThrowsFormatException(string text)
    {
        var ex = Assert.Throws<FormatException>(() => DicomTag.Parse(text));
        Assert.Contains("is not a DICOM tag", ex.Message);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => DicomTag.Parse(null!));
    }

    [Theory]
    [InlineData(0x0029, 0x0010, true, true, 0x00)]
    [InlineData(0x0029, 0x1010, true, false, 0x10)]
    [InlineData(0x0029, 0x1110, true, false, 0x11)]
    [InlineData(0x0029, 0x00FF, true, true, 0x00)]
    [InlineData(0x0029, 0x0100, true, false, 0x00)]
    [InlineData(0x0029, 0x000F, true, false, 0x00)]
    [InlineData(0x0008, 0x0010, false, false, 0x00)]
    [InlineData(0x0001, 0x0010, false, false, 0x00)]
    [InlineData(0x0003, 0x0010, false, false, 0x00)]
    [InlineData(0x0005, 0x1010, false, false, 0x00)]
    [InlineData(0x0007, 0x0010, false, false, 0x00)]
    [InlineData(0x0009, 0x0010, true, true, 0x00)]
    [InlineData(0x7FE1, 0x1010, true, false, 0x10)]
    [InlineData(0xFFFF, 0x0010, false, false, 0x00)]
    [InlineData(0xFFFE, 0xE000, false, false, 0x00)]
    public void PrivateProperties_VariousTags_MatchPs35(int group, int element, bool isPrivate, bool isCreator, int block)
    {
        var tag = new DicomTag((ushort)group, (ushort)element);

        Assert.Equal(isPrivate, tag.IsPrivate);
        Assert.Equal(isCreator, tag.IsPrivateCreator);
        Assert.Equal((byte)block, tag.PrivateBlock);
    }

    [Fact]
    public void PrivateCreatorTag_PrivateDataElement_PointsToReservingElement()
    {
        Assert.Equal(new DicomTag(0x0029, 0x0010), new DicomTag(0x0029, 0x1010).PrivateCreatorTag);
        Assert.Equal(new DicomTag(0x0029, 0x0011), new DicomTag(0x0029, 0x1110).PrivateCreatorTag);
        Assert.Equal(new DicomTag(0x7FE1, 0x00FF), new DicomTag(0x7FE1, 0xFF20).PrivateCreatorTag);
    }

    [Theory]
    [InlineData(0x0008, 0x0000, true)]
    [InlineData(0x0029, 0x0000, true)]
    [InlineData(0x0008, 0x0001, false)]
    public void IsGroupLength_ElementZero_True(int group, int element, bool expected)
    {
        Assert.Equal(expected, new DicomTag((ushort)group, (ushort)element).IsGroupLength);
    }

    [Theory]
    [InlineData(0x7FE1, 0x1010, "(7fe1,1010)")]
    [InlineData(0x0010, 0x0010, "(0010,0010)")]
    [InlineData(0xFFFE, 0xE0DD, "(fffe,e0dd)")]
    [InlineData(0x0000, 0x0000, "(0000,0000)")]
    public void ToString_AnyTag_LowerCaseParenthesisedHex(int group, int element, string expected)
    {
        Assert.Equal(expected, new DicomTag((ushort)group, (ushort)element).ToString());
    }

    [Fact]
    public void ToString_ThenParse_RoundTrips()
    {
        var tag = new DicomTag(0xABCD, 0xEF01);

        Assert.Equal(tag, DicomTag.Parse(tag.ToString()));
    }

    [Fact]
    public void Equals_SameGroupAndElement_EqualAndSameHash()
    {
        var a = new DicomTag(0x0010, 0x0010);
        var b = DicomTag.Parse("00100010");

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new DicomTag(0x0010, 0x0011));
    }

    [Fact]
    public void DelimitationTags_Constants_HaveStandardValues()
    {
        Assert.Equal(0xFFFEE000u, DicomTag.Item.Value);
        Assert.Equal(0xFFFEE00Du, DicomTag.ItemDelimitationItem.Value);
        Assert.Equal(0xFFFEE0DDu, DicomTag.SequenceDelimitationItem.Value);
    }

    [Fact]
    public void DicomTags_WellKnownKeywords_HaveStandardNumbers()
    {
        Assert.Equal(new DicomTag(0x0010, 0x0010), DicomTags.PatientName);
        Assert.Equal(new DicomTag(0x0008, 0x0005), DicomTags.SpecificCharacterSet);
        Assert.Equal(new DicomTag(0x5600, 0x0020), DicomTags.SpectroscopyData);
        Assert.Equal(new DicomTag(0x7FE0, 0x0010), DicomTags.PixelData);
    }
}
