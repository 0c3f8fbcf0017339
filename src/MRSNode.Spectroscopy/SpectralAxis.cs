using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace MRSNode.Spectroscopy;

/// <summary>
/// MRSNode's one spectral convention (NIfTI-MRS, Levitt): spectrum = fftshift(FFT(fid)) with the
/// forward transform exp(−2πi·kn/N); bin k has frequency f = (k − N/2)·SW/N (Hz, relative to the
/// transmitter) and chemical shift ppm = reference − f/F0(MHz). So a metabolite upfield of the
/// reference (NAA at 2.01 ppm) rotates at a positive frequency in the normalised FID.
/// </summary>
public readonly record struct SpectralAxis(int Points, double SpectralWidthHz, double FrequencyMHz, double ReferencePpm)
{
    public double HzPerPoint => SpectralWidthHz / Points;

    public double FrequencyHz(int index) => (index - Points / 2) * HzPerPoint;

    public double Ppm(int index) => ReferencePpm - FrequencyHz(index) / FrequencyMHz;

    /// <summary>The (fractional) bin of a chemical shift.</summary>
    public double IndexOf(double ppm) => (ReferencePpm - ppm) * FrequencyMHz / HzPerPoint + Points / 2;

    /// <summary>The spectrum of a FID in this convention.</summary>
    public static Complex[] Spectrum(ReadOnlySpan<Complex> fid)
    {
        var s = fid.ToArray();
        Fourier.Forward(s, FourierOptions.NoScaling);
        // fftshift: zero frequency to the middle.
        var shifted = new Complex[s.Length];
        int half = s.Length / 2;
        for (int i = 0; i < s.Length; i++)
        {
            shifted[(i + half) % s.Length] = s[i];
        }
        return shifted;
    }

    /// <summary>The ppm of the largest magnitude within [lowPpm, highPpm] of a FID's spectrum.</summary>
    public double PeakPpm(ReadOnlySpan<Complex> fid, double lowPpm, double highPpm)
    {
        var spectrum = Spectrum(fid);
        int a = (int)Math.Clamp(Math.Floor(IndexOf(highPpm)), 0, Points - 1);
        int b = (int)Math.Clamp(Math.Ceiling(IndexOf(lowPpm)), 0, Points - 1);
        int best = a;
        for (int i = a; i <= b; i++)
        {
            if (spectrum[i].Magnitude > spectrum[best].Magnitude)
            {
                best = i;
            }
        }
        return Ppm(best);
    }

    /// <summary>Largest magnitude of the spectrum within [lowPpm, highPpm].</summary>
    public double MaxMagnitude(ReadOnlySpan<Complex> fid, double lowPpm, double highPpm)
    {
        var spectrum = Spectrum(fid);
        int a = (int)Math.Clamp(Math.Floor(IndexOf(highPpm)), 0, Points - 1);
        int b = (int)Math.Clamp(Math.Ceiling(IndexOf(lowPpm)), 0, Points - 1);
        double max = 0;
        for (int i = a; i <= b; i++)
        {
            max = Math.Max(max, spectrum[i].Magnitude);
        }
        return max;
    }
}
