using MRSNode.Quantification.Results;
using Xunit;

namespace MRSNode.Quantification.Tests.Results;

public class ResultAssessmentTests
{
    private static QualityResult Qc(double snr, double fwhmPpm) => new() { Snr = snr, SnrDefinition = "NAA / noise SD", FwhmPpm = fwhmPpm, FwhmHz = fwhmPpm * 123.2 };

    private static MetaboliteResult M(string name, string flag) => new() { Name = name, Flag = flag, IsPool = true };

    private static readonly MetaboliteResult[] _majors = [M("tNAA", "measured"), M("tCr", "measured"), M("tCho", "measured")];

    [Theory]
    [InlineData(0.0, 10.0, "not detected")]
    [InlineData(1.0, 999.0, "not detected")]
    [InlineData(1.0, 50.5, "unreliable")]
    [InlineData(1.0, 50.0, "measured")]
    [InlineData(1.0, 3.0, "measured")]
    public void Flag_AmplitudeAndCrlb_Classified(double amplitude, double crlb, string expected) =>
        Assert.Equal(expected, ResultAssessment.Default.Flag(amplitude, crlb));

    [Fact]
    public void Verdict_GoodSpectrum_ReliableWithReason()
    {
        var (verdict, reasons) = ResultAssessment.Default.Verdict(Qc(40, 0.05), _majors);

        Assert.Equal("reliable", verdict);
        Assert.Equal("SNR 40.0, linewidth 0.050 ppm and the major metabolites' CRLBs are within limits", Assert.Single(reasons));
    }

    [Fact]
    public void Verdict_LowSnrAndBroadLine_NotUsableWithBothReasons()
    {
        var (verdict, reasons) = ResultAssessment.Default.Verdict(Qc(3.2, 0.15), _majors);

        Assert.Equal("not usable", verdict);
        Assert.Equal(2, reasons.Count);
        Assert.StartsWith("SNR 3.2 is below 5", reasons[0]);
        Assert.StartsWith("linewidth 0.150 ppm (18.5 Hz) is above 0.1 ppm", reasons[1]);
    }

    [Fact]
    public void Verdict_UnreliableTCho_Review()
    {
        var (verdict, reasons) = ResultAssessment.Default.Verdict(Qc(30, 0.05), [M("tNAA", "measured"), M("tCr", "measured"), M("tCho", "unreliable")]);

        Assert.Equal("review", verdict);
        Assert.Equal("tCho is unreliable", Assert.Single(reasons));
    }

    [Fact]
    public void Verdict_NaNSnr_NotUsable()
    {
        var (verdict, _) = ResultAssessment.Default.Verdict(Qc(double.NaN, 0.05), _majors);

        Assert.Equal("not usable", verdict);
    }

    [Fact]
    public void ToJson_RoundTrip_KeepsDesignFields()
    {
        var report = new QuantificationReport
        {
            Software = "MRSNode 0.1.0",
            CreatedUtc = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc),
            Input = new InputSummary { MetaboliteFile = "m.dcm", BasisSet = "b.BASIS", Points = 2048, SpectralWidthHz = 4000, FrequencyMHz = 123.2 },
            Metabolites = [new MetaboliteResult { Name = "NAA", ConcentrationMm = null, RatioToTCr = 1.4, CrlbPercent = 3.1, Flag = "measured" }],
            Qc = Qc(25, 0.05),
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
        Assert.Equal(report.Metabolites[0], back.Metabolites[0]);
        Assert.Equal(0.5, back.Lcm!.Estimates[0].Amplitude);
        Assert.Null(back.Neural);
    }
}
