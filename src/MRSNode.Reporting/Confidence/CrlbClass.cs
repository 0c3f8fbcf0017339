using System.Text.Json.Serialization;

namespace MRSNode.Reporting.Confidence;

/// <summary>
/// A class of metabolites and the CRLB below which one of them is compared with its range: major singlets and pools can
/// be assessed at a larger relative CRLB than minor, coupled ones (GABA, Asp, GSH, …), whose fitted values scatter more
/// than their CRLB says (docs/accuracy.md) and which are not flagged unless measured well.
/// </summary>
public sealed record CrlbClass
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>A range comparison needs a CRLB below this (percent).</summary>
    [JsonPropertyName("assessBelowPercent")] public required double AssessBelowPercent { get; init; }
    [JsonPropertyName("metabolites")] public IReadOnlyList<string> Metabolites { get; init; } = [];

    public static IReadOnlyList<CrlbClass> Defaults { get; } =
    [
        new() { Name = "major", AssessBelowPercent = 30, Metabolites = ["tNAA", "NAA", "tCr", "Cr", "PCr", "tCho", "GPC", "PCho", "Ins", "tIns", "Glx", "Glu", "Lac"] },
        new() { Name = "minor", AssessBelowPercent = 20, Metabolites = ["GABA", "Asp", "GSH", "Gln", "NAAG", "Tau", "sIns", "Scyllo", "Ala", "Asc", "Glc", "Gly", "PE"] },
    ];
}
