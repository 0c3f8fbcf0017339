using MRSNode.Neural.Backend;
using MRSNode.Quantification;
using MRSNode.Quantification.Neural.Serialization;

namespace MRSNode.Pipeline;

/// <summary>The quantification methods this build carries.</summary>
public static class QuantificationMethods
{
    /// <summary>
    /// LCM always (with <paramref name="lcm"/>, default <see cref="LcmOptions.Default"/>); the neural method when
    /// <paramref name="modelsDirectory"/> (config/models) holds a model (it is then used for the basis sets it was trained
    /// on), computing on <paramref name="neuralBackend"/> (default: the CPU, one thread); with a model, an LCM with
    /// per-component lineshapes starts them from the model's prediction.
    /// </summary>
    public static IReadOnlyList<IQuantificationMethod> Available(string? modelsDirectory = null, LcmOptions? lcm = null, IComputeBackend? neuralBackend = null)
    {
        if (modelsDirectory is null || !new ModelCatalog(modelsDirectory).Any())
        {
            return [new LcmMethod(lcm)];
        }
        var neural = new NeuralMethod(modelsDirectory, neuralBackend);
        // A per-metabolite LCM starts each component's lineshape where the network puts it (docs/accuracy.md).
        return [new LcmMethod(lcm, neural.LineshapeSeed), neural];
    }
}
