using System.Numerics;
using MRSNode.Quantification;
using MRSNode.Quantification.Batch;
using MRSNode.Spectroscopy;

namespace MRSNode.Pipeline.Mrsi;

/// <summary>
/// The batch as single-spectrum fits (<see cref="LcmQuantifier"/>), one per spectrum, spread over the CPU's cores:
/// the reference the batched fitters are checked against, and the MRSI path's fitter until one is installed.
/// </summary>
/// <param name="maxParallelism">Fits at once; null: one per core.</param>
public sealed class PerVoxelBatchQuantifier(int? maxParallelism = null) : IBatchQuantifier
{
    public string Name => "cpu-per-spectrum";

    public IReadOnlyList<LcmResult?> Quantify(BatchQuantificationRequest request, IProgress<int>? progress = null, IDictionary<int, string>? failures = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var results = new LcmResult?[request.Fids.Count];
        var failed = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        int done = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, request.Fids.Count, options, i =>
        {
            var water = request.WaterFids is { } w ? w[i] : null;
            try
            {
                results[i] = LcmQuantifier.Quantify(Acquisition(request.Fids[i], request.Axis, request.EchoTimeMs),
                    water is null ? null : WaterAcquisition(water, request), request.Basis, request.Options, cancellationToken);
            }
            catch (MathNet.Numerics.NonConvergenceException ex)
            {
                failed[i] = "a numerical decomposition did not converge: " + ex.Message;
            }
            progress?.Report(Interlocked.Increment(ref done));
        });
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var (index, reason) in failed)
        {
            failures?.Add(index, reason);
        }
        return results;
    }

    private static MrsAcquisition Acquisition(Complex[] fid, SpectralAxis axis, double? echoTimeMs) => new(fid, fid.Length)
    {
        SpectralWidthHz = axis.SpectralWidthHz,
        TransmitterFrequencyMHz = axis.FrequencyMHz,
        ReferencePpm = axis.ReferencePpm,
        EchoTimeMs = echoTimeMs,
        Role = AcquisitionRole.Metabolite,
        Provenance = new Provenance { SourceFormat = "batch" },
    };

    private static MrsAcquisition WaterAcquisition(Complex[] fid, BatchQuantificationRequest request) => new(fid, fid.Length)
    {
        SpectralWidthHz = request.WaterDwellTimeSeconds is { } dwell ? 1 / dwell : request.Axis.SpectralWidthHz,
        TransmitterFrequencyMHz = request.Axis.FrequencyMHz,
        ReferencePpm = request.Axis.ReferencePpm,
        EchoTimeMs = request.EchoTimeMs,
        Role = AcquisitionRole.WaterReference,
        Provenance = new Provenance { SourceFormat = "batch" },
    };
}
