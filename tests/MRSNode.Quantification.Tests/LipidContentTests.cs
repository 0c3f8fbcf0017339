using System.Numerics;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests;

[UnitTest]
public class LipidContentTests
{
    private static FitComponent Component(string name, double firstPoint) => new(name, [new Complex(firstPoint, 0), Complex.Zero]);

    [Fact]
    public void LipidToCreatine_LipidAndCreatineAreas_RatioOfTheLip13AndLip09AreasToTCr()
    {
        FitComponent[] components = [Component("Cr", 5), Component("PCr", 5), Component("Lip13a", 1), Component("Lip13w", 1), Component("Lip09", 1), Component("MM09", 1), Component("NAA", 3)];
        double[] amplitudes = [1, 1, 12, 3, 5, 40, 10];

        // (12 + 3 + 5) / (5 + 5): the MM and NAA areas do not count.
        Assert.Equal(2.0, LipidContent.LipidToCreatine(components, amplitudes), 12);
    }

    [Fact]
    public void LipidToCreatine_NoCreatineFitted_Zero()
    {
        Assert.Equal(0, LipidContent.LipidToCreatine([Component("Cr", 5), Component("Lip13a", 1)], [0, 4]));
    }

    [Theory]
    [InlineData(0.0, SpectrumType.Brain)]
    [InlineData(0.99, SpectrumType.Brain)]
    [InlineData(1.0, SpectrumType.LipidRich)]
    [InlineData(7.6, SpectrumType.LipidRich)]
    public void TypeOf_LipidToCreatine_LipidRichFromOneCreatineArea(double ratio, SpectrumType expected)
    {
        Assert.Equal(expected, LipidContent.TypeOf(ratio));
    }

    [Theory]
    [InlineData(0.29, 144.0, SpectrumType.Brain)]
    [InlineData(0.3, 144.0, SpectrumType.LipidRich)]
    [InlineData(0.9, 99.0, SpectrumType.Brain)]
    [InlineData(0.9, 100.0, SpectrumType.LipidRich)]
    [InlineData(0.9, null, SpectrumType.Brain)]
    [InlineData(1.0, 30.0, SpectrumType.LipidRich)]
    public void TypeOf_LongEcho_LipidRichFromTheLactateMaskThreshold(double ratio, double? echoTimeMs, SpectrumType expected)
    {
        Assert.Equal(expected, LipidContent.TypeOf(ratio, echoTimeMs));
    }
}
