using MRSNode.Quantification.Metabolites;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation.Pathology;

/// <summary>
/// Corrupted transients: the spectrum is acquired as <paramref name="Transients"/> transients with small scan-to-scan
/// drift (±<paramref name="DriftHz"/> Hz, ±<paramref name="DriftPhaseDegrees"/>°), of which <paramref name="Corrupted"/>
/// (spread over the acquisition) are hit by motion: shifted by <paramref name="CorruptionShiftHz"/> Hz, dephased by
/// <paramref name="CorruptionPhaseDegrees"/>° and scaled by <paramref name="CorruptionScale"/>.
/// </summary>
public sealed record TransientCorruption(
    int Transients,
    int Corrupted,
    double DriftHz = 1,
    double DriftPhaseDegrees = 5,
    double CorruptionShiftHz = 12,
    double CorruptionPhaseDegrees = 120,
    double CorruptionScale = 0.6);

/// <summary>
/// One pathology case with known truth: metabolite amplitudes (basis units ≈ mM for an LCModel basis), lipid lines,
/// residual water and, optionally, corrupted transients.
/// </summary>
public sealed record PathologyCase
{
    public required string Name { get; init; }

    /// <summary>What the case stands for, one line.</summary>
    public required string Description { get; init; }

    /// <summary>Every metabolite's true amplitude; a basis entry not listed is absent (0).</summary>
    public required IReadOnlyDictionary<string, double> Amplitudes { get; init; }

    public IReadOnlyList<LipidLine> Lipids { get; init; } = [];

    /// <summary>Residual water area relative to the NAA signal's area; the default is a well-suppressed spectrum.</summary>
    public ValueRange ResidualWater { get; init; } = new(0, 3);

    public TransientCorruption? Transients { get; init; }

    /// <summary>The true amplitude of a metabolite or of a pool (the catalog's members, as the node reports it), 0 where absent.</summary>
    public double Truth(string name) => Pooled(Amplitudes, name);

    /// <summary>An entry's amplitude, or a pool's (tNAA, tCr, tCho, …) summed over its members; 0 where absent.</summary>
    public static double Pooled(IReadOnlyDictionary<string, double> amplitudes, string name)
    {
        ArgumentNullException.ThrowIfNull(amplitudes);
        var names = amplitudes.Keys.ToList();
        if (MetaboliteCatalog.Standard.FindPool(name) is { } pool)
        {
            return pool.MemberIndices(names)?.Sum(i => amplitudes[names[i]]) ?? 0;
        }
        return amplitudes.TryGetValue(name, out var value) ? value : 0;
    }
}
