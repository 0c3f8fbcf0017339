using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace MRSNode.Spectroscopy.Processing;

/// <summary>Small FID operations in MRSNode's convention (see <see cref="SpectralAxis"/>).</summary>
public static class FidMath
{
    /// <summary>Multiplies by exp(i·(phase + 2π·shiftHz·t)): a positive shift moves peaks to higher Hz (lower ppm).</summary>
    public static void ShiftAndPhase(Span<Complex> fid, double dwellSeconds, double shiftHz, double phaseRadians)
    {
        double step = 2 * Math.PI * shiftHz * dwellSeconds;
        for (int t = 0; t < fid.Length; t++)
        {
            fid[t] *= Complex.FromPolarCoordinates(1, phaseRadians + step * t);
        }
    }

    /// <summary>The FID of a spectrum in this convention (inverse of <see cref="SpectralAxis.Spectrum"/>).</summary>
    public static Complex[] FromSpectrum(ReadOnlySpan<Complex> spectrum)
    {
        int n = spectrum.Length;
        int half = n / 2;
        var s = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            s[i] = spectrum[(i + half) % n];
        }
        Fourier.Inverse(s, FourierOptions.NoScaling);
        for (int i = 0; i < n; i++)
        {
            s[i] /= n;
        }
        return s;
    }

    /// <summary>Bin range [first, last] covering [lowPpm, highPpm], clipped to the axis.</summary>
    public static (int First, int Last) Bins(SpectralAxis axis, double lowPpm, double highPpm)
    {
        int a = (int)Math.Clamp(Math.Ceiling(axis.IndexOf(highPpm)), 0, axis.Points - 1);
        int b = (int)Math.Clamp(Math.Floor(axis.IndexOf(lowPpm)), 0, axis.Points - 1);
        return (Math.Min(a, b), Math.Max(a, b));
    }

    /// <summary>The noise SD (per real component) of a FID from its last <paramref name="fraction"/> of points, mean removed.</summary>
    public static double TailNoiseSd(ReadOnlySpan<Complex> fid, double fraction = 0.1)
    {
        int n = Math.Max(8, (int)(fid.Length * fraction));
        n = Math.Min(n, fid.Length);
        var tail = fid[^n..];
        Complex mean = Complex.Zero;
        foreach (var v in tail)
        {
            mean += v;
        }
        mean /= n;
        double sum = 0;
        foreach (var v in tail)
        {
            var d = v - mean;
            sum += d.Real * d.Real + d.Imaginary * d.Imaginary;
        }
        return Math.Sqrt(sum / (2.0 * Math.Max(1, n - 1)));
    }

    /// <summary>Circular standard deviation of angles in radians (small-spread ≈ ordinary SD).</summary>
    public static double CircularSd(IReadOnlyList<double> radians)
    {
        if (radians.Count < 2)
        {
            return 0;
        }
        double c = 0, s = 0;
        foreach (var r in radians)
        {
            c += Math.Cos(r);
            s += Math.Sin(r);
        }
        double length = Math.Sqrt(c * c + s * s) / radians.Count;
        return Math.Sqrt(-2 * Math.Log(Math.Clamp(length, 1e-12, 1)));
    }

    public static double Sd(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }

    /// <summary>
    /// Peak position in ppm within [lowPpm, highPpm] of a magnitude spectrum (zero-filled ×4 and refined with
    /// a parabola through the top three bins).
    /// </summary>
    public static double PeakPpm(ReadOnlySpan<Complex> fid, SpectralAxis axis, double lowPpm, double highPpm)
    {
        int n = Math.Max(axis.Points, 4 * fid.Length);
        n = 1 << (int)Math.Ceiling(Math.Log2(n));
        var padded = new Complex[n];
        fid.CopyTo(padded);
        var spectrum = SpectralAxis.Spectrum(padded);
        var fine = new SpectralAxis(n, axis.SpectralWidthHz, axis.FrequencyMHz, axis.ReferencePpm);
        var (a, b) = Bins(fine, lowPpm, highPpm);
        int best = a;
        for (int i = a; i <= b; i++)
        {
            if (spectrum[i].Magnitude > spectrum[best].Magnitude)
            {
                best = i;
            }
        }
        double offset = 0;
        if (best > 0 && best < n - 1)
        {
            double y0 = spectrum[best - 1].Magnitude, y1 = spectrum[best].Magnitude, y2 = spectrum[best + 1].Magnitude;
            double denominator = y0 - 2 * y1 + y2;
            if (denominator < 0)
            {
                offset = Math.Clamp(0.5 * (y0 - y2) / denominator, -0.5, 0.5);
            }
        }
        return fine.ReferencePpm - (best + offset - n / 2) * fine.HzPerPoint / fine.FrequencyMHz;
    }

    /// <summary>
    /// NAA SNR as QC defines it: the NAA peak height (1.9–2.1 ppm) of the real spectrum, zero-order phased on that
    /// region, over the noise SD of <see cref="SpectralNoiseSd"/>.
    /// </summary>
    public static double NaaSnr(ReadOnlySpan<Complex> fid, SpectralAxis axis)
    {
        var spectrum = SpectralAxis.Spectrum(fid);
        double height = NaaPeakHeight(spectrum, axis, out _);
        return height / SpectralNoiseSd(fid, spectrum, axis);
    }

    /// <summary>
    /// The NAA peak height of <see cref="NaaSnr"/>: the largest real value within 1.9–2.1 ppm after the zero-order phase
    /// that makes that region's sum real (<paramref name="rotate"/>). The simulator sets its noise from the same height.
    /// </summary>
    public static double NaaPeakHeight(ReadOnlySpan<Complex> spectrum, SpectralAxis axis, out Complex rotate)
    {
        var (a, b) = Bins(axis, 1.9, 2.1);
        Complex sum = Complex.Zero;
        for (int i = a; i <= b; i++)
        {
            sum += spectrum[i];
        }
        rotate = Complex.FromPolarCoordinates(1, -sum.Phase);
        double height = double.MinValue;
        for (int i = a; i <= b; i++)
        {
            height = Math.Max(height, (spectrum[i] * rotate).Real);
        }
        return height;
    }

    /// <summary>
    /// The SD of the spectrum's noise per point and component, the same whatever the phase: a signal-free region's
    /// real and imaginary parts pooled, each with its straight line removed (10…12 ppm where the band reaches it, else
    /// −2…0 ppm); on a band that reaches neither (a Siemens 1200 Hz scan ends near 9.6 and −0.2 ppm, and its edges hold
    /// amide and macromolecule signal and the decimation filter's edge), the FID's second half
    /// (<see cref="LateNoiseSd"/>), × √N (an unscaled FFT of N points).
    /// Phase-independent so that every method reports the same noise, and so the same SNR up to its peak height.
    /// </summary>
    public static double SpectralNoiseSd(ReadOnlySpan<Complex> fid, Complex[] spectrum, SpectralAxis axis)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        double lowEdge = axis.Ppm(axis.Points - 1), highEdge = axis.Ppm(0);
        (double Low, double High)? region = highEdge >= 12 ? (10.0, 12.0) : lowEdge <= -2 ? (-2.0, 0.0) : null;
        if (region is { } r)
        {
            var (a, b) = Bins(axis, r.Low, r.High);
            if (b - a + 1 >= 8)
            {
                return DetrendedSd(spectrum, a, b);
            }
        }
        double late = LateNoiseSd(fid) * Math.Sqrt(fid.Length);
        // A zero-filled FID has no noise in its second half: fall back to the band's upfield tenth.
        return late > 0 ? late : DetrendedSd(spectrum, axis.Points - Math.Max(16, axis.Points / 10), axis.Points - 1);
    }

    /// <summary>
    /// Noise SD per component of a FID's second half short of its last sixteenth, robustly: the median absolute first
    /// difference (real and imaginary pooled) × 1.4826 / √2. Differences cancel what signal is left late in the FID;
    /// the last sixteenth is where a scanner's decimation filter disturbs the FID (the Siemens test scan's last 64
    /// points grow five-fold, which a plain SD of the last eighth counts as noise), and the median ignores the rest.
    /// </summary>
    public static double LateNoiseSd(ReadOnlySpan<Complex> fid) =>
        DifferenceNoiseSd(fid, fid.Length / 2, fid.Length - fid.Length / 16);

    /// <summary>
    /// Noise SD per component from the FID points [<paramref name="start"/>, <paramref name="end"/>): the median absolute
    /// first difference, real and imaginary pooled, × 1.4826 (MAD → SD) / √2 (a difference of two values); 0 with fewer
    /// than 32 differences.
    /// </summary>
    public static double DifferenceNoiseSd(ReadOnlySpan<Complex> fid, int start, int end)
    {
        var diffs = new List<double>(2 * Math.Max(0, end - start));
        for (int t = Math.Max(1, start + 1); t < Math.Min(end, fid.Length); t++)
        {
            var d = fid[t] - fid[t - 1];
            diffs.Add(Math.Abs(d.Real));
            diffs.Add(Math.Abs(d.Imaginary));
        }
        if (diffs.Count < 32)
        {
            return 0;
        }
        diffs.Sort();
        return 1.4826 * diffs[diffs.Count / 2] / Math.Sqrt(2);
    }

    /// <summary>Real and imaginary parts of spectrum[a..b] pooled, each with its least-squares line removed.</summary>
    private static double DetrendedSd(Complex[] spectrum, int a, int b)
    {
        int n = b - a + 1;
        double sx = 0, sxx = 0;
        Complex sy = Complex.Zero, sxy = Complex.Zero;
        for (int i = a; i <= b; i++)
        {
            sx += i;
            sxx += (double)i * i;
            sy += spectrum[i];
            sxy += i * spectrum[i];
        }
        double det = n * sxx - sx * sx;
        Complex slope = (n * sxy - sx * sy) / det;
        Complex intercept = (sy - slope * sx) / n;
        double ss = 0;
        for (int i = a; i <= b; i++)
        {
            var d = spectrum[i] - (intercept + slope * i);
            ss += d.Real * d.Real + d.Imaginary * d.Imaginary;
        }
        return Math.Sqrt(ss / (2.0 * Math.Max(1, n - 2)));
    }
}
