using System.Security.Cryptography;
using MRSNode.Neural.Backend;
using MRSNode.Quantification.Neural.Input;
using MRSNode.Quantification.Neural.Physics;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Quantification.Neural.Models;

/// <summary>A model that does not fit the basis set or files it is used with.</summary>
public sealed class ModelMismatchException(string message) : Exception(message);

/// <summary>Builds models: new ones for training, and from a model card for loading.</summary>
public static class NeuralModelFactory
{
    public const string EngineVersion = "mrsnode-neural 0.1";

    /// <summary>A freshly initialised model of <paramref name="kind"/> ("qnet" or "cnn") for every entry of the basis set (one group each).</summary>
    public static NeuralModel Create(string kind, BasisSet basis, IComputeBackend backend, NetworkSpec spec, int seed, SimulationParameters simulation)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(simulation);
        var names = basis.Metabolites.Select(m => m.Name).ToArray();
        var grid = ModelGrid.For(basis);
        var physics = new PhysicsCard(
            Range(simulation.FirstOrderPhaseDegPerPpm.Min, simulation.FirstOrderPhaseDegPerPpm.Max),
            Range(Math.Min(0, simulation.FrequencyShiftHz.Min), Math.Max(0, simulation.FrequencyShiftHz.Max)),
            Range(Math.Min(simulation.DampingHz.Min, simulation.MmExtraDampingHz.Min), Math.Max(simulation.DampingHz.Max, simulation.MmExtraDampingHz.Max)),
            Range(simulation.GaussianHz.Min, simulation.GaussianHz.Max),
            BaselineTerms: 4, PivotPpm: simulation.FirstOrderPivotPpm, Ridge: 1e-6);
        return Build(kind, new GridBasis(basis, grid, names), backend, spec, seed, physics);
    }

    /// <summary>The model a card describes (weights not loaded), checking the basis set is the one it was trained on.</summary>
    public static NeuralModel FromCard(ModelCard card, BasisSet basis, IComputeBackend backend)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(basis);
        if (card.Format != ModelCard.CurrentFormat)
        {
            throw new ModelMismatchException($"model '{card.Name}' has format {card.Format}; this build reads {ModelCard.CurrentFormat}");
        }
        var missing = card.Names.Where(n => basis.Find(n) is null).ToList();
        if (missing.Count > 0)
        {
            throw new ModelMismatchException($"model '{card.Name}' needs basis entries the basis set lacks: {string.Join(", ", missing)}");
        }
        var g = card.Grid;
        var grid = new ModelGrid(g.FrequencyMHz, g.ReferencePpm, g.Points, g.SpanPpm, g.LowPpm, g.HighPpm);
        var model = Build(card.Kind, new GridBasis(basis, grid, card.Names, card.Groups), backend, new NetworkSpec(card.Channels, card.Hidden), 0, card.Physics);
        model.LossWeights = card.LossWeights;
        return model;
    }

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static NeuralModel Build(string kind, GridBasis basis, IComputeBackend backend, NetworkSpec spec, int seed, PhysicsCard? physics) => kind switch
    {
        "qnet" => QNet(basis, backend, spec, seed, physics ?? throw new ModelMismatchException("a qnet model card needs its physics settings")),
        "cnn" => new HatamiCnnModel(backend, basis, spec, seed),
        _ => throw new ModelMismatchException($"unknown model kind '{kind}': use qnet or cnn"),
    };

    private static QNetModel QNet(GridBasis basis, IComputeBackend backend, NetworkSpec spec, int seed, PhysicsCard p)
    {
        var layer = new SpectralLeastSquares(basis, p.BaselineTerms, p.PivotPpm, p.Ridge);
        static HeadRange H(double[] r) => new(r[0], r[1]);
        var head = new ImperfectionHead(layer.Layout, H(p.Phase1), H(p.ShiftHz), H(p.DampingHz), H(p.GaussianHz));
        return new QNetModel(backend, basis, spec, layer, head, seed);
    }

    /// <summary>[centre, half-width] of a head range from a simulation range.</summary>
    private static double[] Range(double min, double max)
    {
        var r = HeadRange.Around(min, max);
        return [r.Centre, r.HalfWidth];
    }
}
