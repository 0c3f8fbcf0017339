using System.Globalization;

namespace MRSNode.Quantification.Mrsi;

/// <summary>The per-voxel quality check: what became of one voxel of the grid, and why when it is not reported.</summary>
public sealed class MrsiVoxelQc(MrsiQcThresholds thresholds)
{
    private readonly MrsiQcThresholds _thresholds = thresholds ?? throw new ArgumentNullException(nameof(thresholds));

    /// <summary>Reasons start with a fixed phrase ("SNR", "linewidth", ...) so the notes can count them by kind.</summary>
    public MrsiVoxelResult Check(MrsiVoxelFits input, int index)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fit = input.Fits[index];
        if (fit is null)
        {
            if (input.Failures.TryGetValue(index, out var failure))
            {
                return new MrsiVoxelResult(index, VoxelState.Failed, "fit failed: " + failure, null);
            }
            string why = input.NotFitted.TryGetValue(index, out var given) ? given
                : input.Geometry.InsideVolume(index) ? "not fitted" : "outside the excited volume";
            return new MrsiVoxelResult(index, VoxelState.NotFitted, why, null);
        }
        return Rejection(fit) is { } reason
            ? new MrsiVoxelResult(index, VoxelState.Rejected, reason, fit)
            : new MrsiVoxelResult(index, VoxelState.Reported, null, fit);
    }

    private string? Rejection(LcmResult fit)
    {
        if (fit.FitStatus is not (FitStatus.Converged or FitStatus.Stalled))
        {
            return "fit did not converge";
        }
        var q = fit.Quality;
        double snr = Snr(fit);
        if (!(snr >= _thresholds.SnrAtLeast))
        {
            return Invariant($"SNR {snr:0.0} below {_thresholds.SnrAtLeast:0.#}");
        }
        double linewidth = double.IsFinite(q.NaaFwhmPpm) ? q.NaaFwhmPpm : q.LineshapeFwhmPpm;
        if (linewidth > _thresholds.LinewidthAtMostPpm)
        {
            return Invariant($"linewidth {linewidth:0.000} ppm above {_thresholds.LinewidthAtMostPpm:0.00#} ppm");
        }
        var tcr = fit.Find("tCr") ?? fit.Find("Cr");
        if (tcr is null || !(tcr.CrlbPercent <= _thresholds.CreatineCrlbAtMostPercent))
        {
            return Invariant($"tCr CRLB {tcr?.CrlbPercent ?? 999:0} % above {_thresholds.CreatineCrlbAtMostPercent:0} %");
        }
        return null;
    }

    /// <summary>
    /// The voxel's SNR: the larger of the NAA SNR (<see cref="QualityReport.Snr"/>) and the tallest fitted peak over
    /// 1.8–4.2 ppm (fit minus baseline) over the same noise SD. NAA alone would reject exactly the tumour voxels whose
    /// NAA has gone while their choline stands well above the noise.
    /// </summary>
    public static double Snr(LcmResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var q = fit.Quality;
        var s = fit.Spectra;
        double tallest = double.NegativeInfinity;
        for (int k = 0; k < s.Ppm.Length; k++)
        {
            if (s.Ppm[k] is >= 1.8 and <= 4.2)
            {
                tallest = Math.Max(tallest, s.Fit[k] - s.Baseline[k]);
            }
        }
        double peakSnr = q.NoiseSd > 0 ? tallest / q.NoiseSd : double.NaN;
        return double.IsFinite(peakSnr) ? Math.Max(peakSnr, double.IsNaN(q.Snr) ? peakSnr : q.Snr) : q.Snr;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
