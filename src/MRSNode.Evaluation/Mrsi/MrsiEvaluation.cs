using System.Globalization;
using System.Text;
using MRSNode.Pipeline.Mrsi;
using MRSNode.Quantification;
using MRSNode.Quantification.Batch;
using MRSNode.Quantification.Mrsi;
using MRSNode.Spectroscopy;

namespace MRSNode.Evaluation.Mrsi;

/// <summary>
/// How the MRSI path did on the phantom at one SNR, against the must-show: the lesion's mean Cho/NAA over its
/// contralateral partners' (≥ 2), each reported voxel's Cho/NAA against the truth (within 15 %: the fraction of lesion
/// and of brain voxels within, and the worst error), and ring voxels without lactate in truth where Lac was reported (0).
/// </summary>
public sealed record MrsiPhantomResult(
    double Snr,
    int Fitted,
    int Reported,
    double LesionOverContralateral,
    double LesionWithin15Percent,
    double BrainWithin15Percent,
    double WorstChoNaaErrorPercent,
    int RingVoxelsWithFalseLac,
    int RingVoxelsFitted,
    bool PeakInLesion,
    double FitSeconds)
{
    /// <summary>Every must-show criterion holds.</summary>
    public bool Passes => LesionOverContralateral >= 2 && LesionWithin15Percent == 1 && BrainWithin15Percent == 1 && RingVoxelsWithFalseLac == 0;
}

/// <summary>Runs <see cref="MrsiPhantom"/> through <see cref="MrsiPipeline"/> (what a job runs on an MRSI grid) and scores the maps.</summary>
public static class MrsiEvaluation
{
    public const double Tolerance = 0.15;

    public static MrsiPhantomResult Run(BasisSet basis, double snr, int seed, LcmOptions? lcm = null, IBatchQuantifier? quantifier = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(basis);
        var phantom = new MrsiPhantom(basis, snr, seed);
        var outcome = new MrsiPipeline(quantifier ?? new CpuBatchQuantifier(), lcm ?? LcmOptions.Default).Run(phantom.Acquisition(), basis, cancellationToken);
        return Score(outcome, snr);
    }

    public static MrsiPhantomResult Score(MrsiOutcome outcome, double snr)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var q = outcome.Quantification;
        var choNaa = q.Map("Cho/NAA")!.Values;
        var lac = q.Map("Lac")!.Values;
        var truth = MrsiPhantom.Truth;
        double Mean(IEnumerable<int> voxels) => voxels.Select(i => choNaa[i]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
        double Error(int i) => double.IsFinite(choNaa[i]) ? Math.Abs(choNaa[i] / truth[i].ChoNaa - 1) : double.PositiveInfinity;
        double Within(PhantomTissue tissue)
        {
            var voxels = truth.Where(v => v.Tissue == tissue && v.InsideVolume).ToList();
            return voxels.Count(v => Error(v.Index) <= Tolerance) / (double)voxels.Count;
        }
        var scored = truth.Where(v => v.InsideVolume && v.Tissue is PhantomTissue.Brain or PhantomTissue.Lesion).ToList();
        var ring = truth.Where(v => v.InsideVolume && v.Tissue == PhantomTissue.LipidRing).ToList();
        int peak = q.Regions.FirstOrDefault(r => r.Label == MrsiRegionFinder.MaximumLabel)?.VoxelIndex ?? -1;
        return new MrsiPhantomResult(
            snr,
            q.Voxels.Count(v => v.State != VoxelState.NotFitted),
            outcome.Count(VoxelState.Reported),
            Mean(MrsiPhantom.LesionVoxels) / Mean(MrsiPhantom.ContralateralVoxels),
            Within(PhantomTissue.Lesion),
            Within(PhantomTissue.Brain),
            100 * scored.Max(v => Error(v.Index)),
            ring.Count(v => v.Lactate == 0 && double.IsFinite(lac[v.Index])),
            ring.Count,
            MrsiPhantom.LesionVoxels.Contains(peak),
            outcome.FitSeconds);
    }

    public static string ToMarkdown(IReadOnlyList<MrsiPhantomResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| SNR | fitted | reported | lesion / contralateral Cho/NAA (≥ 2) | lesion voxels within 15 % | brain voxels within 15 % | worst Cho/NAA error | ring voxels with false Lac (0) | peak in lesion | fit s | passes |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|");
        foreach (var r in results)
        {
            sb.AppendLine(string.Create(inv,
                $"| {r.Snr:0} | {r.Fitted} | {r.Reported} | {r.LesionOverContralateral:0.00} | {100 * r.LesionWithin15Percent:0} % | {100 * r.BrainWithin15Percent:0} % | {r.WorstChoNaaErrorPercent:0.0} % | {r.RingVoxelsWithFalseLac} of {r.RingVoxelsFitted} | {(r.PeakInLesion ? "yes" : "no")} | {r.FitSeconds:0.0} | {(r.Passes ? "yes" : "no")} |"));
        }
        return sb.ToString();
    }
}
