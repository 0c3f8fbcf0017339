using System.Text.Json;
using System.Text.Json.Serialization;

namespace MRSNode.Spectroscopy;

/// <summary>
/// A manifest entry's "simulate" block: the timing a site's protocol really uses, where the defaults the node derives
/// from the acquisition (MRSNode.SpinSimulation's AcquisitionProtocol) are not right for it. Null fields keep the default.
/// </summary>
public sealed record BasisSimulationOverride
{
    /// <summary>PRESS, STEAM, sLASER, SPECIAL: the sequence to simulate when the data do not say (or say otherwise).</summary>
    [JsonPropertyName("sequence")] public string? Sequence { get; init; }
    [JsonPropertyName("te1Ms")] public double? Te1Ms { get; init; }
    [JsonPropertyName("te2Ms")] public double? Te2Ms { get; init; }
    [JsonPropertyName("mixingTimeMs")] public double? MixingTimeMs { get; init; }
    [JsonPropertyName("points")] public int? Points { get; init; }
    [JsonPropertyName("spectralWidthHz")] public double? SpectralWidthHz { get; init; }
    /// <summary>"ideal" (default) or "shaped" (sLASER only: HS1 refocusing averaged over slice positions).</summary>
    [JsonPropertyName("pulses")] public string? Pulses { get; init; }
    /// <summary>Shaped sLASER: positions per slice direction (null: the simulator's default).</summary>
    [JsonPropertyName("spatialPoints")] public int? SpatialPoints { get; init; }
}

/// <summary>
/// One entry of config/basis-sets/manifest.json: which acquisitions a basis set was made for. An entry with a path pins
/// that file; one with no path and a "simulate" block has the basis simulated with that timing.
/// </summary>
public sealed record BasisSetEntry
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>Path relative to the manifest's folder (or absolute); null for an entry that only sets simulation timing.</summary>
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("simulate")] public BasisSimulationOverride? Simulate { get; init; }
    [JsonPropertyName("nucleus")] public string Nucleus { get; init; } = "1H";
    [JsonPropertyName("fieldT")] public double FieldT { get; init; }
    /// <summary>PRESS, STEAM, sLASER, SPECIAL, ... or "any".</summary>
    [JsonPropertyName("sequence")] public string Sequence { get; init; } = "any";
    [JsonPropertyName("echoTimeMs")] public double EchoTimeMs { get; init; }
    [JsonPropertyName("vendor")] public string Vendor { get; init; } = "any";
    [JsonPropertyName("source")] public string? Source { get; init; }

    /// <summary>The echo time the entry states; null when it leaves it out (0 in the JSON).</summary>
    [JsonIgnore] public double? StatedEchoTimeMs => EchoTimeMs > 0 ? EchoTimeMs : null;

    /// <summary>The sequence the entry states; null for "any".</summary>
    [JsonIgnore] public string? StatedSequence => string.Equals(Sequence, "any", StringComparison.OrdinalIgnoreCase) ? null : Sequence;
}

/// <summary>
/// Chooses the basis set for an acquisition from the manifest in config/basis-sets: nucleus equal, vendor equal
/// unless the entry says "any", and field, echo time and sequence as <see cref="BasisAcquisitionMatch"/> checks them.
/// Quantifying with a basis set made for another field or TE gives wrong numbers, so no match is an
/// error that says what was looked for and what exists.
/// </summary>
public sealed class BasisSetCatalog
{
    public const double FieldToleranceT = BasisAcquisitionMatch.FieldToleranceT;
    public const double EchoTimeToleranceMs = BasisAcquisitionMatch.EchoTimeToleranceMs;

    private static readonly JsonSerializerOptions _json = new() { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly string _folder;

    public BasisSetCatalog(IReadOnlyList<BasisSetEntry> entries, string folder)
    {
        Entries = entries;
        _folder = folder;
    }

    public IReadOnlyList<BasisSetEntry> Entries { get; }

    public static BasisSetCatalog Load(string manifestPath)
    {
        ArgumentNullException.ThrowIfNull(manifestPath);
        try
        {
            using var stream = File.OpenRead(manifestPath);
            var manifest = JsonSerializer.Deserialize<Manifest>(stream, _json)
                ?? throw new InvalidDataException("empty manifest");
            var entries = manifest.BasisSets ?? [];
            if (entries.FirstOrDefault(e => string.IsNullOrWhiteSpace(e.Path) && e.Simulate is null) is { } empty)
            {
                throw new InvalidDataException($"entry '{empty.Name}' has neither a \"path\" nor a \"simulate\" block");
            }
            return new BasisSetCatalog(entries, Path.GetDirectoryName(Path.GetFullPath(manifestPath))!);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException)
        {
            throw new BasisSetSelectionException($"basis-set manifest {manifestPath} cannot be read: {ex.Message}");
        }
    }

    /// <summary>The matching entry's file path, or a <see cref="BasisSetSelectionException"/> naming what was needed (also when the match only sets simulation timing).</summary>
    public string Select(MrsAcquisition acquisition)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        var match = Match(acquisition);
        if (match is null || PathOf(match) is not { } path)
        {
            throw new BasisSetSelectionException(NoMatch(acquisition));
        }
        return path;
    }

    /// <summary>
    /// The first entry that fits the acquisition (nucleus, vendor, and <see cref="BasisAcquisitionMatch"/>'s field, TE
    /// and sequence), or null. Entries are tried in manifest order, so a site puts its pins and overrides first.
    /// </summary>
    public BasisSetEntry? Match(MrsAcquisition acquisition)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        var vendor = acquisition.Provenance.Manufacturer;
        return Entries.FirstOrDefault(e =>
            Nuclei.Normalize(e.Nucleus) == Nuclei.Normalize(acquisition.Nucleus)
            && BasisAcquisitionMatch.Mismatches(BasisDescription.Of(e), acquisition).Count == 0
            && Matches(e.Vendor, vendor));
    }

    /// <summary>The entry's file, relative paths taken from the manifest's folder; null for a simulation-only entry.</summary>
    public string? PathOf(BasisSetEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return string.IsNullOrWhiteSpace(entry.Path) ? null : Path.IsPathRooted(entry.Path) ? entry.Path : Path.Combine(_folder, entry.Path);
    }

    /// <summary>"no basis set matches this acquisition (…); configured: …": what was looked for and what exists.</summary>
    public string NoMatch(MrsAcquisition acquisition)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        var sequence = acquisition.Localization.Technique;
        var vendor = acquisition.Provenance.Manufacturer;
        var wanted = $"{acquisition.Nucleus} {acquisition.FieldStrengthTesla:F1} T, TE {acquisition.EchoTimeMs?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} ms, {sequence ?? "sequence unknown"}, {vendor ?? "vendor unknown"}";
        var have = Entries.Count == 0 ? "none" : string.Join("; ", Entries.Select(e => $"{e.Name} ({e.Nucleus} {e.FieldT:F1} T, TE {e.EchoTimeMs} ms, {e.Sequence})"));
        return $"no basis set matches this acquisition ({wanted}); configured: {have}. The basis-set manifest (config/basis-sets/manifest.json) needs an entry for it.";
    }

    /// <summary>
    /// The entry whose file is <paramref name="basisPath"/> or a byte-identical copy of it (a --basis file is
    /// described by the manifest entry it duplicates), or null.
    /// </summary>
    public BasisSetEntry? EntryFor(string basisPath)
    {
        ArgumentNullException.ThrowIfNull(basisPath);
        var full = Path.GetFullPath(basisPath);
        foreach (var entry in Entries)
        {
            if (PathOf(entry) is not { } pinned)
            {
                continue;
            }
            var entryPath = Path.GetFullPath(pinned);
            if (string.Equals(entryPath, full, StringComparison.Ordinal) || SameContent(entryPath, full))
            {
                return entry;
            }
        }
        return null;
    }

    private static bool SameContent(string a, string b)
    {
        var (infoA, infoB) = (new FileInfo(a), new FileInfo(b));
        if (!infoA.Exists || !infoB.Exists || infoA.Length != infoB.Length)
        {
            return false;
        }
        return File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
    }

    private static bool Matches(string wanted, string? actual) =>
        string.Equals(wanted, "any", StringComparison.OrdinalIgnoreCase)
        || (actual is not null && actual.Contains(wanted, StringComparison.OrdinalIgnoreCase));

    private sealed record Manifest
    {
        [JsonPropertyName("version")] public int Version { get; init; }
        [JsonPropertyName("basisSets")] public List<BasisSetEntry>? BasisSets { get; init; }
    }
}

/// <summary>No basis set fits the acquisition (or the manifest is unreadable).</summary>
public sealed class BasisSetSelectionException : MrsInputException
{
    public BasisSetSelectionException(string message) : base(message) { }
    public BasisSetSelectionException() : this("no basis set") { }
    public BasisSetSelectionException(string message, Exception inner) : base(message, inner) { }
}
