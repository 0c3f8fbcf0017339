using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomPersonNameTests
{
    [Fact]
    public void Parse_FiveComponents_SplitsAtCaret()
    {
        var pn = DicomPersonName.Parse("Doe^John^Michael^Dr^Jr");

        Assert.Equal("Doe", pn.FamilyName);
        Assert.Equal("John", pn.GivenName);
        Assert.Equal("Michael", pn.MiddleName);
        Assert.Equal("Dr", pn.Prefix);
        Assert.Equal("Jr", pn.Suffix);
        Assert.Equal("", pn.Ideographic);
        Assert.Equal("", pn.Phonetic);
    }

    [Fact]
    public void Parse_FamilyOnly_OtherComponentsEmpty()
    {
        var pn = DicomPersonName.Parse("Doe");

        Assert.Equal("Doe", pn.FamilyName);
        Assert.Equal("", pn.GivenName);
        Assert.Equal("", pn.Suffix);
    }

    [Fact]
    public void Parse_ThreeGroups_KeepsIdeographicAndPhonetic()
    {
        var pn = DicomPersonName.Parse("Yamada^Tarou=山田^太郎=やまだ^たろう");

        Assert.Equal("Yamada", pn.FamilyName);
        Assert.Equal("Tarou", pn.GivenName);
        Assert.Equal("山田^太郎", pn.Ideographic);
        Assert.Equal("やまだ^たろう", pn.Phonetic);
    }

    [Fact]
    public void Parse_ComponentsWithSpaces_Trimmed()
    {
        var pn = DicomPersonName.Parse(" Doe ^ John ");

        Assert.Equal("Doe", pn.FamilyName);
        Assert.Equal("John", pn.GivenName);
    }

    [Theory]
    [InlineData("Doe^John")]
    [InlineData("Doe")]
    [InlineData("Doe^^^^Jr")]
    [InlineData("Doe^John^Michael^Dr^Jr")]
    [InlineData("Yamada^Tarou=山田^太郎=やまだ^たろう")]
    [InlineData("=山田^太郎")]
    public void ToString_ParsedValue_RoundTrips(string value)
    {
        Assert.Equal(value, DicomPersonName.Parse(value).ToString());
    }

    [Fact]
    public void ToString_TrailingEmptyComponents_Removed()
    {
        var pn = new DicomPersonName("Doe", "John", "", "", "");

        Assert.Equal("Doe^John", pn.ToString());
    }

    [Fact]
    public void ToString_OnlyIdeographic_KeepsLeadingGroupSeparator()
    {
        var pn = new DicomPersonName("", "", "", "", "", Ideographic: "山田^太郎");

        Assert.Equal("=山田^太郎", pn.ToString());
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => DicomPersonName.Parse(null!));
    }
}
