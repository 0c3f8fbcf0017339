using System.Globalization;
using System.Text.Json.Serialization;

namespace MRSNode.Quantification.Results;

/// <summary>
/// Where the basis set of a study came from, for results.json's "basis", the PDF and the SR: a manifest entry, a file
/// given with --basis, or a simulation (with the protocol it was simulated for and its cache key).
/// </summary>
public sealed record BasisProvenance
{
    public const string FromManifest = "manifest";
    public const string FromFile = "file";
    public const string FromSimulation = "simulated";

    /// <summary>The name of a simulation whose timing no manifest entry set (MRSNode.SpinSimulation's AcquisitionProtocol defaults).</summary>
    public const string DefaultTiming = "default timing";

    /// <summary>manifest, file or simulated.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }
    /// <summary>The manifest entry's name, the file's name, or (simulated) the manifest entry that set the timing, else <see cref="DefaultTiming"/>.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    [JsonPropertyName("sequence")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sequence { get; init; }

    [JsonPropertyName("echoTimeMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? EchoTimeMs { get; init; }

    [JsonPropertyName("te1Ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Te1Ms { get; init; }

    [JsonPropertyName("te2Ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Te2Ms { get; init; }

    [JsonPropertyName("mixingTimeMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MixingTimeMs { get; init; }

    /// <summary>A simulation's pulse model when it is not ideal pulses (e.g. "shaped, 8×8 positions"); null otherwise.</summary>
    [JsonPropertyName("pulses")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Pulses { get; init; }

    [JsonPropertyName("fieldT")] public double FieldT { get; init; }
    [JsonPropertyName("frequencyMHz")] public double FrequencyMHz { get; init; }

    /// <summary>The simulated basis's cache key (SHA-256 of every simulation parameter); null for a file.</summary>
    [JsonPropertyName("cacheKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CacheKey { get; init; }

    /// <summary>Simulated for this study (true) or taken from the cache (false); null for a file.</summary>
    [JsonPropertyName("simulatedNow")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SimulatedNow { get; init; }

    /// <summary>The simulation timing the header did not state and a default filled in (also among the report's reasons); null when none.</summary>
    [JsonPropertyName("assumptions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Assumptions { get; init; }

    /// <summary>
    /// One short line for the PDF and the SR (the field is on the acquisition's line): "simulated: PRESS TE 35 (12.8+22.2) ms,
    /// key 1a2b3c4d", "simulated: STEAM TE 11 ms, TM 10 ms, key …", "manifest: ismrm2016-press-3t-te30, PRESS TE 30 ms".
    /// </summary>
    [JsonIgnore]
    public string Summary
    {
        get
        {
            var protocol = (EchoTimeMs, Te1Ms, Te2Ms, MixingTimeMs) switch
            {
                ({ } te, { } te1, { } te2, _) => Invariant($"TE {te:0.##} ({te1:0.##}+{te2:0.##}) ms"),
                ({ } te, _, _, { } tm) => Invariant($"TE {te:0.##} ms, TM {tm:0.##} ms"),
                ({ } te, _, _, _) => Invariant($"TE {te:0.##} ms"),
                _ => "TE not stated",
            };
            protocol = $"{Sequence ?? "sequence not stated"} {protocol}{(Pulses is null ? "" : $", {Pulses} pulses")}";
            return Source == FromSimulation
                ? $"simulated: {protocol}, key {CacheKey?[..Math.Min(8, CacheKey.Length)]}"
                : $"{Source}: {Name}, {protocol}";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
