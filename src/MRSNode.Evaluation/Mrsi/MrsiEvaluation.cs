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
        var outcome = new MrsiPipeline(quantifier ?? new CpuBatchQuantifier(), lcm ?? LcmOptions.Default).Run(phantom.Acquisition(), basis, null, cancellationToken);
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

/// <summary>
/// One tissue's per-voxel Cho/NAA over many noise realisations of the phantom: the bias and spread of the relative
/// error, the spread the fit's own CRLBs predict (tCho and tNAA combined as independent), the share of voxel estimates
/// within 15 % of truth, and the share a normal error with that bias and CRLB spread would give. When the measured
/// share matches the predicted one, the misses are the noise the data carry, not a fault of the fit.
/// </summary>
public sealed record MrsiNoiseStudyRow(
    double Snr,
    PhantomTissue Tissue,
    double NaaPeakSnr,
    int Estimates,
    double BiasPercent,
    double SdPercent,
    double CrlbSdPercent,
    double Within15Percent,
    double PredictedWithin15Percent,
    double WorstPercent);

/// <summary>The noise study: <see cref="MrsiPhantom"/> at one SNR with <c>realisations</c> seeds through the MRSI path.</summary>
public static class MrsiNoiseStudy
{
    public static IReadOnlyList<MrsiNoiseStudyRow> Run(BasisSet basis, double snr, int seed, int realisations, LcmOptions? lcm = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentOutOfRangeException.ThrowIfLessThan(realisations, 2);
        var samples = new Dictionary<PhantomTissue, List<(double Error, double CrlbSd)>> { [PhantomTissue.Brain] = [], [PhantomTissue.Lesion] = [] };
        var pipeline = new MrsiPipeline(new CpuBatchQuantifier(), lcm ?? LcmOptions.Default);
        for (int r = 0; r < realisations; r++)
        {
            var outcome = pipeline.Run(new MrsiPhantom(basis, snr, seed + 104729 * r).Acquisition(), basis, null, cancellationToken);
            var choNaa = outcome.Quantification.Map("Cho/NAA")!.Values;
            foreach (var truth in MrsiPhantom.Truth.Where(v => v.InsideVolume && samples.ContainsKey(v.Tissue)))
            {
                var fit = outcome.Quantification.Voxels[truth.Index].Fit;
                double cho = fit?.Find("tCho")?.CrlbPercent ?? double.NaN, naa = fit?.Find("tNAA")?.CrlbPercent ?? double.NaN;
                double error = double.IsFinite(choNaa[truth.Index]) ? 100 * (choNaa[truth.Index] / truth.ChoNaa - 1) : double.NaN;
                samples[truth.Tissue].Add((error, Math.Sqrt(cho * cho + naa * naa)));
            }
        }
        double healthyNaa = NaaOf(PhantomTissue.Brain);
        return [.. samples.Select(s => Row(snr, s.Key, snr * NaaOf(s.Key) / healthyNaa, s.Value))];
    }

    private static double NaaOf(PhantomTissue tissue)
    {
        var amplitudes = MrsiPhantom.AmplitudesOf(tissue);
        return amplitudes.GetValueOrDefault("NAA") + amplitudes.GetValueOrDefault("NAAG");
    }

    private static MrsiNoiseStudyRow Row(double snr, PhantomTissue tissue, double naaSnr, List<(double Error, double CrlbSd)> samples)
    {
        var errors = samples.Select(s => s.Error).ToList();
        var finite = errors.Where(double.IsFinite).ToList();
        double bias = finite.DefaultIfEmpty(double.NaN).Average();
        double sd = finite.Count > 1 ? Math.Sqrt(finite.Sum(e => (e - bias) * (e - bias)) / (finite.Count - 1)) : double.NaN;
        double crlb = Math.Sqrt(samples.Select(s => s.CrlbSd * s.CrlbSd).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average());
        double within = errors.Count(e => Math.Abs(e) <= 100 * MrsiEvaluation.Tolerance) / (double)errors.Count;
        double limit = 100 * MrsiEvaluation.Tolerance;
        double predicted = NormalCdf((limit - bias) / crlb) - NormalCdf((-limit - bias) / crlb);
        return new MrsiNoiseStudyRow(snr, tissue, naaSnr, errors.Count, bias, sd, crlb, within, predicted,
            errors.Select(e => double.IsFinite(e) ? Math.Abs(e) : double.PositiveInfinity).Max());
    }

    private static double NormalCdf(double z) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-z / Math.Sqrt(2));

    public static string ToMarkdown(IEnumerable<MrsiNoiseStudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| SNR | tissue | its NAA peak SNR | estimates | bias | SD of error | SD from CRLBs | within 15 % | predicted within 15 % (bias, CRLB SD) | worst |");
        sb.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Create(inv,
                $"| {r.Snr:0} | {r.Tissue.ToString().ToLowerInvariant()} | {r.NaaPeakSnr:0.0} | {r.Estimates} | {r.BiasPercent:+0.0;-0.0} % | {r.SdPercent:0.0} % | {r.CrlbSdPercent:0.0} % | {100 * r.Within15Percent:0} % | {100 * r.PredictedWithin15Percent:0} % | {r.WorstPercent:0.0} % |"));
        }
        return sb.ToString();
    }
}
