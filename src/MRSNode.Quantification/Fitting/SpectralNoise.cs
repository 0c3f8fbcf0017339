using System.Numerics;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;

namespace MRSNode.Quantification.Fitting;

/// <summary>The data's noise SD per spectral bin, which weighs the fit's priors against χ².</summary>
internal static class SpectralNoise
{
    /// <summary>
    /// Noise SD of the real part of one spectral bin: from the bins outside −1…10 ppm where the band reaches them,
    /// otherwise (narrow-band scans, e.g. 1200 Hz at 3 T) from the last eighth of the FID, where the signal has
    /// decayed (an unscaled FFT of N points turns a time-domain SD σ into √N·σ per bin). First differences and
    /// the median make both robust to a slow baseline or a residual on-resonance signal.
    /// </summary>
    public static double BinSd(SpectralAxis axis, ReadOnlySpan<Complex> fid, Complex[] spectrum, Complex[] dataWindow)
    {
        double rms = Math.Sqrt(dataWindow.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary) / Math.Max(1, dataWindow.Length));
        // Noise-free (simulated) or extremely clean data: below 1 % of the window's RMS, model error rather than noise
        // limits the fit, and priors weighted by a vanishing noise SD would let the lineshapes run free.
        double floor = Math.Max(1e-2 * rms, 1e-300);
        var diffs = new List<double>();
        for (int i = 1; i < spectrum.Length; i++)
        {
            double a = axis.Ppm(i - 1), b = axis.Ppm(i);
            if ((a > 10 && b > 10) || (a < -1 && b < -1))
            {
                diffs.Add(spectrum[i].Real - spectrum[i - 1].Real);
                diffs.Add(spectrum[i].Imaginary - spectrum[i - 1].Imaginary);
            }
        }
        if (diffs.Count < 64)
        {
            // Narrow band: the FID's last eighth by the same statistic (FidMath's), × √N per bin. QC's LateNoiseSd
            // stops short of the last sixteenth; the priors keep the last eighth, which their tuning was measured with.
            return Math.Max(floor, FidMath.DifferenceNoiseSd(fid, fid.Length - fid.Length / 8, fid.Length) * Math.Sqrt(fid.Length));
        }
        diffs.Sort((x, y) => Math.Abs(x).CompareTo(Math.Abs(y)));
        // Median absolute first difference → SD of one value (difference of two: √2 σ; MAD → SD: 1.4826).
        double mad = Math.Abs(diffs[diffs.Count / 2]);
        return Math.Max(floor, 1.4826 * mad / Math.Sqrt(2));
    }
}
