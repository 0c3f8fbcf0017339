using MRSNode.Quantification;
using MRSNode.Quantification.Batch;

namespace MRSNode.Accelerators.BatchFit;

/// <summary>
/// The batched LCM with its dominant work on an ILGPU accelerator: the model columns of every spectrum's evaluations
/// (<see cref="IlgpuModelColumnEngine"/>, requests of the spectra in flight gathered per launch); the host keeps each
/// spectrum's NNLS, baseline, LM steps and decisions, the fitter's own code. Same model as <see cref="CpuBatchQuantifier"/>;
/// answers within the tolerance tests/MRSNode.Accelerators.Tests/BatchFit states (FP64 DFT against the CPU's FFT).
/// </summary>
public sealed class IlgpuBatchQuantifier : IBatchQuantifier
{
    private readonly AcceleratorSession _session;
    private readonly int _spectraInFlight;

    /// <param name="session">The accelerator; the caller keeps owning it.</param>
    /// <param name="spectraInFlight">Spectra fitted at once, whose column requests share launches; null: 4 per core.</param>
    public IlgpuBatchQuantifier(AcceleratorSession session, int? spectraInFlight = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(spectraInFlight ?? 1, 1, nameof(spectraInFlight));
        _session = session;
        _spectraInFlight = spectraInFlight ?? 4 * Environment.ProcessorCount;
    }

    public string Name => $"ilgpu-{_session.Kind.ToString().ToLowerInvariant()}";

    public IReadOnlyList<LcmResult?> Quantify(BatchQuantificationRequest request, IProgress<int>? progress = null, IDictionary<int, string>? failures = null, CancellationToken cancellationToken = default)
    {
        using var engine = new IlgpuModelColumnEngine(_session);
        return BatchFits.Run(request, engine, _spectraInFlight, progress, failures, cancellationToken);
    }
}
