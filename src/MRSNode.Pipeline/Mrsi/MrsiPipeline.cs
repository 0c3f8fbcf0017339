using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using MRSNode.Quantification;
using MRSNode.Quantification.Batch;
using MRSNode.Quantification.Mrsi;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing.Mrsi;

namespace MRSNode.Pipeline.Mrsi;

/// <summary>
/// The MRSI path of one job: the grid preprocessed as a grid (<see cref="MrsiPreprocessor"/>: coils and averages per
/// voxel, the voxel mask, the scalp/skull ring's lipids projected out of the brain voxels, frequencies aligned across
/// voxels, zero-order phase, residual water), the brain voxels inside the excited volume fitted together by the batch
/// quantifier under the MRSI fit profile (<see cref="FitProfile.Mrsi"/>), checked and mapped (<see cref="MrsiMapBuilder"/>).
/// </summary>
/// <param name="thresholds">The per-voxel QC; null: <see cref="MrsiQcThresholds.Default"/>.</param>
/// <param name="preprocessing">The grid's preprocessing; null: every step on (<see cref="MrsiPreprocessingOptions"/>).</param>
public sealed class MrsiPipeline(IBatchQuantifier quantifier, LcmOptions options, MrsiQcThresholds? thresholds = null, MrsiPreprocessingOptions? preprocessing = null)
{
    private readonly MrsiQcThresholds _thresholds = thresholds ?? MrsiQcThresholds.Default;
    private readonly LcmOptions _options = options with { Fit = options.Fit with { Profile = FitProfile.Mrsi } };

    /// <param name="water">A water-unsuppressed grid of the same voxels: its shift map aligns the frequencies; otherwise ignored.</param>
    public MrsiOutcome Run(MrsAcquisition mrsi, BasisSet basis, MrsAcquisition? water = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mrsi);
        ArgumentNullException.ThrowIfNull(basis);
        var geometry = mrsi.Localization.Geometry ?? throw new QuantificationException("the MRSI acquisition does not state where its voxels lie");
        if (!Enumerable.Range(0, mrsi.Voxels).Any(geometry.InsideVolume))
        {
            throw new QuantificationException("no voxel of the MRSI grid lies inside the excited volume the header states");
        }
        bool waterUsable = water is not null && water.Voxels == mrsi.Voxels && water.Points == mrsi.Points;
        var prepared = new MrsiPreprocessor(preprocessing).Run(mrsi, waterUsable ? water : null, cancellationToken);
        var classes = prepared.Mask.Classes;
        var fitted = Enumerable.Range(0, mrsi.Voxels).Where(v => classes[v] == MrsiVoxelClass.Brain && geometry.InsideVolume(v)).ToList();
        if (fitted.Count == 0)
        {
            throw new QuantificationException(string.Create(CultureInfo.InvariantCulture,
                $"no voxel of the MRSI grid holds a usable brain spectrum ({prepared.Mask.Count(MrsiVoxelClass.LipidRing)} lipid-dominated, {prepared.Mask.Count(MrsiVoxelClass.NoSignal)} without signal, {prepared.Mask.Count(MrsiVoxelClass.OutsideVolume)} outside the excited volume)"));
        }
        var fids = fitted.Select(v => prepared.Acquisition.Fid(v).ToArray()).ToArray();
        var sw = Stopwatch.StartNew();
        var failures = new Dictionary<int, string>();
        var results = quantifier.Quantify(new BatchQuantificationRequest(mrsi.Axis, fids, basis, mrsi.EchoTimeMs, _options), null, failures, cancellationToken);
        double seconds = sw.Elapsed.TotalSeconds;
        cancellationToken.ThrowIfCancellationRequested();
        var fits = new LcmResult?[mrsi.Voxels];
        for (int k = 0; k < fitted.Count; k++)
        {
            fits[fitted[k]] = results[k];
        }
        var reasons = failures.ToDictionary(f => fitted[f.Key], f => f.Value);
        var notFitted = Enumerable.Range(0, mrsi.Voxels).Where(v => fits[v] is null && !reasons.ContainsKey(v))
            .ToDictionary(v => v, v => NotFittedReason(classes[v], geometry.InsideVolume(v)));
        var grid = geometry.Grid;
        List<string> steps =
        [
            string.Create(CultureInfo.InvariantCulture, $"grid {grid.Columns}×{grid.Rows}×{grid.Slices}: {fitted.Count} of {mrsi.Voxels} voxels fitted (brain voxels {(geometry.Volume is null ? "anywhere: no excited volume stated" : "inside the excited volume")})"),
            .. prepared.Reports.Select(r => $"{r.Step}: {r.Summary}"),
            string.Create(CultureInfo.InvariantCulture, $"fitted by {quantifier.Name} in {seconds:0.0} s with the study's basis set, MRSI fit profile (baseline stiffness fixed, at most {_options.Fit.MrsiMaxIterations} iterations per Levenberg–Marquardt run)"),
            string.Create(CultureInfo.InvariantCulture, $"voxel QC: SNR ≥ {_thresholds.SnrAtLeast:0}, NAA linewidth ≤ {_thresholds.LinewidthAtMostPpm:0.00} ppm, tCr CRLB ≤ {_thresholds.CreatineCrlbAtMostPercent:0} %; a map blank where its CRLB > {_thresholds.MapCrlbAtMostPercent:0} %, lactate also where lipid/tCr ≥ {_thresholds.LactateMaskedLipidToCreatine:0.0#}"),
        ];
        if (water is not null && !waterUsable)
        {
            steps.Add("the water reference was not used: it is not a grid of the same voxels and points");
        }
        var quantification = new MrsiMapBuilder(_thresholds).Build(new MrsiVoxelFits(geometry, fits) { Failures = reasons, NotFitted = notFitted });
        int index = IndexVoxel(quantification) ?? throw new QuantificationException(
            string.Create(CultureInfo.InvariantCulture, $"none of the {fitted.Count} MRSI voxels could be fitted ({reasons.Values.FirstOrDefault() ?? "no fit"})"));
        return new MrsiOutcome(quantification, index, quantifier.Name, steps, seconds) { Preprocessed = prepared.Acquisition };
    }

    private static string NotFittedReason(MrsiVoxelClass kind, bool inside) => kind switch
    {
        MrsiVoxelClass.LipidRing => "lipid-dominated (scalp or skull lipid): not fitted",
        MrsiVoxelClass.NoSignal => "no signal above the noise: not fitted",
        _ => inside ? "not fitted" : "outside the excited volume",
    };

    private static int? IndexVoxel(MrsiQuantification q) =>
        q.Regions.FirstOrDefault(r => r.Label == MrsiRegionFinder.MaximumLabel)?.VoxelIndex
        ?? q.Voxels.FirstOrDefault(v => v.State == VoxelState.Reported)?.Index
        ?? q.Voxels.FirstOrDefault(v => v.Fit is not null)?.Index;
}
