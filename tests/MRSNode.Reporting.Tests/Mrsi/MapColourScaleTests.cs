using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Mrsi;
using MRSNode.Reporting.Rendering;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Mrsi;

[UnitTest]
public class MapColourScaleTests
{
    [Fact]
    public void For_HundredValuesAndBlanks_ZeroToThe98thPercentile()
    {
        var values = Enumerable.Range(1, 101).Select(v => (double)v).Append(double.NaN).ToArray();

        Assert.Equal(new MapColourScale(0, 99), MapColourScale.For(new MetaboliteMap("tNAA", "ratio", values, "")));
    }

    [Fact]
    public void Colour_EndsBlankAndAboveTop_FirstLastAnchorAndNone()
    {
        var scale = new MapColourScale(0, 2);

        Assert.Equal(new ReportColor(48, 18, 59), scale.Colour(0));
        Assert.Equal(new ReportColor(122, 4, 3), scale.Colour(5));
        Assert.Null(scale.Colour(double.NaN));
    }

    [Fact]
    public void AtFraction_Halfway_TheMiddleAnchor()
    {
        Assert.Equal(new ReportColor(98, 252, 108), MapColourScale.AtFraction(0.5));
    }
}
