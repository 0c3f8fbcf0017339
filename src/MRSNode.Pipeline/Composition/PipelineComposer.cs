using MRSNode.Neural.Backend;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Reporting.Confidence;
using MRSNode.SpinSimulation.Caching;

namespace MRSNode.Pipeline.Composition;

/// <summary>
/// The one place a quantification pipeline is assembled (the node's workers, `mrsnode quantify`, the benches): the
/// confidence checker from the config folder, the methods the settings ask for, and the neural method's backend from
/// the host's <see cref="IComputeBackendFactory"/>, created only when a neural method can run, so a device that
/// cannot be used fails here (<see cref="BackendNotAvailableException"/>) and not at the first job.
/// </summary>
/// <param name="simulation">The simulator behind <see cref="PipelineSettings.BasisCacheDirectory"/>; null: the shipped one (<see cref="BasisSimulation.Default"/>).</param>
public sealed class PipelineComposer(IComputeBackendFactory backends, BasisSimulation? simulation = null)
{
    public ComposedPipeline Compose(PipelineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var checker = Checker(settings.ConfigDirectory, settings.SiteReferenceRanges);
        var cache = settings.BasisCacheDirectory is { } directory ? new SimulatedBasisCache(directory, simulation ?? BasisSimulation.Default()) : null;
        if (!settings.UsesModels)
        {
            return new ComposedPipeline(settings, [new LcmMethod(settings.Lcm)], checker, null, cache);
        }
        var backend = backends.Create(settings.Device, settings.NeuralThreads);
        try
        {
            return new ComposedPipeline(settings, Methods(settings, backend), checker, backend, cache);
        }
        catch
        {
            backend.Dispose();
            throw;
        }
    }

    /// <summary>The confidence checks of a config folder (reference-ranges.json, confidence-checks.json), with a site's reference ranges over the shipped ones when named.</summary>
    public static ConfidenceChecker Checker(string configDirectory, string? siteReferenceRanges = null) => new(
        ReferenceRanges.Load(Path.Combine(configDirectory, "reference-ranges.json"), siteReferenceRanges),
        ConfidenceThresholds.Load(Path.Combine(configDirectory, "confidence-checks.json")));

    /// <summary>
    /// LCM always; the neural method when config/models holds a model (it is then used for the basis sets it was trained
    /// on), and then an LCM with per-component lineshapes starts them from the model's prediction (docs/accuracy.md).
    /// </summary>
    private static IReadOnlyList<IQuantificationMethod> Methods(PipelineSettings settings, IComputeBackend backend)
    {
        if (!new ModelCatalog(settings.ModelsDirectory).Any())
        {
            return [new LcmMethod(settings.Lcm)];
        }
        var neural = new NeuralMethod(settings.ModelsDirectory, backend);
        return [new LcmMethod(settings.Lcm, neural.LineshapeSeed), neural];
    }
}
