using MRSNode.Quantification;
using MRSNode.Quantification.Neural.Backend;
using MRSNode.Quantification.Neural.Serialization;

namespace MRSNode.Pipeline;

/// <summary>The quantification methods this build carries.</summary>
public static class QuantificationMethods
{
    /// <summary>
    /// LCM always (with <paramref name="fit"/>, default <see cref="FitOptions.Default"/>); the neural method when
    /// <paramref name="modelsDirectory"/> (config/models) holds a model (it is then used for the basis sets it was trained
    /// on), computing on <paramref name="neuralBackend"/> (default: the CPU, one thread).
    /// </summary>
    public static IReadOnlyList<IQuantificationMethod> Available(string? modelsDirectory = null, FitOptions? fit = null, IComputeBackend? neuralBackend = null) =>
        modelsDirectory is not null && new ModelCatalog(modelsDirectory).Any()
            ? [new LcmMethod(fit), new NeuralMethod(modelsDirectory, neuralBackend)]
            : [new LcmMethod(fit)];
}
