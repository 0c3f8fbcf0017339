using MRSNode.Evaluation.Pathology;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification.Results;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests.Pathology;

/// <summary>
/// The pathology set through preprocessing, the LCM method and the confidence checks (two realisations per case, SNR
/// 30 and 50; the full table is in docs/accuracy.md).
/// </summary>
[SlowTest]
public class PathologyEvaluationTests
{
    private static readonly Lazy<BasisSet> _basis = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));

    private static IReadOnlyList<PathologyResult> Run(params string[] cases) => PathologyEvaluation.Run(
        _basis.Value,
        [.. PathologyCases.Standard.Where(c => cases.Contains(c.Name))],
        [30, 50],
        realisations: 2,
        seed: 2016,
        PipelineComposer.Checker(Path.Combine(TestData.Root, "..", "..", "config")));

    [Fact]
    public void Run_SingleChangesTumourWithoutLipidsAndArtefacts_MeetEveryRequirement()
    {
        var results = Run("healthy", "raised-lac", "low-naa", "tripled-cho", "tumour", "poor-water-supp", "bad-transients");

        Assert.Equal(14, results.Count);
        Assert.All(results, r => Assert.Empty(r.Failures()));
        var lowNaa = results.First(r => r.Case.Name == "low-naa");
        Assert.All(lowNaa.Fits, f => Assert.InRange(f.TNaaRatio / lowNaa.TrueTNaaRatio, 0.85, 1.15));
    }

    [Fact]
    public void Run_TumourLipids_MeetEveryRequirementAndLactateFlagged()
    {
        var results = Run("tumour-lipids", "lipids-no-lac");

        Assert.Equal(4, results.Count);
        // tNAA/tCr and tCho/tCr within 15 %, Lac/tCr within 25 % (tumour-lipids), no Lac above 1 mM (lipids-no-lac).
        Assert.All(results, r => Assert.Empty(r.Failures()));
        foreach (var r in results)
        {
            Assert.All(r.Fits, f =>
            {
                Assert.NotEqual(MetaboliteFlag.NotDetected, f.TNaaFlag);
                Assert.Contains(f.Notes, n => n.Contains("lipid-rich", StringComparison.Ordinal));
                Assert.Equal(MetaboliteFlag.Unreliable, f.LacFlag); // lactate under these lipids is never read as a finding
            });
        }
        Assert.All(results.Where(r => r.Case.Name == "lipids-no-lac").SelectMany(r => r.Fits), f => Assert.InRange(f.Lac, 0, 1));
    }

    [Fact]
    public void Run_TumourLipidsWithoutNoise_MeetsRequirements()
    {
        // Without noise the residual is all model error, and narrow fat lines lowered it by more than the 25 % asked of
        // them by patching the broad lipid's shape (7 of these 10 draws): lactate was then read up to 40 % high (8.6 mM of
        // 6), and up to 1.1 mM where there is none. They are kept only where they carry most of the 1.3 ppm lipid.
        // On the common lineshape the lipids cost tNAA up to 18 % where NAA's line is broader than creatine's; a residual
        // beyond noise now gives tNAA its own lineshape (11 %).
        var results = PathologyEvaluation.Run(
            _basis.Value,
            [.. PathologyCases.Standard.Where(c => c.Name is "tumour-lipids" or "lipids-no-lac")],
            [100_000],
            realisations: 10,
            seed: 7,
            PipelineComposer.Checker(Path.Combine(TestData.Root, "..", "..", "config")));

        var tumour = results.Single(r => r.Case.Name == "tumour-lipids");
        Assert.All(tumour.Fits, f => Assert.InRange(f.LacRatio / tumour.TrueLacRatio, 0.75, 1.25));
        Assert.All(results.Single(r => r.Case.Name == "lipids-no-lac").Fits, f => Assert.InRange(f.Lac, 0, 0.1));
        Assert.All(results.SelectMany(r => r.Fits), f => Assert.DoesNotContain("Lip13n", f.Amplitudes.Keys)); // the broad fit reported
        Assert.All(results, r => Assert.All(r.Fits, f => Assert.InRange(f.TNaaRatio / r.TrueTNaaRatio, 0.85, 1.15)));
        Assert.All(results, r => Assert.Empty(r.Failures()));
    }

    [Fact]
    public void Run_ScalpLipid_TNaaWithinFifteenPercentAndLactateFlagged()
    {
        var results = Run("scalp-lipid");

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.All(r.Failures(), f => Assert.Equal("Lac > 1 mM", f)));
        Assert.All(results.SelectMany(r => r.Fits), f =>
        {
            Assert.InRange(f.TNaaRatio / results[0].TrueTNaaRatio, 0.85, 1.15);
            Assert.Contains(f.Notes, n => n.Contains("lipid-rich", StringComparison.Ordinal));
            // Under fat three times the creatine area lactate's CRLB is 1.5–4 mM (SNR 50–30): what the fit puts there
            // (measured: up to 1.1 mM in these draws, 2.5 in the table's) is flagged, never read as a finding.
            Assert.Equal(MetaboliteFlag.Unreliable, f.LacFlag);
            Assert.InRange(f.Lac, 0, 3);
        });
    }

    [Fact]
    public void Run_ScalpLipidWhoseFatSetTheLineshape_TNaaWithinTenPercent()
    {
        // Seed 7's first draws: with the fat on the metabolites' lineshape the fit narrowed its Lorentzian to 0–0.9 Hz and
        // read tNAA/tCr 17 %, 0 % and 11 % low (mean −9 %); with the fat's own lineshape −6, +6 and −4 % (mean −1 %).
        var results = PathologyEvaluation.Run(
            _basis.Value,
            [.. PathologyCases.Standard.Where(c => c.Name == "scalp-lipid")],
            [50],
            realisations: 3,
            seed: 7,
            PipelineComposer.Checker(Path.Combine(TestData.Root, "..", "..", "config")));

        var fits = results.Single().Fits;
        double truth = results[0].TrueTNaaRatio;
        Assert.All(fits, f => Assert.InRange(f.TNaaRatio / truth, 0.90, 1.10));
        Assert.InRange(fits.Average(f => f.TNaaRatio) / truth, 0.95, 1.05);
        Assert.All(fits, f => Assert.InRange(f.Lac, 0, 1));
    }
}
