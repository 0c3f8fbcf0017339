using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MRSNode.Reporting.Confidence;

/// <summary>One metabolite's (or ratio's, e.g. "tCho/tNAA") reference range, as ratio to tCr and/or in mM, with its citation.</summary>
public sealed record ReferenceRange
{
    [JsonPropertyName("metabolite")] public required string Metabolite { get; init; }
    [JsonPropertyName("aliases")] public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>For a metabolite: its ratio to tCr; for a ratio entry ("tCho/tNAA"): the ratio itself.</summary>
    [JsonPropertyName("ratioToTCr")] public double[]? RatioToTCr { get; init; }
    [JsonPropertyName("mM")] public double[]? MilliMolar { get; init; }
    [JsonPropertyName("citation")] public string? Citation { get; init; }

    public bool Names(string name) =>
        string.Equals(Metabolite, name, StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Ranges that apply to one kind of case: a field, TE band, region and age band (a null key: any).</summary>
public sealed record ReferenceRangeSet
{
    [JsonPropertyName("label")] public required string Label { get; init; }
    [JsonPropertyName("fieldTesla")] public double[]? FieldTesla { get; init; }
    [JsonPropertyName("echoTimeMs")] public double[]? EchoTimeMs { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("ageYears")] public double[]? AgeYears { get; init; }
    [JsonPropertyName("ranges")] public IReadOnlyList<ReferenceRange> Ranges { get; init; } = [];

    /// <summary>
    /// Whether the case lies in every band this set names. Field and TE must be known to fit a set that names them; an
    /// unknown age or region fits (no better set could be chosen), and the flag reason names the set used.
    /// </summary>
    public bool Fits(AssessmentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        static bool Known(double[]? band, double? value) => band is null || (value is { } v && v >= band[0] && v <= band[1]);
        static bool IfKnown(double[]? band, double? value) => band is null || value is null || (value >= band[0] && value <= band[1]);
        return Known(FieldTesla, context.FieldTesla) && Known(EchoTimeMs, context.EchoTimeMs) && IfKnown(AgeYears, context.AgeYears)
            && (Region is null || context.Region is null || string.Equals(Region, context.Region, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The range chosen for one case, and where it came from.</summary>
/// <param name="Label">The set's label (e.g. "3 T, TE ≤ 45 ms, healthy adults"), "site" or "pooled".</param>
/// <param name="GrossOnly">The pooled fallback: one range over every field and sequence, wide, for gross abnormality only.</param>
public sealed record RangeChoice(ReferenceRange Range, string Label, bool GrossOnly);

/// <summary>
/// The versioned reference-range file of config/: case-specific sets (by field, TE band, region, age band, each cited)
/// and the pooled ranges as the last fallback ("gross abnormality only"); optionally a site file, whose ranges come
/// before all others (a site's own ranges fit its protocol, software and basis best).
/// </summary>
public sealed class ReferenceRanges
{
    private static readonly JsonSerializerOptions _json = new() { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public ReferenceRanges(string version, string source, IReadOnlyList<ReferenceRange> ranges)
        : this(version, source, ranges, [], [])
    {
    }

    public ReferenceRanges(string version, string source, IReadOnlyList<ReferenceRange> ranges, IReadOnlyList<ReferenceRangeSet> sets, IReadOnlyList<ReferenceRange> site)
    {
        Version = version;
        Source = source;
        Ranges = ranges;
        Sets = sets;
        Site = site;
    }

    public string Version { get; }
    public string Source { get; }

    /// <summary>The pooled ranges (every field and sequence): the last fallback.</summary>
    public IReadOnlyList<ReferenceRange> Ranges { get; }

    /// <summary>The case-specific sets, in the file's order (the first that fits and has the metabolite is used).</summary>
    public IReadOnlyList<ReferenceRangeSet> Sets { get; }

    /// <summary>The site's ranges (empty without a site file).</summary>
    public IReadOnlyList<ReferenceRange> Site { get; }

    /// <summary>The range any case would fall back to: the site's, else the pooled one.</summary>
    public ReferenceRange? Find(string metabolite) => Site.FirstOrDefault(r => r.Names(metabolite)) ?? Ranges.FirstOrDefault(r => r.Names(metabolite));

    /// <summary>The best range for this metabolite in this case (that has a value of the wanted kind): site → case-specific set → pooled.</summary>
    public RangeChoice? Select(string metabolite, AssessmentContext context, Func<ReferenceRange, bool> usable)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(usable);
        if (Site.FirstOrDefault(r => r.Names(metabolite) && usable(r)) is { } site)
        {
            return new RangeChoice(site, "site", false);
        }
        foreach (var set in Sets.Where(s => s.Fits(context)))
        {
            if (set.Ranges.FirstOrDefault(r => r.Names(metabolite) && usable(r)) is { } specific)
            {
                return new RangeChoice(specific, set.Label, false);
            }
        }
        return Ranges.FirstOrDefault(r => r.Names(metabolite) && usable(r)) is { } pooled ? new RangeChoice(pooled, "pooled", true) : null;
    }

    /// <summary>The shipped file, and over it the site's file when one is named (node: Processing:SiteReferenceRanges; CLI: --site-ranges).</summary>
    public static ReferenceRanges Load(string path, string? sitePath = null)
    {
        var defaults = Read(path);
        if (sitePath is null)
        {
            return new ReferenceRanges(defaults.Version ?? "unversioned", defaults.Source ?? "no source given", defaults.Ranges ?? [], defaults.Sets ?? [], []);
        }
        var site = Read(sitePath);
        var siteRanges = (site.Ranges ?? []).Concat((site.Sets ?? []).SelectMany(s => s.Ranges)).ToList();
        return new ReferenceRanges(
            $"{site.Version ?? "unversioned"} (site) over {defaults.Version ?? "unversioned"}",
            $"site: {site.Source ?? "no source given"}; defaults: {defaults.Source ?? "no source given"}",
            defaults.Ranges ?? [], defaults.Sets ?? [], siteRanges);
    }

    private static RangeFile Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var file = JsonSerializer.Deserialize<RangeFile>(stream, _json) ?? throw new InvalidDataException("empty file");
            foreach (var r in (file.Ranges ?? []).Concat((file.Sets ?? []).SelectMany(s => s.Ranges)))
            {
                Validate(r.Metabolite, r.RatioToTCr, r.MilliMolar);
            }
            foreach (var s in file.Sets ?? [])
            {
                Validate(s.Label, s.FieldTesla, s.EchoTimeMs, s.AgeYears);
            }
            return file;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException)
        {
            throw new InvalidDataException($"reference ranges {path} cannot be used: {ex.Message}", ex);
        }
    }

    private static void Validate(string what, params double[]?[] ranges)
    {
        foreach (var range in ranges)
        {
            if (range is not null && (range.Length != 2 || !(range[0] <= range[1])))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{what}: a range is [low, high] with low ≤ high"));
            }
        }
    }

    private sealed record RangeFile
    {
        [JsonPropertyName("version")] public string? Version { get; init; }
        [JsonPropertyName("source")] public string? Source { get; init; }
        [JsonPropertyName("ranges")] public List<ReferenceRange>? Ranges { get; init; }
        [JsonPropertyName("sets")] public List<ReferenceRangeSet>? Sets { get; init; }
    }
}
