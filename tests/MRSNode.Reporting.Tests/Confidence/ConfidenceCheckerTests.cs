using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Confidence;

/// <summary>The confidence rules, case by case.</summary>
[UnitTest]
public class ConfidenceCheckerTests
{
    private static string Config(string file) => Path.Combine(TestData.Root, "..", "..", "config", file);

    private static readonly ConfidenceChecker _checker = new(ReferenceRanges.Load(Config("reference-ranges.json")), ConfidenceThresholds.Load(Config("confidence-checks.json")));

    private static QualityResult Qc(double snr = 30, double fwhm = 0.05, double? residual = 0.05, double? offset = 1) =>
        new() { Snr = snr, SnrDefinition = "NAA peak / noise SD", FwhmPpm = fwhm, FwhmHz = fwhm * 123.2, FitResidualRelative = residual, FrequencyOffsetHz = offset };

    private static MetaboliteEstimate E(string name, double ratio, double crlb = 5, double? mm = null, double amplitude = 1) =>
        new(name, amplitude, ratio, mm, crlb, IsPool: name.StartsWith('t') || name == "Glx");

    private static readonly MetaboliteEstimate[] _healthy = [E("tNAA", 1.5), E("tCr", 1.0), E("tCho", 0.25), E("Ins", 0.6), E("Glx", 1.3)];

    [Fact]
    public void Check_HealthySpectrum_ReliableAndNormal()
    {
        var outcome = _checker.Check(_healthy, null, Qc());

        Assert.Equal(StudyVerdict.Reliable, outcome.Verdict);
        Assert.All(outcome.Metabolites.Where(m => m.Name != "tCr"), m => Assert.Equal(MetaboliteFlag.Normal, m.Flag));
        Assert.Equal(MetaboliteFlag.NotAssessed, outcome.Metabolites.Single(m => m.Name == "tCr").Flag); // tCr has no ratio range: it is the reference
        Assert.Equal([0.942, 2.154], outcome.Metabolites[0].ReferenceRange!);
        Assert.Equal("ratio to tCr", outcome.Metabolites[0].ReferenceRangeUnit);
    }

    [Theory]
    [InlineData(3.0, StudyVerdict.NotUsable, "too little signal to quantify: SNR 3.0, minimum 5 (NAA peak / noise SD)")]
    [InlineData(7.5, StudyVerdict.Review, "weak signal, values are noisy: SNR 7.5, below 10")]
    public void Check_LowSnr_VerdictWithReason(double snr, StudyVerdict verdict, string reason)
    {
        var outcome = _checker.Check(_healthy, null, Qc(snr: snr));

        Assert.Equal(verdict, outcome.Verdict);
        Assert.Equal(reason, Assert.Single(outcome.Reasons));
    }

    [Fact]
    public void Check_BroadLineAndBigResidual_ReasonsForEach()
    {
        var outcome = _checker.Check(_healthy, null, Qc(fwhm: 0.12, residual: 0.3, offset: -20));

        Assert.Equal(StudyVerdict.NotUsable, outcome.Verdict);
        Assert.Equal(
            [
                "lines too broad to separate the metabolites (poor shim or motion): linewidth 0.120 ppm (14.8 Hz), limit 0.1 ppm at 2.9 T",
                "the fit leaves 30 % of the signal unexplained (an artefact or an unexpected signal), limit 15 %",
                "the spectrum sits off its expected frequency: -0.16 ppm (-20.0 Hz), limit 0.12 ppm",
            ],
            outcome.Reasons);
    }

    [Fact]
    public void Check_OutOfRangeAndReliable_FlaggedHigh()
    {
        var outcome = _checker.Check([E("tNAA", 2.6, crlb: 4), .. _healthy.Skip(1)], null, Qc());

        var naa = outcome.Metabolites[0];
        Assert.Equal(MetaboliteFlag.High, naa.Flag);
        Assert.Equal("2.6 is above the reference range 0.942–2.154 (ratio to tCr; pooled over fields and sequences: gross abnormality only)", naa.FlagReason);
        Assert.Equal(StudyVerdict.Reliable, outcome.Verdict);
    }

    [Fact]
    public void Check_EstimateWithACaveat_UnreliableWithTheCaveatWhateverItsCrlb()
    {
        const string Caveat = "lactate at 1.3 ppm lies under lipids 8.0 × the creatine signal and cannot be measured reliably there";

        var outcome = _checker.Check([.. _healthy, E("Lac", 0.9, crlb: 4) with { Caveat = Caveat }, E("Lac", 0, crlb: 999, amplitude: 0) with { Caveat = Caveat }], null, Qc());

        var lac = outcome.Metabolites.Where(m => m.Name == "Lac").ToList();
        Assert.All(lac, m => Assert.Equal(MetaboliteFlag.Unreliable, m.Flag)); // neither a value nor "not detected" is a finding
        Assert.All(lac, m => Assert.Equal(Caveat, m.FlagReason));
        Assert.Null(lac[0].ReferenceRange);
    }

    [Fact]
    public void Check_OutOfRangeButUncertain_UnreliableNotHigh()
    {
        var outcome = _checker.Check([E("tNAA", 2.6, crlb: 65), .. _healthy.Skip(1)], null, Qc());

        var naa = outcome.Metabolites[0];
        Assert.Equal(MetaboliteFlag.Unreliable, naa.Flag);
        Assert.Equal("CRLB 65 % is above 50 %", naa.FlagReason);
        Assert.Null(naa.ReferenceRange);
        Assert.Equal(StudyVerdict.Review, outcome.Verdict);
        Assert.Equal("tNAA is unreliable: CRLB 65 % is above 50 %", Assert.Single(outcome.Reasons));
    }

    [Fact]
    public void Check_MethodsDisagree_UnreliableWithBothValues()
    {
        var neural = new[] { E("tNAA", 1.5), E("tCr", 1.0), E("tCho", 0.12), E("Ins", 0.62), E("Glx", 1.25) };

        var outcome = _checker.Check(_healthy, neural, Qc());

        var cho = outcome.Metabolites.Single(m => m.Name == "tCho");
        Assert.Equal(MetaboliteFlag.Unreliable, cho.Flag);
        Assert.Equal("the methods differ by 70 % (ratio to tCr 0.25 vs 0.12)", cho.FlagReason);
        Assert.Equal(MetaboliteFlag.Normal, outcome.Metabolites.Single(m => m.Name == "Ins").Flag); // 3 % apart: agreement
        Assert.Equal(StudyVerdict.Review, outcome.Verdict);
    }

    [Fact]
    public void Check_ZeroAmplitude_NotDetected()
    {
        var outcome = _checker.Check([E("Lac", 0, crlb: 999, amplitude: 0), .. _healthy], null, Qc());

        Assert.Equal(MetaboliteFlag.NotDetected, outcome.Metabolites[0].Flag);
        Assert.Equal(StudyVerdict.Reliable, outcome.Verdict); // Lac is not a major metabolite
    }

    [Fact]
    public void Check_CorrectedConcentrationWithoutRatioRange_RangeInMillimolar()
    {
        var outcome = _checker.Check([E("tCr", 1.0, mm: 20.1)], null, Qc(), new AssessmentContext { ConcentrationsCorrected = true });

        Assert.Equal(MetaboliteFlag.High, outcome.Metabolites[0].Flag);
        Assert.Equal("mM (corrected)", outcome.Metabolites[0].ReferenceRangeUnit);
        Assert.Equal([5.41, 14.93], outcome.Metabolites[0].ReferenceRange!);
    }

    [Fact]
    public void Check_InstitutionalUnitsFarOutsideMillimolarRange_NeverCompared()
    {
        // Uncorrected water scaling: tCr 4.76 i.u. (the healthy Philips volunteer) is below the 5.41 mM literature floor, but i.u. are not mM.
        var outcome = _checker.Check([E("tCr", 1.0, mm: 4.76)], null, Qc(), new AssessmentContext { FieldTesla = 3, EchoTimeMs = 35 });

        Assert.Equal(MetaboliteFlag.NotAssessed, outcome.Metabolites[0].Flag);
        Assert.Null(outcome.Metabolites[0].ReferenceRange);
    }

    [Fact]
    public void Check_RatioAvailable_RatioPreferredOverCorrectedMillimolar()
    {
        var outcome = _checker.Check([E("tNAA", 1.5, mm: 25)], null, Qc(), new AssessmentContext { FieldTesla = 3, EchoTimeMs = 30, ConcentrationsCorrected = true });

        Assert.Equal(MetaboliteFlag.Normal, outcome.Metabolites[0].Flag);
        Assert.Equal("ratio to tCr", outcome.Metabolites[0].ReferenceRangeUnit);
        Assert.Equal([0.993, 1.878], outcome.Metabolites[0].ReferenceRange!);
    }

    [Fact]
    public void Check_UnknownMetabolite_NotAssessed()
    {
        var outcome = _checker.Check([E("Ace", 0.1)], null, Qc());

        Assert.Equal(MetaboliteFlag.NotAssessed, outcome.Metabolites[0].Flag);
        Assert.Equal("no reference range for this metabolite and unit", outcome.Metabolites[0].FlagReason);
    }

    [Fact]
    public void Find_AliasesOfBasisNames_SameRange()
    {
        var ranges = ReferenceRanges.Load(Config("reference-ranges.json"));

        Assert.Same(ranges.Find("Ins"), ranges.Find("mI"));
        Assert.Same(ranges.Find("tCho"), ranges.Find("GPC+PCh"));
        Assert.StartsWith("literature defaults", File.ReadAllText(Config("reference-ranges.json")).Split("\"status\": \"")[1]);
        Assert.Contains("Gudmundson", ranges.Source);
    }

    [Fact]
    public void Load_SiteFile_OverridesOnlyItsMetabolites()
    {
        var site = Path.Combine(TestData.NewTempFolder(), "site.json");
        File.WriteAllText(site, """{ "version": "site-2026", "source": "Our 3 T PRESS normals, n=40", "ranges": [ { "metabolite": "tNAA", "ratioToTCr": [1.2, 1.9], "citation": "site" } ] }""");

        var ranges = ReferenceRanges.Load(Config("reference-ranges.json"), site);

        Assert.Equal([1.2, 1.9], ranges.Find("tNAA")!.RatioToTCr!);
        Assert.Equal([0.085, 1.009], ranges.Find("tCho")!.RatioToTCr!);
        Assert.StartsWith("site-2026 (site) over 2026.12-literature-2", ranges.Version);
    }

    [Fact]
    public void Load_InvertedRange_ClearError()
    {
        var bad = Path.Combine(TestData.NewTempFolder(), "bad.json");
        File.WriteAllText(bad, """{ "ranges": [ { "metabolite": "NAA", "ratioToTCr": [2.0, 1.0] } ] }""");

        var ex = Assert.Throws<InvalidDataException>(() => ReferenceRanges.Load(bad));

        Assert.Contains("NAA: a range is [low, high]", ex.Message);
    }

    [Fact]
    public void Load_ShippedThresholds_EqualDefaults()
    {
        var loaded = ConfidenceThresholds.Load(Config("confidence-checks.json"));

        Assert.Equal(ConfidenceThresholds.Default with { MajorMetabolites = loaded.MajorMetabolites, LinewidthByField = loaded.LinewidthByField, CrlbClasses = loaded.CrlbClasses, PresentAtRatioToTCr = loaded.PresentAtRatioToTCr, CrlbCalibration = loaded.CrlbCalibration }, loaded);
        Assert.Equal(ConfidenceThresholds.Default.MajorMetabolites, loaded.MajorMetabolites);
        Assert.Equal(ConfidenceThresholds.Default.LinewidthByField, loaded.LinewidthByField);
        Assert.Equal(CrlbClass.Defaults.Select(c => (c.Name, c.AssessBelowPercent, string.Join(",", c.Metabolites))), loaded.CrlbClasses.Select(c => (c.Name, c.AssessBelowPercent, string.Join(",", c.Metabolites))));
        Assert.Equal(0.2, loaded.PresentAtRatioToTCr["Lac"]);
        Assert.StartsWith("CRLB is a lower bound on the error", loaded.CrlbCalibration, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EstimatesWithoutCrlb_UnreliableNeverRangeFlaggedAndVerdictReview()
    {
        // The neural method alone gives no uncertainties: tCho at 3.0 is far above its range but must not be called high.
        MetaboliteEstimate[] neural = [new("tNAA", 1, 1.5, null, null, true), new("tCr", 1, 1.0, null, null, true), new("tCho", 1, 3.0, null, null, true)];

        var outcome = _checker.Check(neural, null, Qc());

        Assert.All(outcome.Metabolites, m => Assert.Equal(MetaboliteFlag.Unreliable, m.Flag));
        Assert.StartsWith("no uncertainty (CRLB) from this method", outcome.Metabolites[2].FlagReason);
        Assert.Equal(StudyVerdict.Review, outcome.Verdict);
        Assert.Contains(outcome.Reasons, r => r.StartsWith("tCho is unreliable", StringComparison.Ordinal));
    }
}
