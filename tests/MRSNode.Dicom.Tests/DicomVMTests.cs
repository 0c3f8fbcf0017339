using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomVMTests
{
    [Theory]
    [InlineData("1", 1, 1, 1)]
    [InlineData("4", 4, 4, 1)]
    [InlineData("1-3", 1, 3, 1)]
    [InlineData("1-n", 1, DicomVM.Unbounded, 1)]
    [InlineData("2-n", 2, DicomVM.Unbounded, 1)]
    [InlineData("2-2n", 2, DicomVM.Unbounded, 2)]
    [InlineData("3-3n", 3, DicomVM.Unbounded, 3)]
    public void Parse_Ps36Forms_ReturnsBoundsAndStep(string text, int min, int max, int step)
    {
        var vm = DicomVM.Parse(text);

        Assert.Equal(min, vm.Minimum);
        Assert.Equal(max, vm.Maximum);
        Assert.Equal(step, vm.Step);
        Assert.Equal(text, vm.ToString());
    }

    [Theory]
    [InlineData("1", 0, false)]
    [InlineData("1", 1, true)]
    [InlineData("1", 2, false)]
    [InlineData("1-3", 0, false)]
    [InlineData("1-3", 1, true)]
    [InlineData("1-3", 3, true)]
    [InlineData("1-3", 4, false)]
    [InlineData("1-n", 0, false)]
    [InlineData("1-n", 1, true)]
    [InlineData("1-n", 1000, true)]
    [InlineData("2-2n", 1, false)]
    [InlineData("2-2n", 2, true)]
    [InlineData("2-2n", 3, false)]
    [InlineData("2-2n", 4, true)]
    [InlineData("3-3n", 3, true)]
    [InlineData("3-3n", 4, false)]
    [InlineData("3-3n", 6, true)]
    [InlineData("3-3n", 9, true)]
    [InlineData("3-3n", 10, false)]
    public void Allows_Count_MatchesMultiplicity(string text, int count, bool expected)
    {
        Assert.Equal(expected, DicomVM.Parse(text).Allows(count));
    }

    [Fact]
    public void One_StaticInstance_EqualsParsedOne()
    {
        Assert.Equal(DicomVM.Parse("1"), DicomVM.One);
        Assert.Equal("1", DicomVM.One.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("n")]
    [InlineData("one")]
    [InlineData("1-x")]
    public void Parse_Garbage_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => DicomVM.Parse(text));
    }
}
