using System.Text.Json;
using System.Text.Json.Serialization;

namespace MRSNode.Reporting.Confidence;

/// <summary>One metabolite's reference range, as ratio to tCr and/or in mM, with its citation.</summary>
public sealed record ReferenceRange
{
    [JsonPropertyName("metabolite")] public required string Metabolite { get; init; }
    [JsonPropertyName("aliases")] public IReadOnlyList<string> Aliases { get; init; } = [];
    [JsonPropertyName("ratioToTCr")] public double[]? RatioToTCr { get; init; }
    [JsonPropertyName("mM")] public double[]? MilliMolar { get; init; }
    [JsonPropertyName("citation")] public string? Citation { get; init; }

    public bool Names(string name) =>
        string.Equals(Metabolite, name, StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The versioned reference-range file of config/ (literature defaults with their source), optionally
/// overridden by a site file: a site entry replaces the default entry of the same metabolite.
/// </summary>
public sealed class ReferenceRanges
{
    private static readonly JsonSerializerOptions _json = new() { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public ReferenceRanges(string version, string source, IReadOnlyList<ReferenceRange> ranges)
    {
        Version = version;
        Source = source;
        Ranges = ranges;
    }

    public string Version { get; }
    public string Source { get; }
    public IReadOnlyList<ReferenceRange> Ranges { get; }

    public ReferenceRange? Find(string metabolite) => Ranges.FirstOrDefault(r => r.Names(metabolite));

    public static ReferenceRanges Load(string path, string? sitePath = null)
    {
        var defaults = Read(path);
        if (sitePath is null)
        {
            return defaults;
        }
        var site = Read(sitePath);
        var merged = site.Ranges.Concat(defaults.Ranges.Where(d => site.Ranges.All(s => !s.Names(d.Metabolite)))).ToList();
        return new ReferenceRanges($"{site.Version} (site) over {defaults.Version}", site.Source, merged);
    }

    private static ReferenceRanges Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var file = JsonSerializer.Deserialize<RangeFile>(stream, _json) ?? throw new InvalidDataException("empty file");
            foreach (var r in file.Ranges ?? [])
            {
                foreach (var range in new[] { r.RatioToTCr, r.MilliMolar })
                {
                    if (range is not null && (range.Length != 2 || !(range[0] <= range[1])))
                    {
                        throw new InvalidDataException($"{r.Metabolite}: a range is [low, high] with low ≤ high");
                    }
                }
            }
            return new ReferenceRanges(file.Version ?? "unversioned", file.Source ?? "no source given", file.Ranges ?? []);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException)
        {
            throw new InvalidDataException($"reference ranges {path} cannot be used: {ex.Message}", ex);
        }
    }

    private sealed record RangeFile
    {
        [JsonPropertyName("version")] public string? Version { get; init; }
        [JsonPropertyName("source")] public string? Source { get; init; }
        [JsonPropertyName("ranges")] public List<ReferenceRange>? Ranges { get; init; }
    }
}
