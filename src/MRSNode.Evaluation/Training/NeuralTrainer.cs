using System.Diagnostics;
using MRSNode.Neural.Training;
using MRSNode.Quantification.Neural.Models;

namespace MRSNode.Evaluation.Training;

/// <summary>Settings of a training run.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 32;
    public float LearningRate { get; init; } = 1e-3f;
    public float WeightDecay { get; init; } = 1e-4f;
    public double ClipNorm { get; init; } = 5;
    public int WarmupSteps { get; init; } = 50;
    public int Seed { get; init; } = 2016;
}

/// <summary>Where a run stands, for a progress display.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int TotalSteps, double Loss, float LearningRate, double SamplesPerSecond);

/// <summary>The outcome of <see cref="NeuralTrainer.Train"/>; seconds and samples per second over all sessions of a resumed run.</summary>
public sealed record TrainingOutcome(int Epochs, int Steps, double FinalLoss, double Seconds, double SamplesPerSecond, ValidationResult? Validation);

/// <summary>
/// Mini-batch training with AdamW, a warm-up + cosine schedule over all steps and global-norm gradient clipping. Epoch e
/// shuffles with Random(seed + e), so a run resumed from a checkpoint (<see cref="ICheckpointStore"/>, written after
/// every epoch) continues exactly as the uninterrupted run would.
/// </summary>
public sealed class NeuralTrainer(NeuralModel model, TrainingOptions options)
{
    public TrainingOutcome Train(IReadOnlyList<TrainingExample> training, IReadOnlyList<TrainingExample>? validation = null,
        ICheckpointStore? checkpoints = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        int stepsPerEpoch = (training.Count + options.BatchSize - 1) / options.BatchSize;
        int totalSteps = stepsPerEpoch * options.Epochs;
        var optimizer = new AdamW(model.Backend, model.Network.NamedParameters(),
            new CosineSchedule(options.LearningRate, totalSteps, Math.Min(options.WarmupSteps, totalSteps / 10), options.LearningRate / 100),
            weightDecay: options.WeightDecay);
        var prior = checkpoints?.TryRestore(model, optimizer) ?? TrainingTally.None;
        var clock = Stopwatch.StartNew();
        long samples = prior.Samples;
        double Seconds() => prior.Seconds + clock.Elapsed.TotalSeconds;
        double epochLoss = double.NaN;
        for (int epoch = prior.Epochs; epoch < options.Epochs; epoch++)
        {
            var order = Enumerable.Range(0, training.Count).ToArray();
            new Random(options.Seed + epoch).Shuffle(order);
            double lossSum = 0;
            for (int s = 0; s < stepsPerEpoch; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = order.Skip(s * options.BatchSize).Take(options.BatchSize).Select(i => training[i]).ToList();
                model.Network.ZeroGradients();
                double loss = model.TrainBatch(batch);
                GradientClipping.ClipByGlobalNorm(model.Backend, model.Network.Parameters(), options.ClipNorm);
                float lr = optimizer.LearningRate;
                optimizer.Step();
                lossSum += loss;
                samples += batch.Count;
                progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, optimizer.Steps, totalSteps, lossSum / (s + 1), lr, (samples - prior.Samples) / clock.Elapsed.TotalSeconds));
            }
            epochLoss = lossSum / stepsPerEpoch;
            checkpoints?.Save(model, optimizer, new TrainingTally(epoch + 1, Seconds(), samples));
        }
        double seconds = Seconds();
        var result = validation is { Count: > 0 } ? ValidationMetrics.Evaluate(model, validation) : null;
        return new TrainingOutcome(options.Epochs, optimizer.Steps, epochLoss, seconds, samples / Math.Max(seconds, 1e-9), result);
    }
}
