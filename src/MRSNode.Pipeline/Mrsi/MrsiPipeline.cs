using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using MRSNode.Quantification;
using MRSNode.Quantification.Batch;
using MRSNode.Quantification.Mrsi;
using MRSNode.Spectroscopy;

namespace MRSNode.Pipeline.Mrsi;

/// <summary>
/// The MRSI path of one job: the voxels inside the excited volume (every voxel when the header states none) are
/// preprocessed one by one as single voxels (<see cref="StandardPreprocessing"/>), fitted together by the batch
/// quantifier with the job's basis, checked and mapped (<see cref="MrsiMapBuilder"/>). Cancellation is checked per voxel.
/// </summary>
/// <param name="thresholds">The per-voxel QC; null: <see cref="MrsiQcThresholds.Default"/>.</param>
public sealed class MrsiPipeline(IBatchQuantifier quantifier, LcmOptions options, MrsiQcThresholds? thresholds = null)
{
    private readonly MrsiQcThresholds _thresholds = thresholds ?? MrsiQcThresholds.Default;

    public MrsiOutcome Run(MrsAcquisition mrsi, BasisSet basis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mrsi);
        ArgumentNullException.ThrowIfNull(basis);
        var geometry = mrsi.Localization.Geometry ?? throw new QuantificationException("the MRSI acquisition does not state where its voxels lie");
        var inside = Enumerable.Range(0, mrsi.Voxels).Where(geometry.InsideVolume).ToList();
        if (inside.Count == 0)
        {
            throw new QuantificationException("no voxel of the MRSI grid lies inside the excited volume the header states");
        }
        var fids = new Complex[inside.Count][];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, inside.Count, parallel, k =>
        {
            var (processed, _, _) = StandardPreprocessing.Run(MrsiVoxels.Voxel(mrsi, inside[k]), null, cancellationToken);
            fids[k] = LcmQuantifier.Combine(processed);
        });
        var sw = Stopwatch.StartNew();
        var failures = new Dictionary<int, string>();
        var results = quantifier.Quantify(new BatchQuantificationRequest(mrsi.Axis, fids, basis, mrsi.EchoTimeMs, options), null, failures, cancellationToken);
        double seconds = sw.Elapsed.TotalSeconds;
        cancellationToken.ThrowIfCancellationRequested();
        var fits = new LcmResult?[mrsi.Voxels];
        for (int k = 0; k < inside.Count; k++)
        {
            fits[inside[k]] = results[k];
        }
        var reasons = failures.ToDictionary(f => inside[f.Key], f => f.Value);
        var grid = geometry.Grid;
        var steps = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"grid {grid.Columns}×{grid.Rows}×{grid.Slices}: {inside.Count} of {mrsi.Voxels} voxels {(geometry.Volume is null ? "fitted (no excited volume stated: every voxel)" : "inside the excited volume fitted")}"),
            "each voxel preprocessed as a single voxel: coils combined, averages aligned and averaged, residual water removed",
            string.Create(CultureInfo.InvariantCulture, $"fitted by {quantifier.Name} in {seconds:0.0} s with the study's basis set"),
            string.Create(CultureInfo.InvariantCulture, $"voxel QC: SNR ≥ {_thresholds.SnrAtLeast:0}, NAA linewidth ≤ {_thresholds.LinewidthAtMostPpm:0.00} ppm, tCr CRLB ≤ {_thresholds.CreatineCrlbAtMostPercent:0} %; a map blank where its CRLB > {_thresholds.MapCrlbAtMostPercent:0} %, lactate also where lipid/tCr ≥ {_thresholds.LactateMaskedLipidToCreatine:0.0#}"),
        };
        var quantification = new MrsiMapBuilder(_thresholds).Build(new MrsiVoxelFits(geometry, fits) { Failures = reasons });
        int index = IndexVoxel(quantification) ?? throw new QuantificationException(
            string.Create(CultureInfo.InvariantCulture, $"none of the {inside.Count} MRSI voxels could be fitted ({reasons.Values.FirstOrDefault() ?? "no fit"})"));
        return new MrsiOutcome(quantification, index, quantifier.Name, steps, seconds);
    }

    private static int? IndexVoxel(MrsiQuantification q) =>
        q.Regions.FirstOrDefault(r => r.Label == MrsiRegionFinder.MaximumLabel)?.VoxelIndex
        ?? q.Voxels.FirstOrDefault(v => v.State == VoxelState.Reported)?.Index
        ?? q.Voxels.FirstOrDefault(v => v.Fit is not null)?.Index;
}
