using System.Text.Json;
using System.Text.Json.Serialization;

namespace MRSNode.SpinSimulation.SpinSystems;

/// <summary>
/// The spin systems of the brain metabolites (SpinSystems/spin-systems.json, embedded): each shift and coupling
/// names its source, a key of <see cref="Sources"/> (Govindaraju et al. 2000 and its 2015 corrections, Near et al.
/// 2013, Bal and Gryff-Keller 2002, ...).
/// </summary>
public sealed record SpinSystemLibrary
{
    private static readonly JsonSerializerOptions _json = new() { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [JsonPropertyName("version")] public required int Version { get; init; }
    /// <summary>Citation key → full reference.</summary>
    [JsonPropertyName("sources")] public required IReadOnlyDictionary<string, string> Sources { get; init; }
    [JsonPropertyName("metabolites")] public required IReadOnlyList<MetaboliteSpinSystem> Metabolites { get; init; }

    /// <summary>The library shipped with MRSNode.</summary>
    public static SpinSystemLibrary LoadEmbedded()
    {
        using var stream = typeof(SpinSystemLibrary).Assembly.GetManifestResourceStream("MRSNode.SpinSimulation.spin-systems.json")
            ?? throw new InvalidOperationException("spin-systems.json is not embedded in MRSNode.SpinSimulation");
        return Load(stream);
    }

    public static SpinSystemLibrary Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<SpinSystemLibrary>(json, _json)
            ?? throw new InvalidDataException("empty spin-system library");
    }

    /// <summary>The metabolite of that name or alias (case-insensitive), or null.</summary>
    public MetaboliteSpinSystem? Find(string name) =>
        Metabolites.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)
            || m.Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)));
}
