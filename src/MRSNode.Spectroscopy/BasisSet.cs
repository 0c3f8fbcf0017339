using System.Numerics;

namespace MRSNode.Spectroscopy;

/// <summary>One metabolite's basis signal: a FID in MRSNode's convention (see <see cref="SpectralAxis"/>).</summary>
public sealed record BasisMetabolite(string Name, Complex[] Fid);

/// <summary>
/// A metabolite basis set (e.g. from an LCModel .BASIS file): one FID per metabolite, all with the same
/// points, dwell time and frequency, in MRSNode's convention (spectrum = fftshift(FFT(fid)),
/// ppm = <see cref="ReferencePpm"/> − f/F0).
/// </summary>
public sealed record BasisSet(IReadOnlyList<BasisMetabolite> Metabolites, double FrequencyMHz, double DwellTimeSeconds, int Points, double? EchoTimeMs, string Source)
{
    /// <summary>The ppm at the centre (transmitter) of the basis spectra: 4.65 for LCModel basis sets.</summary>
    public double ReferencePpm { get; init; } = 4.7;

    /// <summary>The localisation sequence it was simulated for (PRESS, STEAM, sLASER, LASER, SPECIAL), when the file says.</summary>
    public string? Sequence { get; init; }

    public double SpectralWidthHz => 1.0 / DwellTimeSeconds;

    public SpectralAxis Axis => new(Points, SpectralWidthHz, FrequencyMHz, ReferencePpm);

    /// <summary>The metabolite of that name (case-insensitive), or null.</summary>
    public BasisMetabolite? Find(string name) =>
        Metabolites.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
