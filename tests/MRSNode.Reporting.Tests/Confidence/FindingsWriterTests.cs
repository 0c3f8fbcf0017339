using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Confidence;

[UnitTest]
public class FindingsWriterTests
{
    private static MetaboliteResult M(string name, MetaboliteFlag flag, double ratio, double[]? range = null) => new()
    {
        Name = name, Flag = flag, RatioToTCr = ratio, CrlbPercent = 5, ReferenceRange = range, ReferenceRangeUnit = "ratio to tCr", IsPool = name.StartsWith('t'),
    };

    private static RatioResult R(string num, string den, MetaboliteFlag flag, double value, double[] range) => new()
    {
        Name = $"{num}/{den}", Numerator = num, Denominator = den, Value = value, Flag = flag, ReferenceRange = range,
    };

    [Fact]
    public void Findings_TumourPattern_LactateThenRatioThenMajorThenMinor()
    {
        var writer = new FindingsWriter(ConfidenceThresholds.Default);

        var findings = writer.Findings(
            [M("GSH", MetaboliteFlag.High, 0.9, [0.017, 0.487]), M("tNAA", MetaboliteFlag.Low, 0.4, [0.993, 1.878]), M("tCho", MetaboliteFlag.High, 0.7, [0.024, 0.424]), M("tCr", MetaboliteFlag.NotAssessed, 1), M("Lac", MetaboliteFlag.High, 0.85, [0, 0.2])],
            [R("tCho", "tNAA", MetaboliteFlag.High, 1.75, [0.008, 0.304]), R("tNAA", "tCho", MetaboliteFlag.Low, 0.57, [3.29, 20])]);

        Assert.Equal(
        [
            "Lactate present: Lac/tCr 0.85",
            "Cho/NAA high: 1.75 (range 0.01–0.30)",
            "NAA (total) low: tNAA/tCr 0.40 (range 0.99–1.88)",
            "Choline (total) high: tCho/tCr 0.70 (range 0.02–0.42)",
            "GSH high: GSH/tCr 0.90 (range 0.02–0.49)",
        ], findings);
    }

    [Fact]
    public void Findings_NothingFlagged_Empty()
    {
        var findings = new FindingsWriter(ConfidenceThresholds.Default).Findings([M("tNAA", MetaboliteFlag.Normal, 1.4)], []);

        Assert.Empty(findings);
    }
}
