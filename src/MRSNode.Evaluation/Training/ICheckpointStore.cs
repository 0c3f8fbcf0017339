using MRSNode.Neural.Training;
using MRSNode.Quantification.Neural.Models;

namespace MRSNode.Evaluation.Training;

/// <summary>How far a run has come, over all its sessions: epochs done, training seconds and samples seen.</summary>
public sealed record TrainingTally(int Epochs, double Seconds, long Samples)
{
    public static TrainingTally None { get; } = new(0, 0, 0);
}

/// <summary>Where a training run keeps its state between epochs.</summary>
public interface ICheckpointStore
{
    void Save(NeuralModel model, AdamW optimizer, TrainingTally tally);

    /// <summary>Restores the latest state into the model and optimizer; <see cref="TrainingTally.None"/> when nothing is stored.</summary>
    TrainingTally TryRestore(NeuralModel model, AdamW optimizer);
}
