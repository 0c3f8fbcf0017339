using MRSNode.Quantification;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests;

public class AccuracyEvaluationTests
{
    private static readonly BasisSet _basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));

    private static SimulatedSpectrum Spectrum() => new SpectrumSimulator(_basis, new SimulationParameters { Snr = new(50, 50) }).SimulateOne(0, 2016);

    /// <summary>A truth with amplitude 1 on <paramref name="name"/> and 0 on every other entry of <paramref name="names"/>.</summary>
    private static SimulationTruth Indicator(SimulationTruth truth, IEnumerable<string> names, string name) =>
        truth with { Amplitudes = names.ToDictionary(n => n, n => n == name ? 1.0 : 0.0) };

    [Fact]
    public void Truth_EveryPool_SumsTheEntriesWhoseSumTheNodeReports()
    {
        var spectrum = Spectrum();
        var result = LcmQuantifier.Quantify(spectrum.Acquisition, null, _basis);
        var names = result.Metabolites.Select(m => m.Name).ToList();

        Assert.Equal(result.Pools.Select(p => p.Name), AccuracyEvaluation.Pools);
        foreach (var pool in AccuracyEvaluation.Pools)
        {
            // The entries the evaluation puts in this pool, one indicator truth at a time.
            var evaluated = names.Where(n => AccuracyEvaluation.Truth(Indicator(spectrum.Truth, names, n), pool) == 1).ToList();
            double sum = evaluated.Sum(n => result.Find(n)!.Amplitude);

            Assert.Equal(2, evaluated.Count);
            Assert.Equal(result.Find(pool)!.Amplitude, sum, 1e-12);
        }
    }

    [Fact]
    public void Truth_LcModelNames_TChoTakesPChAndTInsNeedsGly()
    {
        var truth = Spectrum().Truth with { Amplitudes = new Dictionary<string, double> { ["NAA"] = 1, ["GPC"] = 2, ["PCh"] = 4, ["Ins"] = 8, ["Cre"] = 16 } };

        Assert.Equal(6, AccuracyEvaluation.Truth(truth, "tCho"));
        Assert.Equal(1, AccuracyEvaluation.Truth(truth, "tNAA"));
        Assert.Equal(16, AccuracyEvaluation.Truth(truth, "tCr"));
        Assert.Null(AccuracyEvaluation.Truth(truth, "tIns"));
        Assert.Null(AccuracyEvaluation.Truth(truth, "Glx"));
        Assert.Equal(8, AccuracyEvaluation.Truth(truth, "Ins"));
    }
}
