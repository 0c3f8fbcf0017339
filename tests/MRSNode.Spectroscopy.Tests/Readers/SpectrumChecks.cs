using System.Numerics;

namespace MRSNode.Spectroscopy.Tests.Readers;

/// <summary>
/// Peak measurements for the conjugation tests. A peak is measured by its height above a straight
/// baseline drawn between the lowest points of the flanks on either side (0.15–0.40 ppm from the
/// centre), so the wings of the water line do not count: on raw magnitude the residual water's wings
/// alone reach 40 % of NAA at 7.4 ppm in the Siemens brain spectrum.
/// </summary>
internal static class SpectrumChecks
{
    public const double HalfWidthPpm = 0.15;
    public const double FlankPpm = 0.25;

    /// <summary>The ppm and height above the local baseline of the largest peak within ±0.15 ppm of <paramref name="centrePpm"/>.</summary>
    public static (double Ppm, double Height) Peak(ReadOnlySpan<Complex> fid, SpectralAxis axis, double centrePpm)
    {
        var spectrum = SpectralAxis.Spectrum(fid);
        var m = spectrum.Select(z => z.Magnitude).ToArray();
        int Bin(double ppm) => (int)Math.Round(Math.Clamp(axis.IndexOf(ppm), 0, axis.Points - 1));
        // Bins run from high ppm (low index) to low ppm (high index).
        int winLo = Bin(centrePpm + HalfWidthPpm), winHi = Bin(centrePpm - HalfWidthPpm);
        int leftLo = Bin(centrePpm + HalfWidthPpm + FlankPpm), rightHi = Bin(centrePpm - HalfWidthPpm - FlankPpm);
        int left = ArgMin(m, leftLo, winLo - 1), right = ArgMin(m, winHi + 1, rightHi);
        double bestHeight = double.NegativeInfinity;
        int best = winLo;
        for (int i = winLo; i <= winHi; i++)
        {
            double baseline = m[left] + (m[right] - m[left]) * (i - left) / (double)(right - left);
            if (m[i] - baseline > bestHeight)
            {
                bestHeight = m[i] - baseline;
                best = i;
            }
        }
        return (axis.Ppm(best), bestHeight);
    }

    /// <summary>The peak near <paramref name="centrePpm"/>, and its mirror about the reference relative to it.</summary>
    public static (double Ppm, double MirrorRatio) PeakAndMirror(ReadOnlySpan<Complex> fid, SpectralAxis axis, double centrePpm)
    {
        var (ppm, height) = Peak(fid, axis, centrePpm);
        var (_, mirror) = Peak(fid, axis, 2 * axis.ReferencePpm - ppm);
        return (ppm, Math.Max(mirror, 0) / height);
    }

    /// <summary>The ppm of the largest magnitude of the whole spectrum.</summary>
    public static double MaxPpm(ReadOnlySpan<Complex> fid, SpectralAxis axis)
    {
        var s = SpectralAxis.Spectrum(fid);
        int best = 0;
        for (int i = 1; i < s.Length; i++)
        {
            if (s[i].Magnitude > s[best].Magnitude)
            {
                best = i;
            }
        }
        return axis.Ppm(best);
    }

    private static int ArgMin(double[] m, int from, int to)
    {
        int best = Math.Max(0, from);
        for (int i = best; i <= Math.Min(to, m.Length - 1); i++)
        {
            if (m[i] < m[best])
            {
                best = i;
            }
        }
        return best;
    }
}
