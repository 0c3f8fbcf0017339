using System.Text.Json.Serialization;

namespace MRSNode.SpinSimulation;

/// <summary>The localisation sequences the simulator models.</summary>
public enum LocalizationSequence
{
    Press,
    Steam,
    SemiLaser,
    Special,
    MegaPress,
}

/// <summary>A MEGA editing pulse: where it is applied in the ON and OFF sub-spectra and how long it lasts.</summary>
public sealed record EditingPulse
{
    public required double OnPpm { get; init; }
    public required double OffPpm { get; init; }
    public double DurationMs { get; init; } = 14;
    /// <summary>Which MEGA sub-spectrum the basis holds: the edited difference ON − OFF (default), ON or OFF.</summary>
    public EditingSubSpectrum SubSpectrum { get; init; } = EditingSubSpectrum.Difference;
}

/// <summary>The MEGA-PRESS sub-spectra a basis can be simulated for.</summary>
public enum EditingSubSpectrum
{
    Difference,
    On,
    Off,
}

/// <summary>
/// Everything that determines a simulated basis set. Two equal requests give the same basis, so
/// <c>SimulatedBasisCache</c> keys its files by a hash of every field (and the spin-system library's version).
/// </summary>
public sealed record BasisSimulationRequest
{
    public required double FrequencyMHz { get; init; }
    public required LocalizationSequence Sequence { get; init; }
    public required double EchoTimeMs { get; init; }
    /// <summary>PRESS/MEGA-PRESS: the first and second half-echo split (TE1 + TE2 = TE).</summary>
    public double? Te1Ms { get; init; }
    public double? Te2Ms { get; init; }
    /// <summary>STEAM mixing time.</summary>
    public double? MixingTimeMs { get; init; }
    public EditingPulse? Editing { get; init; }
    public int Points { get; init; } = 4096;
    public double SpectralWidthHz { get; init; } = 4000;
    /// <summary>The ppm at the receiver (centre of the spectrum): 4.65 as in LCModel basis sets.</summary>
    public double ReferencePpm { get; init; } = 4.65;
    /// <summary>Metabolite names (or aliases) to simulate; null = every metabolite of the library.</summary>
    public IReadOnlyList<string>? Metabolites { get; init; }
    /// <summary>Lorentzian line width (FWHM, Hz) applied to every line; 0 = none (LCModel broadens the basis itself).</summary>
    public double LinewidthHz { get; init; }
    /// <summary>Ideal or shaped pulses. Left out of the cache key's JSON when Ideal, so ideal keys stay as they were.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public PulseModel Pulses { get; init; }
    /// <summary>Shaped sLASER: positions per slice direction averaged (null = the default, <c>ShapedSemiLaserSequence.DefaultSpatialPoints</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SpatialPoints { get; init; }
}

/// <summary>How the simulator models RF pulses.</summary>
public enum PulseModel
{
    /// <summary>Instantaneous rotations (every sequence).</summary>
    Ideal,

    /// <summary>
    /// Shaped pulses integrated over their duration where the sequence needs them: sLASER's four HS1 adiabatic
    /// refocusing pulses with slice-position averaging, MEGA-PRESS's Gaussian editing pulses.
    /// </summary>
    Shaped,
}

/// <summary>How far a simulation is: metabolites done of the total, and the one just finished.</summary>
public sealed record BasisSimulationProgress(int Done, int Total, string Metabolite);
