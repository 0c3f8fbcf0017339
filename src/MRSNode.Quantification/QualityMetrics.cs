using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;

namespace MRSNode.Quantification;

/// <summary>Spectral quality of a fit.</summary>
public sealed record QualityReport(
    double Snr, double NoiseSd, double NaaFwhmHz, double NaaFwhmPpm, double? WaterFwhmHz, double? WaterFwhmPpm,
    double RelativeResidual, double FrequencyOffsetHz, double FrequencyOffsetPpm, double Phase0Degrees, double Phase1DegreesPerPpm)
{
    /// <summary>
    /// FWHM (Hz) of the fitted lineshape alone, the model singlet (LCModel's definition of its "FWHM"): the Voigt of the
    /// fitted Lorentzian and Gaussian widths, without the basis's own linewidth that <see cref="NaaFwhmHz"/> includes.
    /// </summary>
    public double LineshapeFwhmHz { get; init; } = double.NaN;

    /// <summary><see cref="LineshapeFwhmHz"/> in ppm.</summary>
    public double LineshapeFwhmPpm { get; init; } = double.NaN;

    /// <summary>
    /// S/N on LCModel's definition: the largest value of the fit minus its baseline over 1.8–4.2 ppm, over twice the RMS
    /// of the fit residual (so a poor fit lowers it too); about a third of <see cref="Snr"/> on the same data.
    /// </summary>
    public double SnrLcModel { get; init; } = double.NaN;
}

/// <summary>
/// Quality metrics. SNR follows the consensus definition (Öz et al. 2020, Radiology; Lin et al. 2021
/// MRSinMRS, NMR Biomed): the NAA peak height in the real, phased spectrum (fitted baseline removed)
/// divided by the SD of the noise in a signal-free region: 10…12 ppm when the spectral width reaches it
/// (free of lipid tails and of leakage from a removed reference), else −2…0 ppm, else the FID's second half
/// (<see cref="FidMath.SpectralNoiseSd"/>: real and imaginary parts pooled, so the noise does not depend on the
/// phase a method found; no apodisation).
/// Linewidths are FWHM of the fitted NAA singlet (the NAA basis with the fitted broadening), of the fitted lineshape
/// alone (LCModel's "FWHM": a model singlet, i.e. without the basis's own width) and of the water reference's
/// absorption spectrum (phased by its first point), the first and last zero-filled ×8.
/// </summary>
public static class QualityMetrics
{
    public static QualityReport Compute(SpectralAxis axis, ReadOnlySpan<Complex> fid, FitResult fit, Complex[]? naaFid, ReadOnlySpan<Complex> water, SpectralAxis? waterAxis)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var p = fit.Parameters;
        var spectrum = SpectralAxis.Spectrum(fid);
        double noise = FidMath.SpectralNoiseSd(fid, spectrum, axis);
        double peak = 0;
        for (int k = 0; k < fit.Ppm.Length; k++)
        {
            if (fit.Ppm[k] >= 1.9 && fit.Ppm[k] <= 2.1)
            {
                peak = Math.Max(peak, fit.Data[k] - fit.Baseline[k]);
            }
        }
        double naaHz = double.NaN;
        if (naaFid is not null)
        {
            var broadened = new Complex[naaFid.Length];
            double g = Math.PI * p.GaussHz * Math.PI * p.GaussHz / (4 * Math.Log(2));
            for (int n = 0; n < broadened.Length; n++)
            {
                double t = n / axis.SpectralWidthHz;
                broadened[n] = naaFid[n] * Math.Exp(-Math.PI * p.LorentzHz * t - g * t * t);
            }
            naaHz = FwhmHz(broadened, axis, 1.9, 2.1, magnitude: false);
        }
        double? waterHz = null;
        if (waterAxis is { } wa && !water.IsEmpty)
        {
            // Absorption mode: phase the water FID by its first point (a magnitude spectrum would be √3 wider for a Lorentzian).
            var rotation = water[0].Magnitude > 0 ? Complex.Conjugate(water[0]) / water[0].Magnitude : Complex.One;
            var phased = new Complex[water.Length];
            for (int i = 0; i < phased.Length; i++)
            {
                phased[i] = water[i] * rotation;
            }
            waterHz = FwhmHz(phased, wa, wa.ReferencePpm - 1.5, wa.ReferencePpm + 1.5, magnitude: false);
        }
        double lineshapeHz = VoigtFwhmHz(p.LorentzHz, p.GaussHz);
        double snrLcModel = LcModelSnr(fit);
        return new QualityReport(
            peak / noise, noise, naaHz, naaHz / axis.FrequencyMHz, waterHz, waterHz / waterAxis?.FrequencyMHz,
            fit.RelativeResidual, p.ShiftHz, -p.ShiftHz / axis.FrequencyMHz, p.Phase0Rad * 180 / Math.PI, p.Phase1RadPerPpm * 180 / Math.PI)
        {
            LineshapeFwhmHz = lineshapeHz,
            LineshapeFwhmPpm = lineshapeHz / axis.FrequencyMHz,
            SnrLcModel = snrLcModel,
        };
    }

    /// <summary>LCModel's S/N (its manual, "S/N"): max(fit − baseline) over 1.8–4.2 ppm / (2 × RMS residual over the fit window).</summary>
    public static double LcModelSnr(FitResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        double peak = 0, sumSquares = 0;
        for (int k = 0; k < fit.Ppm.Length; k++)
        {
            sumSquares += fit.Residual[k] * fit.Residual[k];
            if (fit.Ppm[k] >= 1.8 && fit.Ppm[k] <= 4.2)
            {
                peak = Math.Max(peak, fit.Fit[k] - fit.Baseline[k]);
            }
        }
        double rms = Math.Sqrt(sumSquares / Math.Max(fit.Ppm.Length, 1));
        return rms > 0 ? peak / (2 * rms) : double.NaN;
    }

    /// <summary>
    /// FWHM of a Voigt line from its Lorentzian and Gaussian FWHMs (Olivero &amp; Longbothum 1977: within 0.02 %):
    /// 0.5346·L + √(0.2166·L² + G²).
    /// </summary>
    public static double VoigtFwhmHz(double lorentzHz, double gaussHz)
    {
        double l = Math.Abs(lorentzHz);
        return 0.5346 * l + Math.Sqrt(0.2166 * l * l + gaussHz * gaussHz);
    }

    /// <summary>FWHM (Hz) of the largest peak within [lowPpm, highPpm], zero-filled ×8, real part or magnitude.</summary>
    public static double FwhmHz(ReadOnlySpan<Complex> fid, SpectralAxis axis, double lowPpm, double highPpm, bool magnitude)
    {
        int zf = 8;
        var work = new Complex[fid.Length * zf];
        fid.CopyTo(work);
        Fourier.Forward(work, FourierOptions.NoScaling);
        int n = work.Length;
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            var z = work[(i + n / 2) % n];
            s[i] = magnitude ? z.Magnitude : z.Real;
        }
        var fine = axis with { Points = n };
        int a = (int)Math.Clamp(Math.Floor(fine.IndexOf(highPpm)), 1, n - 2);
        int b = (int)Math.Clamp(Math.Ceiling(fine.IndexOf(lowPpm)), 1, n - 2);
        int top = a;
        for (int i = a; i <= b; i++)
        {
            if (s[i] > s[top])
            {
                top = i;
            }
        }
        double half = s[top] / 2;
        int l = top, r = top;
        while (l > 0 && s[l] > half)
        {
            l--;
        }
        while (r < n - 1 && s[r] > half)
        {
            r++;
        }
        double left = l + (half - s[l]) / (s[l + 1] - s[l]);
        double right = r - (half - s[r]) / (s[r - 1] - s[r]);
        return (right - left) * fine.HzPerPoint;
    }
}
