using MRSNode.Quantification.Results;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests.Results;

[UnitTest]
public class QuantificationReportTests
{
    [Fact]
    public void ToJson_RoundTrip_KeepsDesignFields()
    {
        var report = new QuantificationReport
        {
            Software = "MRSNode 0.1.0",
            CreatedUtc = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc),
            Input = new InputSummary { MetaboliteFile = "m.dcm", BasisSet = "b.BASIS", Points = 2048, SpectralWidthHz = 4000, FrequencyMHz = 123.2 },
            Metabolites = [new MetaboliteResult { Name = "NAA", ConcentrationMm = null, RatioToTCr = 1.4, CrlbPercent = 3.1, Flag = "normal", ReferenceRange = [0.974, 1.798], ReferenceRangeUnit = "ratio to tCr" }],
            Qc = new QualityResult { Snr = 25, SnrDefinition = "NAA / noise SD", FwhmPpm = 0.05, FwhmHz = 6.2 },
            Verdict = "reliable",
            Reasons = ["ok"],
            Lcm = new MethodResult { Method = "lcm", Version = "1", Estimates = [new MethodEstimate { Name = "NAA", Amplitude = 0.5, CrlbPercent = 3.1 }] },
        };

        var json = report.ToJson();
        var back = QuantificationReport.FromJson(json);

        Assert.Contains("\"concentrationMm\": null", json);
        Assert.Contains("\"ratioToTCr\": 1.4", json);
        Assert.Contains("\"fwhmPpm\": 0.05", json);
        Assert.Contains("\"verdict\": \"reliable\"", json);
        Assert.Equal(report.Metabolites[0].Name, back.Metabolites[0].Name);
        Assert.Equal([0.974, 1.798], back.Metabolites[0].ReferenceRange!);
        Assert.Equal(0.5, back.Lcm!.Estimates[0].Amplitude);
        Assert.Null(back.Neural);
    }
}
