using System.Numerics;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification.Neural.Input;

/// <summary>
/// A spectrum as a model reads it: the window of the model grid, complex, divided by <see cref="Scale"/> (the largest
/// magnitude in the window), so inputs are O(1) whatever the scanner's gain. Amplitudes estimated on the normalised
/// spectrum are multiplied by <see cref="Scale"/> to return to the data's units.
/// </summary>
public sealed record SpectrumInput(Complex[] Window, double Scale)
{
    /// <summary>
    /// From a (preprocessed, combined) FID on any axis: band-limited resampling onto the model grid
    /// (<see cref="BasisResampler.ResampleFid"/>: same ppm, new dwell and length; e.g. 1024 points at 1200 Hz and 2048
    /// at 4000 Hz both become the grid's 1024 at 16 ppm), spectrum, window, normalisation.
    /// </summary>
    public static SpectrumInput FromFid(ReadOnlySpan<Complex> fid, SpectralAxis axis, ModelGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var onGrid = BasisResampler.ResampleFid(fid, axis, grid.Axis);
        var spectrum = SpectralAxis.Spectrum(onGrid);
        var window = spectrum.AsSpan(grid.First, grid.Count).ToArray();
        double scale = 0;
        foreach (var z in window)
        {
            scale = Math.Max(scale, z.Magnitude);
        }
        if (!(scale > 0) || !double.IsFinite(scale))
        {
            throw new ArgumentException("the spectrum is zero or not finite over the model window", nameof(fid));
        }
        for (int k = 0; k < window.Length; k++)
        {
            window[k] /= scale;
        }
        return new SpectrumInput(window, scale);
    }

    /// <summary>The network's input rows: real parts then imaginary parts ([2, W] flattened).</summary>
    public void WriteChannels(Span<float> destination)
    {
        int w = Window.Length;
        for (int k = 0; k < w; k++)
        {
            destination[k] = (float)Window[k].Real;
            destination[w + k] = (float)Window[k].Imaginary;
        }
    }
}
