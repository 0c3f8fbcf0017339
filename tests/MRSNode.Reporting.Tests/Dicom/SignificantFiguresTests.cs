using MRSNode.Reporting.Dicom;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Dicom;

[UnitTest]
public class SignificantFiguresTests
{
    [Theory]
    [InlineData(10.123456789, 3, 10.1)]
    [InlineData(1.3214285714285714, 3, 1.32)]
    [InlineData(0.0443219, 3, 0.0443)]
    [InlineData(-0.57515, 3, -0.575)]
    [InlineData(55510.4, 4, 55510)]
    [InlineData(123456, 3, 123000)]
    [InlineData(0.1 + 0.2, 3, 0.3)]
    [InlineData(0, 3, 0)]
    [InlineData(1024, 10, 1024)]
    public void Round_Value_ToTheGivenSignificantFigures(double value, int digits, double expected)
    {
        Assert.Equal(expected, SignificantFigures.Round(value, digits));
    }

    [Fact]
    public void Round_NotFinite_Unchanged()
    {
        Assert.True(double.IsNaN(SignificantFigures.Round(double.NaN)));
        Assert.Equal(double.PositiveInfinity, SignificantFigures.Round(double.PositiveInfinity));
    }
}
