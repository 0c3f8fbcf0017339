using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Confidence;

/// <summary>The issue-20 cases: ranges that fit the case, CRLB classes, lactate present/absent, findings.</summary>
[UnitTest]
public class MetaboliteFlagRulesTests
{
    private static string Config(string file) => Path.Combine(TestData.Root, "..", "..", "config", file);

    private static readonly ConfidenceChecker _checker = new(ReferenceRanges.Load(Config("reference-ranges.json")), ConfidenceThresholds.Load(Config("confidence-checks.json")));

    private static readonly AssessmentContext _siemens3TTe30 = new() { FieldTesla = 2.89, EchoTimeMs = 30 };

    private static QualityResult Qc() => new() { Snr = 40, SnrDefinition = "NAA peak / noise SD", FwhmPpm = 0.05, FwhmHz = 6.2, FitResidualRelative = 0.05, FrequencyOffsetHz = 1 };

    private static MetaboliteEstimate E(string name, double ratio, double crlb = 5, double? iu = null) =>
        new(name, 1, ratio, iu, crlb, IsPool: name.StartsWith('t') || name == "Glx");

    // The clean Siemens TE 30 scan's LCM values (tests/data/dicom/siemens-csa-svs30.ima).
    private static MetaboliteEstimate[] Healthy(double cho = 0.221) =>
        [E("tNAA", 1.404, 4), E("tCr", 1.0, 4), E("tCho", cho, 6), E("Ins", 0.632, 15), E("Glx", 1.612, 6), E("NAA", 1.321, 5), E("GPC", cho, 17)];

    [Fact]
    public void Flag_Lactate3Point8InstitutionalUnits_PresentAndFirstFinding()
    {
        var outcome = _checker.Check([.. Healthy(), E("Lac", 0.40, crlb: 12, iu: 3.8)], null, Qc(), _siemens3TTe30);

        var lac = outcome.Metabolites.Single(m => m.Name == "Lac");
        Assert.Equal(MetaboliteFlag.High, lac.Flag);
        Assert.Equal("present: Lac/tCr 0.40 (at or above 0.2; not normally detectable in adult brain)", lac.FlagReason);
        Assert.Equal("Lactate present: Lac/tCr 0.40", outcome.Findings[0]);
    }

    [Fact]
    public void Flag_LactateBelowPresenceLevel_NormalAndNoFinding()
    {
        var outcome = _checker.Check([.. Healthy(), E("Lac", 0.08, crlb: 25)], null, Qc(), _siemens3TTe30);

        Assert.Equal(MetaboliteFlag.Normal, outcome.Metabolites.Single(m => m.Name == "Lac").Flag);
        Assert.Empty(outcome.Findings);
    }

    [Fact]
    public void Flag_TripledCholineAt3TShortTe_HighByTChoAndChoNaa()
    {
        var outcome = _checker.Check(Healthy(cho: 3 * 0.221), null, Qc(), _siemens3TTe30);

        var cho = outcome.Metabolites.Single(m => m.Name == "tCho");
        Assert.Equal(MetaboliteFlag.High, cho.Flag);
        Assert.Equal([0.024, 0.424], cho.ReferenceRange!);
        var choNaa = outcome.Ratios.Single(r => r.Name == "tCho/tNAA");
        Assert.Equal(0.472, choNaa.Value!.Value, 3);
        Assert.Equal(MetaboliteFlag.High, choNaa.Flag);
        Assert.Equal(MetaboliteFlag.Low, outcome.Ratios.Single(r => r.Name == "tNAA/tCho").Flag);
        Assert.Equal(["Cho/NAA high: 0.47 (range 0.01–0.30)", "Choline (total) high: tCho/tCr 0.66 (range 0.02–0.42)"], outcome.Findings);
    }

    [Fact]
    public void Flag_TripledCholineWithUnknownField_PooledRangeCallsItNormalGrossOnly()
    {
        // Why the case-specific ranges matter: the pooled range (all fields and sequences) holds tripled choline.
        var outcome = _checker.Check(Healthy(cho: 3 * 0.221), null, Qc());

        var cho = outcome.Metabolites.Single(m => m.Name == "tCho");
        Assert.Equal(MetaboliteFlag.Normal, cho.Flag);
        Assert.EndsWith("(ratio to tCr; pooled over fields and sequences: gross abnormality only)", cho.FlagReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Flag_HealthySiemensScan_AllNormalNoFindings()
    {
        var outcome = _checker.Check(Healthy(), null, Qc(), _siemens3TTe30);

        Assert.All(outcome.Metabolites.Where(m => m.Name is not "tCr" and not "GPC"), m => Assert.Equal(MetaboliteFlag.Normal, m.Flag));
        Assert.Equal(0.157, outcome.Ratios.Single(r => r.Name == "tCho/tNAA").Value!.Value, 3);
        Assert.All(outcome.Ratios, r => Assert.Equal(MetaboliteFlag.Normal, r.Flag));
        Assert.Empty(outcome.Findings);
        Assert.Equal(StudyVerdict.Reliable, outcome.Verdict);
    }

    [Theory]
    [InlineData("Asp", 1.57, 20)]
    [InlineData("GABA", 1.17, 22)]
    [InlineData("GABA", 0.9, 28)]
    public void Flag_MinorMetaboliteAtCrlb20OrMore_NotAssessedNotFlagged(string name, double ratio, double crlb)
    {
        var outcome = _checker.Check([.. Healthy(), E(name, ratio, crlb)], null, Qc(), _siemens3TTe30);

        var m = outcome.Metabolites.Single(r => r.Name == name);
        Assert.Equal(MetaboliteFlag.NotAssessed, m.Flag);
        Assert.Equal($"not assessed: CRLB {crlb:F0} % is at or above the 20 % this metabolite needs for a range comparison", m.FlagReason);
        Assert.Empty(outcome.Findings);
    }

    [Fact]
    public void Flag_MajorMetaboliteAtCrlb35_NotAssessedValueKept()
    {
        var outcome = _checker.Check([E("tNAA", 0.5, 35), E("tCr", 1.0, 4)], null, Qc(), _siemens3TTe30);

        Assert.Equal(MetaboliteFlag.NotAssessed, outcome.Metabolites[0].Flag);
        Assert.Equal(0.5, outcome.Metabolites[0].RatioToTCr);
        Assert.StartsWith("not assessed: CRLB 35 % is at or above the 30 %", outcome.Metabolites[0].FlagReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Flag_PoolMemberLowWhilePoolNormal_NoFinding()
    {
        // The healthy Philips volunteer: GPC/tCr 0.11 under the pooled GPC floor 0.114 while tCho is normal.
        var outcome = _checker.Check([E("tNAA", 1.287), E("tCr", 1.0), E("tCho", 0.178), E("GPC", 0.11, 15)], null, Qc(), new AssessmentContext { FieldTesla = 3, EchoTimeMs = 35 });

        Assert.Equal(MetaboliteFlag.Low, outcome.Metabolites.Single(m => m.Name == "GPC").Flag);
        Assert.Empty(outcome.Findings);
    }

    [Fact]
    public void Load_SiteRangeForTheCase_UsedBeforeTheCaseSpecificSet()
    {
        var site = Path.Combine(TestData.NewTempFolder(), "site.json");
        File.WriteAllText(site, """{ "version": "site-1", "source": "our normals", "ranges": [ { "metabolite": "tCho", "ratioToTCr": [0.15, 0.3], "citation": "n=40" } ] }""");
        var checker = new ConfidenceChecker(ReferenceRanges.Load(Config("reference-ranges.json"), site), ConfidenceThresholds.Load(Config("confidence-checks.json")));

        var cho = checker.Check(Healthy(cho: 0.35), null, Qc(), _siemens3TTe30).Metabolites.Single(m => m.Name == "tCho");

        Assert.Equal(MetaboliteFlag.High, cho.Flag);
        Assert.Equal([0.15, 0.3], cho.ReferenceRange!);
        Assert.Equal("site: n=40", cho.ReferenceRangeSource);
    }
}
