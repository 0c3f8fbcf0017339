using MRSNode.Quantification.Neural.Serialization;

namespace MRSNode.Pipeline;

/// <summary>The quantification methods this build carries.</summary>
public static class QuantificationMethods
{
    /// <summary>LCM always; the neural method when <paramref name="modelsDirectory"/> (config/models) holds a model (it is then used for the basis sets it was trained on).</summary>
    public static IReadOnlyList<IQuantificationMethod> Available(string? modelsDirectory = null) =>
        modelsDirectory is not null && new ModelCatalog(modelsDirectory).Any()
            ? [new LcmMethod(), new NeuralMethod(modelsDirectory)]
            : [new LcmMethod()];
}
