using MRSNode.Neural.Backend;
using MRSNode.Quantification.Batch;
using MRSNode.Pipeline.Mrsi;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation.Caching;

namespace MRSNode.Pipeline.Composition;

/// <summary>
/// A pipeline as <see cref="PipelineComposer"/> built it, with the compute backend it owns (disposed with it). One per
/// thread: the neural models and a GPU backend are not shared between concurrent jobs.
/// </summary>
public sealed class ComposedPipeline : IDisposable
{
    internal ComposedPipeline(PipelineSettings settings, IReadOnlyList<IQuantificationMethod> methods, ConfidenceChecker checker, IComputeBackend? backend, SimulatedBasisCache? basisCache)
    {
        Settings = settings;
        Methods = methods;
        Pipeline = new QuantificationPipeline(methods, checker, MrsFormats.Default, basisCache, new MrsiPipeline(new CpuBatchQuantifier(), settings.Lcm));
        Backend = backend;
    }

    public PipelineSettings Settings { get; }

    /// <summary>The methods installed: lcm, and neural when config/models holds a model.</summary>
    public IReadOnlyList<IQuantificationMethod> Methods { get; }

    public QuantificationPipeline Pipeline { get; }

    /// <summary>The neural method's backend; null when the settings run no neural method (lcm).</summary>
    public IComputeBackend? Backend { get; }

    /// <summary>The device the backend computes on (auto resolved); null without a backend.</summary>
    public ComputeDevice? Device => Backend is null ? null : ComputeDevices.Parse(Backend.Name);

    public QuantificationOutcome Run(QuantificationRequest request, CancellationToken cancellationToken = default) =>
        Pipeline.Run(request, cancellationToken);

    public void Dispose() => Backend?.Dispose();
}
