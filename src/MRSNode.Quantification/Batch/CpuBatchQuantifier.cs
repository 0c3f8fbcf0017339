using MRSNode.Spectroscopy;

namespace MRSNode.Quantification.Batch;

/// <summary>
/// The batched LCM on the CPU: one <see cref="LcmPlan"/> per batch (basis resampled once, components, parametric
/// lipid/MM set, fitters with their baseline ladders, priors and starting-shift templates built once), then every
/// spectrum fitted by it on all cores, the model columns by <see cref="CpuModelColumnEngine"/>. Each spectrum's fit is
/// the single-spectrum fitter's own code with a faster FFT, so the answers are <see cref="LcmQuantifier.Quantify"/>'s
/// to FP64 rounding (tolerance in tests/MRSNode.Quantification.Tests/Batch).
/// </summary>
public sealed class CpuBatchQuantifier : IBatchQuantifier
{
    private readonly int _maxDegreeOfParallelism;

    /// <param name="maxDegreeOfParallelism">Spectra fitted at once; null: one per core.</param>
    public CpuBatchQuantifier(int? maxDegreeOfParallelism = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism ?? 1, 1, nameof(maxDegreeOfParallelism));
        _maxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount;
    }

    public string Name => "cpu";

    public IReadOnlyList<LcmResult?> Quantify(BatchQuantificationRequest request, IProgress<int>? progress = null, IDictionary<int, string>? failures = null, CancellationToken cancellationToken = default) =>
        BatchFits.Run(request, new CpuModelColumnEngine(), _maxDegreeOfParallelism, progress, failures, cancellationToken);
}

/// <summary>
/// Runs a batch: one <see cref="LcmPlan"/> for it, then every spectrum fitted by that plan, spectra in parallel. The
/// quantifiers differ only in where the model columns are computed (<see cref="IModelColumnEngine"/>).
/// </summary>
public static class BatchFits
{
    /// <param name="columnEngine">Where the model columns are computed; null: each fitter's own FFTs.</param>
    /// <param name="spectraInFlight">Spectra fitted at once (an engine that gathers concurrent requests batches up to this many).</param>
    public static IReadOnlyList<LcmResult?> Run(BatchQuantificationRequest request, IModelColumnEngine? columnEngine, int spectraInFlight,
        IProgress<int>? progress, IDictionary<int, string>? failures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(spectraInFlight, 1);
        var plan = BatchPlan.Create(request, columnEngine);
        var results = new LcmResult?[request.Fids.Count];
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = spectraInFlight, CancellationToken = cancellationToken };
        Parallel.For(0, results.Length, parallel, i =>
        {
            if (plan.Check(i) is { } problem)
            {
                BatchPlan.Fail(failures, i, problem);
            }
            else
            {
                results[i] = plan.Quantify(i, cancellationToken);
            }
            progress?.Report(Interlocked.Increment(ref done));
        });
        return results;
    }
}

/// <summary>
/// A batch request bound to its <see cref="LcmPlan"/>: the per-spectrum checks (a FID of the axis's length, a water FID
/// with a dwell time) and each spectrum's quantification. 
/// </summary>
internal sealed class BatchPlan
{
    private readonly BatchQuantificationRequest _request;
    private readonly double _waterDwell;

    private BatchPlan(BatchQuantificationRequest request, LcmPlan plan)
    {
        _request = request;
        Lcm = plan;
        _waterDwell = request.WaterDwellTimeSeconds ?? 1 / request.Axis.SpectralWidthHz;
    }

    public LcmPlan Lcm { get; }

    public static BatchPlan Create(BatchQuantificationRequest request, IModelColumnEngine? columnEngine)
    {
        ArgumentNullException.ThrowIfNull(request.Fids);
        ArgumentNullException.ThrowIfNull(request.Basis);
        ArgumentNullException.ThrowIfNull(request.Options);
        if (request.WaterFids is { } water && water.Count != request.Fids.Count)
        {
            throw new ArgumentException($"{water.Count} water FIDs for {request.Fids.Count} spectra: one (or null) per spectrum.", nameof(request));
        }
        var resampled = LcmQuantifier.Resampled(request.Basis, request.Axis);
        return new BatchPlan(request, new LcmPlan(resampled, request.Axis, request.EchoTimeMs, request.Options, columnEngine));
    }

    /// <summary>Why spectrum <paramref name="index"/> cannot be fitted, or null.</summary>
    public string? Check(int index)
    {
        var fid = _request.Fids[index];
        if (fid is null || fid.Length != _request.Axis.Points)
        {
            return $"spectrum {index}: {fid?.Length ?? 0} points where the axis has {_request.Axis.Points}";
        }
        return fid.All(z => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary)) ? null : $"spectrum {index}: a FID point is not finite";
    }

    public LcmResult Quantify(int index, CancellationToken cancellationToken)
    {
        var water = _request.WaterFids?[index];
        SpectralAxis? waterAxis = water is null ? null : new SpectralAxis(water.Length, 1 / _waterDwell, _request.Axis.FrequencyMHz, _request.Axis.ReferencePpm);
        return Lcm.Quantify(_request.Fids[index], water, waterAxis, _waterDwell, cancellationToken);
    }

    public static void Fail(IDictionary<int, string>? failures, int index, string reason)
    {
        if (failures is null)
        {
            return;
        }
        lock (failures)
        {
            failures[index] = reason;
        }
    }
}
