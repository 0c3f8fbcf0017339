using MRSNode.Quantification;
using MRSNode.Quantification.Neural.Serialization;

namespace MRSNode.Pipeline;

/// <summary>The quantification methods this build carries.</summary>
public static class QuantificationMethods
{
    /// <summary>
    /// LCM always (with <paramref name="fit"/>, default <see cref="FitOptions.Default"/>); the neural method when
    /// <paramref name="modelsDirectory"/> (config/models) holds a model (it is then used for the basis sets it was trained on).
    /// </summary>
    public static IReadOnlyList<IQuantificationMethod> Available(string? modelsDirectory = null, FitOptions? fit = null) =>
        modelsDirectory is not null && new ModelCatalog(modelsDirectory).Any()
            ? [new LcmMethod(fit), new NeuralMethod(modelsDirectory)]
            : [new LcmMethod(fit)];
}
