namespace MRSNode.Quantification.Mrsi;

/// <summary>The names of the maps <see cref="MrsiMapBuilder"/> makes, in the order it makes them.</summary>
public static class MrsiMapNames
{
    public const string TNaa = "tNAA";
    public const string TCr = "tCr";
    public const string TCho = "tCho";
    public const string Ins = "Ins";
    public const string Glx = "Glx";
    public const string Lac = "Lac";
    public const string ChoNaa = "Cho/NAA";
    public const string ChoCr = "Cho/Cr";

    /// <summary>The metabolite maps and, for each, the estimates that give it (the pool first, then a lone member).</summary>
    public static IReadOnlyList<(string Map, string[] Sources)> Metabolites { get; } =
    [
        (TNaa, ["tNAA", "NAA"]),
        (TCr, ["tCr", "Cr"]),
        (TCho, ["tCho", "GPC", "PCho"]),
        (Ins, ["tIns", "Ins"]),
        (Glx, ["Glx"]),
        (Lac, ["Lac"]),
    ];

    /// <summary>The estimate of a map in one fit, or null when the basis has none of its sources.</summary>
    public static LcmEstimate? Estimate(LcmResult fit, string map)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var sources = Metabolites.First(m => m.Map == map).Sources;
        return sources.Select(fit.Find).FirstOrDefault(e => e is not null);
    }
}
