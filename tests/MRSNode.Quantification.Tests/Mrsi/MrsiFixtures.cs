using MRSNode.Quantification.Mrsi;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Quantification.Tests.Mrsi;

/// <summary>Hand-made per-voxel fits and grids for the map, QC and region tests.</summary>
internal static class MrsiFixtures
{
    /// <summary>An axial grid: columns along +x (patient left), rows along +y (posterior), 10 mm voxels, centred on the origin.</summary>
    public static MrsiGeometry Axial(int columns, int rows, VolumeOfInterest? volume = null) =>
        new(new MrsiGrid(columns, rows, 1), [-(columns - 1) * 5.0, -(rows - 1) * 5.0, 0], [1, 0, 0], [0, 1, 0], [10, 10, 10]) { Volume = volume };

    /// <summary>
    /// A fit with the given pool amplitudes (tCr 1 unless given) and CRLBs (% by name, 5 % unless given), quality
    /// (SNR, NAA FWHM ppm), lipid/tCr, status and, when <paramref name="waterScale"/> is given, concentrations = amplitude × it.
    /// </summary>
    public static LcmResult Fit(
        double naa = 1.4, double cho = 0.25, double cr = 1, double ins = 0.6, double glx = 1.1, double lac = 0,
        double snr = 30, double fwhmPpm = 0.05, double lipidToCreatine = 0, FitStatus status = FitStatus.Converged,
        IReadOnlyDictionary<string, double>? crlb = null, double? waterScale = null)
    {
        var amplitudes = new Dictionary<string, double> { ["tNAA"] = naa, ["tCr"] = cr, ["tCho"] = cho, ["tIns"] = ins, ["Glx"] = glx, ["Lac"] = lac };
        var estimates = amplitudes.Select(a =>
        {
            double percent = crlb?.GetValueOrDefault(a.Key, 5) ?? (a.Value > 0 ? 5 : 999);
            return new LcmEstimate(a.Key, a.Value, a.Value * percent / 100, percent, a.Value / cr, a.Value * waterScale);
        }).ToList();
        // Noise SD so that the tallest fitted peak (NAA or Cho) is `snr` times it.
        var quality = new QualityReport(snr, Math.Max(naa, cho) / snr, fwhmPpm * 123.2, fwhmPpm, null, null, 0.05, 0, 0, 0, 0);
        var ppm = new[] { 4.0, 3.2, 2.0, 1.3 };
        var fit = new FitResult
        {
            Names = [.. amplitudes.Keys],
            Amplitudes = [.. amplitudes.Values],
            BaselineCoefficients = [],
            Parameters = default,
            Ppm = ppm,
            Data = [0, cho, naa, lac],
            Fit = [0, cho, naa, lac],
            Baseline = new double[4],
            Residual = new double[4],
            ComponentSpectra = [],
            Iterations = 10,
            ModelEvaluations = 20,
            Status = status,
        };
        return new LcmResult(estimates.Where(e => e.Name == "Lac").ToList(), estimates.Where(e => e.Name != "Lac").ToList(), quality,
            new FitSpectra(ppm, fit.Data, fit.Fit, fit.Baseline, fit.Residual), default, 10, waterScale is null ? null : 1.0, fit)
        {
            LipidToCreatine = lipidToCreatine,
            SpectrumType = lipidToCreatine >= LipidContent.LipidRichAtOrAbove ? SpectrumType.LipidRich : SpectrumType.Brain,
        };
    }

    /// <summary>Every voxel fitted with <paramref name="fit"/> (by index).</summary>
    public static MrsiVoxelFits Fits(MrsiGeometry geometry, Func<int, LcmResult?> fit) =>
        new(geometry, Enumerable.Range(0, geometry.Grid.VoxelCount).Select(fit).ToList());
}
