using MRSNode.Evaluation.Training;
using MRSNode.Neural.Backend;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Quantification.Tests.Neural.Models;

/// <summary>Tiny models and sets on the ISMRM 2016 basis, shared by the model tests.</summary>
internal static class NeuralFixtures
{
    public static readonly SimulationParameters Simulation = new() { Snr = new ValueRange(50, 100) };

    public static NeuralModel Tiny(string kind, int seed = 1) =>
        NeuralModelFactory.Create(kind, Fixtures.IsmrmBasis, new CpuBackend(2), NetworkSpec.Tiny, seed, Simulation);

    private static readonly Lazy<IReadOnlyList<TrainingExample>> _set = new(() =>
        new TrainingSetGenerator(Fixtures.IsmrmBasis, Simulation, Tiny("qnet").Basis).Generate(16, 2016, 2));

    /// <summary>16 spectra (the grid basis is the same for both kinds, so the set is shared).</summary>
    public static IReadOnlyList<TrainingExample> TinySet => _set.Value;
}
