using System.Diagnostics;
using System.Globalization;
using System.Text;
using MRSNode.Neural.Backend;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation.Training;

/// <summary>What `mrsnode train` was asked for.</summary>
public sealed record TrainingRunSettings
{
    public required string Kind { get; init; }
    public required string BasisPath { get; init; }
    public required string OutputDirectory { get; init; }
    public int Samples { get; init; } = 20000;
    public int ValidationSamples { get; init; } = 500;
    public int Epochs { get; init; } = 20;
    public int Seed { get; init; } = 2016;
    public int BatchSize { get; init; } = 32;
    public float LearningRate { get; init; } = 1e-3f;
    public NetworkSpec Network { get; init; } = new();
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;
    public int Threads { get; init; } = Environment.ProcessorCount;
    public double? EchoTimeMs { get; init; }
    public string Sequence { get; init; } = "PRESS";
    /// <summary>Ignore a checkpoint in the output folder instead of resuming from it.</summary>
    public bool Restart { get; init; }
    /// <summary>The simulation ranges; null: <see cref="SimulationProtocols.ByName"/>(<see cref="Protocol"/>).</summary>
    public SimulationParameters? Simulation { get; init; }
    public string Protocol { get; init; } = "default";
}

/// <summary>
/// One training run end to end: backend, basis, model, simulated training and validation sets (validation from
/// seed + 1), loss weights, training with checkpoints in the output folder (resumed when one is there), then
/// model.safetensors, model.json (the card, validation included) and validation.md.
/// </summary>
public static class TrainingRun
{
    /// <param name="backends">Where the network computes (the CLI's CUDA-capable selector); the run disposes the backend it creates.</param>
    public static (ModelCard Card, TrainingOutcome Outcome) Execute(TrainingRunSettings settings, IComputeBackendFactory backends, IProgress<string>? status = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(backends);
        using var backend = backends.Create(settings.Device, settings.Threads);
        var basis = LcModelBasisReader.Read(settings.BasisPath);
        var simulation = settings.Simulation ?? SimulationProtocols.ByName(settings.Protocol, basis);
        var model = NeuralModelFactory.Create(settings.Kind, basis, backend, settings.Network, settings.Seed, simulation);
        var generator = new TrainingSetGenerator(basis, simulation, model.Basis);
        var clock = Stopwatch.StartNew();
        status?.Report($"simulating {settings.Samples} training and {settings.ValidationSamples} validation spectra");
        var training = generator.Generate(settings.Samples, settings.Seed, settings.Threads);
        var validation = generator.Generate(settings.ValidationSamples, settings.Seed + 1, settings.Threads);
        status?.Report(string.Create(CultureInfo.InvariantCulture, $"simulated in {clock.Elapsed.TotalSeconds:F0} s"));
        model.LossWeights = LossWeights.InverseMean(training, model.Names.Count);

        var checkpoints = new DirectoryCheckpointStore(settings.OutputDirectory);
        if (settings.Restart && File.Exists(checkpoints.Path))
        {
            File.Delete(checkpoints.Path);
        }
        var options = new TrainingOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            Seed = settings.Seed,
        };
        var outcome = new NeuralTrainer(model, options).Train(training, validation, checkpoints, progress, cancellationToken);
        var card = ModelCards.Describe(Path.GetFileName(Path.GetFullPath(settings.OutputDirectory).TrimEnd(Path.DirectorySeparatorChar)),
            model, settings.BasisPath, basis, simulation,
            new TrainingCard
            {
                Seed = settings.Seed,
                Samples = settings.Samples,
                Epochs = settings.Epochs,
                Steps = outcome.Steps,
                BatchSize = settings.BatchSize,
                LearningRate = settings.LearningRate,
                WeightDecay = options.WeightDecay,
                Seconds = Math.Round(outcome.Seconds, 1),
                SamplesPerSecond = Math.Round(outcome.SamplesPerSecond, 1),
                FinalLoss = outcome.FinalLoss,
                Device = backend.Name,
            },
            outcome.Validation,
            new ValidationCard { Count = settings.ValidationSamples, Seed = settings.Seed + 1, Snr = $"{simulation.Snr.Min}–{simulation.Snr.Max} (NAA height / noise SD)" },
            settings.EchoTimeMs, settings.Sequence);
        ModelDirectory.Save(settings.OutputDirectory, model, card);
        File.WriteAllText(Path.Combine(settings.OutputDirectory, "validation.md"), ValidationMarkdown(card));
        return (card, outcome);
    }

    public static string ValidationMarkdown(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(string.Create(inv, $"# {card.Name} ({card.Kind}) — validation"));
        sb.AppendLine();
        sb.AppendLine(string.Create(inv, $"Basis {card.BasisFile}; {card.Training.Samples} training spectra × {card.Training.Epochs} epochs ({card.Training.Steps} steps, {card.Training.Seconds:F0} s, {card.Training.SamplesPerSecond:F0} samples/s on {card.Training.Device}), seed {card.Training.Seed}."));
        if (card.Validation is { } v)
        {
            sb.AppendLine(string.Create(inv, $"Validation: {v.Count} simulated spectra (seed {v.Seed}, SNR {v.Snr}); SMAPE = Σ|a − â| / Σ(a + â) (Hatami 2018)."));
            sb.AppendLine();
            sb.AppendLine("| entry | SMAPE % |");
            sb.AppendLine("|---|---:|");
            foreach (var (name, smape) in v.SmapePercent)
            {
                sb.AppendLine(string.Create(inv, $"| {name} | {smape:F1} |"));
            }
            sb.AppendLine(string.Create(inv, $"| mean | {v.MeanSmapePercent:F1} |"));
        }
        return sb.ToString();
    }
}
