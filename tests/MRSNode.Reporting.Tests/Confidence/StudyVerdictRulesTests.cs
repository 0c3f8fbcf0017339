using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Confidence;

/// <summary>The study verdict's QC rules: artefacts found, limits by field, reasons in plain words, most important first.</summary>
[UnitTest]
public class StudyVerdictRulesTests
{
    private static readonly StudyVerdictRules _rules = new(ConfidenceThresholds.Load(Path.Combine(TestData.Root, "..", "..", "config", "confidence-checks.json")));

    private static QualityResult Qc(double mhz = 123.2, double fwhmPpm = 0.05) =>
        new() { Snr = 30, SnrDefinition = "NAA peak / noise SD", FwhmPpm = fwhmPpm, FwhmHz = fwhmPpm * mhz, FitResidualRelative = 0.05, FrequencyOffsetHz = 1, FrequencyMHz = mhz };

    private static (StudyVerdict Verdict, IReadOnlyList<string> Reasons) Verdict(QualityResult qc)
    {
        var (verdict, reasons) = _rules.Verdict(qc, []);
        return (verdict, reasons.Select(r => r.Text).ToList());
    }

    [Fact]
    public void Verdict_CleanSpectrum_ReliableWithOneInformationReason()
    {
        var (verdict, reasons) = Verdict(Qc() with { LipidToTCr = 0.3, ResidualWaterToNaa = 2, Transients = 64, TransientsRejected = 1, FrequencyDriftHz = 2 });

        Assert.Equal(StudyVerdict.Reliable, verdict);
        Assert.Equal(["SNR 30.0, linewidth 0.050 ppm, no artefact found and every major metabolite measured reliably"], reasons);
    }

    [Fact]
    public void Verdict_MajorMetaboliteCrlbAboveItsClassLimit_ReviewNotReliable()
    {
        // tCho at CRLB 35 %: below the 50 % "unreliable" cut, but above the 30 % its class needs for a range comparison.
        List<MetaboliteResult> results = [new() { Name = "tCho", RatioToTCr = 0.25, CrlbPercent = 35, Flag = MetaboliteFlag.NotAssessed, IsPool = true }];

        var (verdict, reasons) = _rules.Verdict(Qc(), results);

        Assert.Equal(StudyVerdict.Review, verdict);
        Assert.Equal(["tCho is not measured precisely enough to compare with its range: CRLB 35 %, limit 30 %"], reasons.Select(r => r.Text));
    }

    [Fact]
    public void Verdict_MajorMetaboliteCrlbBelowItsClassLimit_StaysReliable()
    {
        List<MetaboliteResult> results = [new() { Name = "tCho", RatioToTCr = 0.25, CrlbPercent = 29, Flag = MetaboliteFlag.Normal, IsPool = true }];

        var (verdict, _) = _rules.Verdict(Qc(), results);

        Assert.Equal(StudyVerdict.Reliable, verdict);
    }

    [Fact]
    public void Verdict_ScalpLipid_ReviewSaysLipidAndLimit()
    {
        var (verdict, reasons) = Verdict(Qc() with { LipidToTCr = 3.2 });

        Assert.Equal(StudyVerdict.Review, verdict);
        Assert.Equal(["strong lipid signal, from scalp fat outside the voxel or from necrosis: lipid/tCr 3.2, limit 1.0"], reasons);
    }

    [Fact]
    public void Verdict_UnsuppressedWater_ReviewSaysWaterSuppression()
    {
        var (verdict, reasons) = Verdict(Qc() with { ResidualWaterToNaa = 850 });

        Assert.Equal(StudyVerdict.Review, verdict);
        Assert.Equal(["poor water suppression: residual water 850 × the NAA peak, limit 200"], reasons);
    }

    [Fact]
    public void Verdict_SixOf64AveragesRejected_SaysThePatientMoved()
    {
        var (verdict, reasons) = Verdict(Qc() with { Transients = 64, TransientsRejected = 8 });

        Assert.Equal(StudyVerdict.Review, verdict);
        Assert.Equal(["the patient moved or the scanner was unstable during the acquisition: 8 of 64 averages rejected (limit 10 %)"], reasons);
    }

    [Fact]
    public void Verdict_FrequencyDrift_LimitInPpm()
    {
        var (verdict, reasons) = Verdict(Qc() with { FrequencyDriftHz = 12.32 });

        Assert.Equal(StudyVerdict.Review, verdict);
        Assert.Equal(["the frequency drifted during the acquisition (motion or scanner heating): 0.100 ppm (12.3 Hz), limit 0.05 ppm"], reasons);
    }

    [Theory]
    [InlineData(63.9, 0.09, StudyVerdict.Reliable)] // 1.5 T: 5.8 Hz is a good shim
    [InlineData(123.2, 0.09, StudyVerdict.Review)]
    [InlineData(297.2, 0.095, StudyVerdict.NotUsable)] // 7 T: 28 Hz is not
    [InlineData(297.2, 0.07, StudyVerdict.Review)]
    public void Verdict_SameLinewidthInPpm_JudgedByTheFieldsBand(double mhz, double fwhmPpm, StudyVerdict expected) =>
        Assert.Equal(expected, Verdict(Qc(mhz, fwhmPpm)).Verdict);

    [Fact]
    public void Verdict_FrequencyOffset_SameHzCountsMoreAtLowField()
    {
        // 10 Hz is 0.16 ppm at 1.5 T (review) but 0.03 ppm at 7 T (fine).
        Assert.Equal(StudyVerdict.Review, Verdict(Qc(63.9) with { FrequencyOffsetHz = 10 }).Verdict);
        Assert.Equal(StudyVerdict.Reliable, Verdict(Qc(297.2) with { FrequencyOffsetHz = 10 }).Verdict);
    }

    [Fact]
    public void Verdict_ReviewAndNotUsableCauses_NotUsableFirst()
    {
        var (verdict, reasons) = Verdict(Qc() with { LipidToTCr = 2, Snr = 3 });

        Assert.Equal(StudyVerdict.NotUsable, verdict);
        Assert.StartsWith("too little signal to quantify: SNR 3.0", reasons[0], StringComparison.Ordinal);
        Assert.StartsWith("strong lipid signal", reasons[1], StringComparison.Ordinal);
    }
}
