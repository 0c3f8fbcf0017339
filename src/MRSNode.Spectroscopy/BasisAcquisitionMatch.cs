using System.Globalization;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Spectroscopy;

/// <summary>
/// What a basis set was made for: field, echo time and localisation sequence. Each comes from the basis file's
/// $SEQPAR where it says, else from the manifest entry that lists the file (the shipped ISMRM basis writes ECHOT = -1
/// and SEQ = ' ', so only its manifest entry states TE 30 ms PRESS); null where neither says.
/// </summary>
public sealed record BasisDescription(string Name, double FieldT, double? EchoTimeMs, string? Sequence)
{
    /// <summary>A basis file as read, completed by the manifest entry that lists it (if any).</summary>
    public static BasisDescription Of(BasisSet basis, string name, BasisSetEntry? entry)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return new(name, basis.FrequencyMHz / Nuclei.GyromagneticRatioMHzPerTesla("1H"),
            basis.EchoTimeMs ?? entry?.StatedEchoTimeMs,
            basis.Sequence ?? entry?.StatedSequence);
    }

    /// <summary>A manifest entry, before its file is read.</summary>
    public static BasisDescription Of(BasisSetEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Name, entry.FieldT, entry.StatedEchoTimeMs, entry.StatedSequence);
    }
}

/// <summary>
/// The one check that a basis set fits an acquisition, used for a basis given with --basis and for the manifest's
/// choice alike: field within ±0.2 T, echo time within ±3 ms, and the same sequence family where both say which.
/// A basis or an acquisition that does not state its echo time is a mismatch: at another TE the J-coupled
/// metabolites have other shapes (lactate inverts near 144 ms), and nothing in the fit would notice.
/// </summary>
public static class BasisAcquisitionMatch
{
    /// <summary>3 T systems run at 2.89 T (Siemens) to 3.0 T: one basis serves both; 1.5, 3 and 7 T stay apart.</summary>
    public const double FieldToleranceT = 0.2;

    /// <summary>A few ms change the coupled multiplets far less than the fit's uncertainty; 5 ms (TE 35 vs 30) already moves lactate and glutamate visibly.</summary>
    public const double EchoTimeToleranceMs = 3.0;

    /// <summary>Why <paramref name="basis"/> does not fit <paramref name="acquisition"/>, one plain sentence per problem; empty when it fits.</summary>
    public static IReadOnlyList<string> Mismatches(BasisDescription basis, MrsAcquisition acquisition)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(acquisition);
        var problems = new List<string>();
        if (Math.Abs(basis.FieldT - acquisition.FieldStrengthTesla) > FieldToleranceT)
        {
            problems.Add(Invariant($"the basis set {basis.Name} was made for {basis.FieldT:F2} T; these data were acquired at {acquisition.FieldStrengthTesla:F2} T ({acquisition.TransmitterFrequencyMHz:F2} MHz): chemical shifts and couplings scale with the field, so the values would be wrong"));
        }
        switch (basis.EchoTimeMs, acquisition.EchoTimeMs)
        {
            case ({ } b, { } a) when Math.Abs(b - a) > EchoTimeToleranceMs:
                problems.Add(Invariant($"the basis set {basis.Name} was simulated for TE {b:0.#} ms; these data were acquired at TE {a:0.#} ms: at another echo time the metabolite shapes differ (lactate inverts at 144 ms) and the values would be wrong"));
                break;
            case (null, var a):
                problems.Add(Invariant($"the basis set {basis.Name} does not state the echo time it was simulated for (no ECHOT in its $SEQPAR and no manifest entry for it), so it cannot be checked against these data (TE {(a is { } te ? te.ToString("0.#", CultureInfo.InvariantCulture) + " ms" : "unknown")})"));
                break;
            case ({ } b, null):
                problems.Add(Invariant($"these data do not state their echo time (pass --te if it is known), so the basis set {basis.Name}, simulated for TE {b:0.#} ms, cannot be checked against them"));
                break;
        }
        if (Family(basis.Sequence) is { } basisFamily && Family(acquisition.Localization.Technique) is { } dataFamily && basisFamily != dataFamily)
        {
            problems.Add($"the basis set {basis.Name} was simulated for {basisFamily}; these data were acquired with {dataFamily}: the sequence's pulse timing shapes the coupled metabolites, so the values would be wrong");
        }
        return problems;
    }

    /// <summary>PRESS, STEAM, sLASER (LASER and semi-LASER: the same refocusing scheme) or SPECIAL; null when not recognised.</summary>
    internal static string? Family(string? sequence) =>
        SequenceNames.Technique(sequence) is "LASER" ? "sLASER" : SequenceNames.Technique(sequence);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
