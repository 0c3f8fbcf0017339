using MRSNode.Evaluation.BasisAgreement;
using MRSNode.SpinSimulation;
using MRSNode.SpinSimulation.SpinSystems;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests.BasisAgreement;

[UnitTest]
public class BasisAgreementEvaluationTests
{
    private static readonly Lazy<BasisSet> _ismrm = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));
    private static readonly SpinSystemLibrary _library = SpinSystemLibrary.LoadEmbedded();

    private static readonly Lazy<BasisAgreementResult> _simulated = new(() =>
    {
        var request = IsmrmChallengeProtocol.Request(_ismrm.Value, BasisAgreementEvaluation.CommonMetabolites(_ismrm.Value, _library));
        return BasisAgreementEvaluation.Compare(_ismrm.Value, new DensityMatrixBasisSimulator(_library).Simulate(request), _library);
    });

    /// <summary>
    /// The simulated PRESS TE1 11 + TE2 19 ms basis against the challenge's, per metabolite: the targets (r ≥ 0.99,
    /// area per proton within 2 %) where the two use the same spin parameters; elsewhere the measured level (rounded
    /// down) as a regression floor, for the reason given (docs/accuracy.md lists the reference's apparent shifts).
    /// </summary>
    [Theory]
    [InlineData("Ala", 0.99, 0.02, "target")]
    [InlineData("Glu", 0.99, 0.02, "target")]
    [InlineData("Gly", 0.99, 0.02, "target")]
    [InlineData("GPC", 0.99, 0.02, "target (with the 31P couplings)")]
    [InlineData("sIns", 0.99, 0.02, "target")]
    [InlineData("PCr", 0.99, 0.02, "target")]
    [InlineData("PE", 0.99, 0.02, "target (with the 31P couplings)")]
    [InlineData("NAA", 0.99, 0.02, "target")]
    [InlineData("NAAG", 0.99, 0.03, "reference's glutamyl CH2 shifts differ by 0.006-0.013 ppm: 2.8 % less area inside 0.2-4.2 ppm")]
    [InlineData("Cr", 0.965, 0.02, "reference's Cr at 3.024/3.910 ppm, cited 3.027/3.913")]
    [InlineData("Lac", 0.945, 0.02, "reference's Lac 0.003 ppm higher (1.317/4.100)")]
    [InlineData("Ins", 0.96, 0.02, "reference's Ins 0.0045-0.0065 ppm higher")]
    [InlineData("Tau", 0.965, 0.02, "reference's Tau 1CH2 at 3.415 ppm, cited 3.4206")]
    [InlineData("Asc", 0.975, 0.02, "reference's Asc 5CH/6CH 0.004 ppm higher")]
    [InlineData("Asp", 0.945, 0.035, "reference's Asp 3CH/3'CH at 2.798/2.661 ppm, cited 2.8011/2.6533")]
    [InlineData("GABA", 0.975, 0.02, "reference uses other GABA parameters; Near 2013 / Kaiser values kept")]
    [InlineData("Glc", 0.975, 0.02, "reference's Glc shifts 0.0015-0.009 ppm higher")]
    [InlineData("Gln", 0.90, 0.02, "reference's Gln 2CH 0.01 ppm, 3CH2 0.005 ppm higher")]
    [InlineData("GSH", 0.865, 0.02, "reference's GSH couplings differ (its shifts alone reach r 0.945)")]
    [InlineData("PCho", 0.975, 0.075, "reference's PCho CH2 groups near 4.15/3.58 ppm, cited 4.2805/3.641")]
    public void Compare_SimulatedChallengeProtocol_MeetsItsLevelPerMetabolite(string name, double minCorrelation, double maxAreaDeviation, string why)
    {
        var row = _simulated.Value.Rows.Single(r => r.Name == name);

        Assert.True(row.Correlation >= minCorrelation, $"{name}: r {row.Correlation:F4} < {minCorrelation} ({why})");
        Assert.True(Math.Abs(row.AreaRatio - 1) <= maxAreaDeviation, $"{name}: area ratio {row.AreaRatio:F4} ({why})");
    }

    [Fact]
    public void Compare_SimulatedChallengeProtocol_CoversEveryCommonMetaboliteAndMeetsTheTargetForEight()
    {
        var rows = _simulated.Value.Rows;

        Assert.Equal(20, rows.Count);
        Assert.Equal(2048, _simulated.Value.AcquiredPoints);
        Assert.Equal(0, _simulated.Value.Linewidth.SimulatedFwhmHz, 2);
        Assert.InRange(_simulated.Value.Linewidth.ReferenceFwhmHz, 2.0, 2.1);
        Assert.Equal(["Ala", "Glu", "Gly", "GPC", "sIns", "PCr", "PE", "NAA"], rows.Where(BasisAgreementEvaluation.Passes).Select(r => r.Name));
    }

    /// <summary>
    /// At an in vivo 3 T linewidth (6 Hz) the organisers' 0.002-0.01 ppm shift differences no longer cost correlation:
    /// 16 of 20 meet both targets; the whole-band area puts PCho (whose 4.28 ppm CH2 the window cuts) within 2 % too.
    /// Asp, NAAG (areas) and GSH (other couplings) stay out, as docs/accuracy.md says.
    /// </summary>
    [Fact]
    public void Compare_SimulatedChallengeProtocolAtSixHz_SixteenMeetTheTargetAndOnlyAspNaagGshMissOnTheWholeBand()
    {
        var request = IsmrmChallengeProtocol.Request(_ismrm.Value, BasisAgreementEvaluation.CommonMetabolites(_ismrm.Value, _library));
        var result = BasisAgreementEvaluation.Compare(_ismrm.Value, new DensityMatrixBasisSimulator(_library).Simulate(request), _library, atFwhmHz: 6);

        Assert.Equal(6, result.Linewidth.MatchedFwhmHz, 6);
        Assert.Equal(16, result.Rows.Count(BasisAgreementEvaluation.Passes));
        var missesOnWholeBand = result.Rows
            .Where(r => r.Correlation < BasisAgreementEvaluation.MinCorrelation || Math.Abs(r.WholeBandAreaRatio - 1) > BasisAgreementEvaluation.MaxAreaDeviation)
            .Select(r => r.Name);
        Assert.Equal(["Asp", "GSH", "NAAG"], missesOnWholeBand.Order(StringComparer.Ordinal));
        Assert.InRange(result.Rows.Single(r => r.Name == "PCho").WholeBandAreaRatio, 0.98, 1.02);
    }

    private static BasisSet Broadened(BasisSet set, double extraFwhmHz) => set with
    {
        Metabolites = set.Metabolites.Select(m => m with { Fid = LinewidthMatch.Broaden(m.Fid, set.Axis, extraFwhmHz) }).ToList(),
    };

    [Fact]
    public void CommonMetabolites_IsmrmBasis_AreItsTwentyMetabolitesWithoutTheMacromolecules()
    {
        var names = BasisAgreementEvaluation.CommonMetabolites(_ismrm.Value, _library);

        Assert.Equal(20, names.Count);
        Assert.DoesNotContain("Mac", names);
        Assert.Contains("PCho", names);
        Assert.Contains("sIns", names);
    }

    [Fact]
    public void Compare_IsmrmBasisWithItselfBroadenedTwoHz_AgreesPerfectlyAfterMatching()
    {
        var result = BasisAgreementEvaluation.Compare(_ismrm.Value, Broadened(_ismrm.Value, 2), _library);

        // The fit models an untruncated FID, so on the challenge's truncated one it finds 1.95 Hz of the 2 Hz added.
        Assert.InRange(result.Linewidth.SimulatedFwhmHz - result.Linewidth.ReferenceFwhmHz, 1.9, 2.05);
        Assert.Equal(2048, result.AcquiredPoints);
        Assert.Equal(20, result.Rows.Count);
        Assert.All(result.Rows, row => Assert.InRange(row.Correlation, 0.9999, 1.0000001));
        Assert.All(result.Rows, row => Assert.InRange(row.AreaRatio, 0.999, 1.001));
        Assert.All(result.Rows, row => Assert.True(BasisAgreementEvaluation.Passes(row)));
    }

    [Fact]
    public void Compare_NaaReplacedByNaag_FailsOnlyNaa()
    {
        var set = _ismrm.Value;
        var naag = set.Find("NAAG")!;
        var swapped = set with { Metabolites = set.Metabolites.Select(m => m.Name == "NAA" ? m with { Fid = naag.Fid } : m).ToList() };

        var result = BasisAgreementEvaluation.Compare(set, swapped, _library);

        var failed = result.Rows.Where(r => !BasisAgreementEvaluation.Passes(r)).Select(r => r.Name).ToList();
        Assert.Equal(["NAA"], failed);
        Assert.InRange(result.Rows.Single(r => r.Name == "NAA").Correlation, -1, 0.9);
    }

    [Fact]
    public void Compare_DifferentGrid_Throws()
    {
        var set = _ismrm.Value;
        var other = set with { DwellTimeSeconds = set.DwellTimeSeconds * 2 };

        Assert.Throws<ArgumentException>(() => BasisAgreementEvaluation.Compare(set, other, _library));
    }

    [Fact]
    public void ToMarkdown_OneRowPerMetabolite_MarksMisses()
    {
        var result = new BasisAgreementResult([new BasisAgreementRow("NAA", 6, 0.9991, 1.004) { WholeBandAreaRatio = 1.002 }, new BasisAgreementRow("GABA", 6, 0.97, 1.0) { WholeBandAreaRatio = 0.999 }], new LinewidthMatch(1.5, 0), 0.2, 4.2);

        var table = BasisAgreementEvaluation.ToMarkdown(result);

        Assert.Contains("| NAA | 6 | 0.9991 | 1.0040 | 1.0020 | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| GABA | 6 | 0.9700 | 1.0000 | 0.9990 | **no** |", table, StringComparison.Ordinal);
        Assert.Contains("reference 1.50 Hz, simulated 0.00 Hz, both compared at 1.50 Hz", table, StringComparison.Ordinal);
    }
}
