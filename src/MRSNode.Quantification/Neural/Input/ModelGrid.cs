using MRSNode.Spectroscopy;

namespace MRSNode.Quantification.Neural.Input;

/// <summary>
/// The fixed frequency grid a model sees, whatever the scanner's: a FID of <see cref="Points"/> samples over
/// <see cref="SpanPpm"/> ppm centred at <see cref="ReferencePpm"/> (so the bins per ppm are the same at every field),
/// of which the bins from <see cref="HighPpm"/> down to <see cref="LowPpm"/> are the model's window. Defaults: 1024
/// points over 16 ppm (64 bins per ppm; 1.93 Hz at 3 T) and 0.2–4.2 ppm, i.e. 256 input bins.
/// </summary>
public sealed record ModelGrid(double FrequencyMHz, double ReferencePpm, int Points = 1024, double SpanPpm = 16, double LowPpm = 0.2, double HighPpm = 4.2)
{
    public double SpectralWidthHz => SpanPpm * FrequencyMHz;

    public double DwellSeconds => 1 / SpectralWidthHz;

    public SpectralAxis Axis => new(Points, SpectralWidthHz, FrequencyMHz, ReferencePpm);

    /// <summary>First spectrum bin of the window (the highest ppm).</summary>
    public int First => (int)Math.Ceiling(Axis.IndexOf(HighPpm) - 1e-9);

    /// <summary>Window bins.</summary>
    public int Count => (int)Math.Floor(Axis.IndexOf(LowPpm) + 1e-9) - First + 1;

    /// <summary>Chemical shift of window bin <paramref name="k"/>.</summary>
    public double Ppm(int k) => Axis.Ppm(First + k);

    /// <summary>The grid for a basis set's field and reference.</summary>
    public static ModelGrid For(BasisSet basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return new ModelGrid(basis.FrequencyMHz, basis.ReferencePpm);
    }
}
