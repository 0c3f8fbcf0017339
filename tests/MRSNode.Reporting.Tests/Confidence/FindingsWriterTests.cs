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
    public void Findings_LipidsPresent_AfterLactateBeforeRatios()
    {
        var thresholds = ConfidenceThresholds.Default;
        MetaboliteResult[] metabolites = [M("tNAA", MetaboliteFlag.Normal, 1.4), M("tCho", MetaboliteFlag.Normal, 0.2), M("Lip13a", MetaboliteFlag.Unreliable, 2.5), M("Lip13f", MetaboliteFlag.NotAssessed, 3.0), M("Lip09", MetaboliteFlag.NotDetected, 0), M("Lac", MetaboliteFlag.High, 0.5, [0, 0.2])];
        var ratios = new RatioRules(new ReferenceRanges("t", "t", []), thresholds).Ratios(metabolites, AssessmentContext.Unknown);

        var lipids = ratios.Single(r => r.Name == "Lip/tCr");
        Assert.Equal(5.5, lipids.Value!.Value, 9);
        Assert.Equal(MetaboliteFlag.High, lipids.Flag);
        Assert.Equal(["Lactate present: Lac/tCr 0.50", "Lipids present: Lip/tCr 5.5 (necrosis, or contamination from outside the voxel)"], new FindingsWriter(thresholds).Findings(metabolites, ratios));
    }

    [Fact]
    public void Findings_NothingFlagged_Empty()
    {
        var findings = new FindingsWriter(ConfidenceThresholds.Default).Findings([M("tNAA", MetaboliteFlag.Normal, 1.4)], []);

        Assert.Empty(findings);
    }
}
