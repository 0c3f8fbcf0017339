namespace MRSNode.Quantification.Neural.Serialization;

/// <summary>One kind of acquisition a model was validated on (in vivo, against a reference method).</summary>
public sealed record ValidatedAcquisitionCard
{
    public double FieldTesla { get; init; }
    public double EchoTimeMinMs { get; init; }
    public double EchoTimeMaxMs { get; init; }
    /// <summary>Localisation sequence (PRESS, STEAM, sLASER); empty: any.</summary>
    public string Sequence { get; init; } = "";
    /// <summary>The basis file the validation used.</summary>
    public string BasisFile { get; init; } = "";

    /// <summary>Whether an acquisition at <paramref name="fieldTesla"/> and <paramref name="echoTimeMs"/> with this sequence and basis file is one of these (field within 0.25 T).</summary>
    public bool Covers(double fieldTesla, double? echoTimeMs, string? sequence, string basisFile) =>
        Math.Abs(fieldTesla - FieldTesla) <= 0.25
        && echoTimeMs is { } te && te >= EchoTimeMinMs && te <= EchoTimeMaxMs
        && (Sequence.Length == 0 || string.Equals(Sequence, sequence, StringComparison.OrdinalIgnoreCase))
        && string.Equals(BasisFile, basisFile, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Where a model may be trusted (model.json "validity"): only a model validated for the acquisition at hand may lower
/// the confidence of a report; every other one is an advisory second opinion. A card without this section is not
/// validated.
/// </summary>
public sealed record ModelValidityCard
{
    public bool Validated { get; init; }
    public IReadOnlyList<ValidatedAcquisitionCard> ValidatedFor { get; init; } = [];
    /// <summary>Where it was trained and tested, in words, with the evidence (e.g. its error against the reference method on a named data set).</summary>
    public string Statement { get; init; } = "";
}
