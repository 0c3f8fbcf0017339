namespace MRSNode.Quantification;

/// <summary>
/// Where a per-component fit starts, e.g. from a QNet model's predicted imperfections: each component's shift and
/// damping deviation from the common lineshape, and that common lineshape's Lorentzian and Gaussian widths (FWHM Hz,
/// the simulator's conventions). Without the common widths the search starts at 1 Hz + 4 Hz whatever the data, and
/// components that sit several linewidths from their nominal place (Hatami's ±10 Hz) end in a far minimum.
/// </summary>
public sealed record LineshapeStart(IReadOnlyDictionary<string, (double ShiftHz, double DampingHz)> Deviations, double LorentzHz, double GaussHz)
{
    /// <summary>The options with this start; a global fit has no per-component lineshapes and is returned unchanged.</summary>
    public FitOptions ApplyTo(FitOptions fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return fit.Freedom == LineshapeFreedom.Global
            ? fit
            : fit with { InitialDeviations = Deviations, InitialLorentzHz = Math.Max(0, LorentzHz), InitialGaussHz = Math.Max(0, GaussHz) };
    }
}
