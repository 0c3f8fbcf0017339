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
    public void Run_TumourLipids_TNaaAndTChoWithinFifteenPercentAndNaaDetected()
    {
        var results = Run("tumour-lipids", "lipids-no-lac");

        foreach (var r in results)
        {
            Assert.All(r.Fits, f =>
            {
                Assert.InRange(f.TNaaRatio / r.TrueTNaaRatio, 0.85, 1.15);
                Assert.InRange(f.TChoRatio / r.TrueTChoRatio, 0.85, 1.15);
                Assert.NotEqual(MetaboliteFlag.NotDetected, f.TNaaFlag);
                Assert.Contains(f.Notes, n => n.Contains("lipid-rich", StringComparison.Ordinal));
                Assert.Equal(MetaboliteFlag.Unreliable, f.LacFlag); // lactate under these lipids is never read as a finding
            });
        }
        // At SNR 50 lactate under the lipids is within 25 % (at SNR 30 one realisation is 36 % high: docs/accuracy.md).
        var tumour50 = results.Single(r => r.Case.Name == "tumour-lipids" && r.Snr == 50);
        Assert.Empty(tumour50.Failures());
    }
}
