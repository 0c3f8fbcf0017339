using MRSNode.Evaluation.Pathology;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests.Pathology;

/// <summary>
/// Simulated 3 T PRESS TE 30 spectra of known truth (the pathology set's simulator) through preprocessing, the LCM
/// method and the confidence checks with the case's field and TE: the issue-20 findings.
/// </summary>
[SlowTest]
public class PathologyFindingsTests
{
    private static readonly Lazy<BasisSet> _basis = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));

    private static ConfidenceOutcome Check(IReadOnlyDictionary<string, double> amplitudes, int seed, IReadOnlyList<LipidLine>? lipids = null)
    {
        var acquisition = new PathologySpectra(_basis.Value).Build(new PathologyCase { Name = "test", Description = "test", Amplitudes = amplitudes, Lipids = lipids ?? [] }, 50, seed);
        var (metabolite, water, _) = StandardPreprocessing.Run(acquisition, null);
        var output = new LcmMethod().Quantify(metabolite, water, _basis.Value, WaterScalingSettings.LcModelDefaults, CancellationToken.None);
        var checker = PipelineComposer.Checker(Path.Combine(TestData.Root, "..", "..", "config"));
        return checker.Check(output.Estimates, null, output.Quality!, new AssessmentContext { FieldTesla = metabolite.FieldStrengthTesla, EchoTimeMs = metabolite.EchoTimeMs ?? 30 });
    }

    private static Dictionary<string, double> Healthy(params (string Name, double Value)[] changes)
    {
        var a = new Dictionary<string, double>(PathologyCases.Healthy, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in changes)
        {
            a[name] = value;
        }
        return a;
    }

    [Theory]
    [InlineData(2016)]
    [InlineData(2017)]
    public void Check_Lactate3Point8_PresentAndTheFirstFinding(int seed)
    {
        var outcome = Check(Healthy(("Lac", 3.8)), seed);

        var lac = outcome.Metabolites.Single(m => m.Name == "Lac");
        Assert.Equal(MetaboliteFlag.High, lac.Flag);
        Assert.InRange(lac.RatioToTCr!.Value, 0.3, 0.45); // truth 3.8 / 10.18
        Assert.StartsWith("Lactate present: Lac/tCr 0.", outcome.Findings[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2016)]
    [InlineData(2017)]
    public void Check_TripledCholine_FlaggedByTChoAndChoNaa(int seed)
    {
        var outcome = Check(Healthy(("GPC", 5.13), ("PCho", 2.25)), seed);

        Assert.Equal(MetaboliteFlag.High, outcome.Metabolites.Single(m => m.Name == "tCho").Flag);
        Assert.Equal(MetaboliteFlag.High, outcome.Ratios.Single(r => r.Name == "tCho/tNAA").Flag);
        Assert.StartsWith("Cho/NAA high: 0.", outcome.Findings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TumourWithNecroticLipids_LipidsPresentLactateNotAFinding()
    {
        var outcome = Check(PathologyCases.Tumour, 2016, PathologyCases.TumourLipids);

        var lipids = outcome.Ratios.Single(r => r.Name == "Lip/tCr");
        Assert.Equal(MetaboliteFlag.High, lipids.Flag);
        Assert.InRange(lipids.Value!.Value, 3, 9);
        Assert.StartsWith("Lipids present: Lip/tCr ", outcome.Findings[0], StringComparison.Ordinal);
        Assert.DoesNotContain(outcome.Findings, f => f.StartsWith("Lactate", StringComparison.Ordinal)); // lactate under these lipids is unreliable
    }

    [Theory]
    [InlineData(2016)]
    [InlineData(2017)]
    public void Check_Healthy_NoFindingAndNoMajorFlagged(int seed)
    {
        var outcome = Check(PathologyCases.Healthy, seed);

        Assert.Empty(outcome.Findings);
        Assert.All(outcome.Metabolites.Where(m => m.Name is "tNAA" or "tCho" or "Ins" or "Glx"), m => Assert.Equal(MetaboliteFlag.Normal, m.Flag));
        Assert.All(outcome.Ratios, r => Assert.Equal(MetaboliteFlag.Normal, r.Flag));
    }
}
