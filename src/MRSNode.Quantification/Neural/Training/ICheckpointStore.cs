using MRSNode.Quantification.Neural.Models;

namespace MRSNode.Quantification.Neural.Training;

/// <summary>Where a training run keeps its state between epochs.</summary>
public interface ICheckpointStore
{
    void Save(NeuralModel model, AdamW optimizer, int completedEpochs);

    /// <summary>Restores the latest state into the model and optimizer; returns the epochs already done (0: nothing stored).</summary>
    int TryRestore(NeuralModel model, AdamW optimizer);
}
