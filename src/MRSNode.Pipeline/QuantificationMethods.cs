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
    /// on), computing on <paramref name="neuralBackend"/> (default: the CPU, one thread); with a model, an LCM with
    /// per-component lineshapes starts them from the model's prediction. <paramref name="crlbCovariance"/>: see <see cref="CrlbCovariance"/>.
    /// </summary>
    public static IReadOnlyList<IQuantificationMethod> Available(string? modelsDirectory = null, FitOptions? fit = null, IComputeBackend? neuralBackend = null, CrlbCovariance crlbCovariance = CrlbCovariance.AllAmplitudes)
    {
        if (modelsDirectory is null || !new ModelCatalog(modelsDirectory).Any())
        {
            return [new LcmMethod(fit, crlbCovariance: crlbCovariance)];
        }
        var neural = new NeuralMethod(modelsDirectory, neuralBackend);
        // A per-metabolite LCM starts each component's lineshape where the network puts it (docs/accuracy.md).
        return [new LcmMethod(fit, neural.LineshapeSeed, crlbCovariance), neural];
    }
}
