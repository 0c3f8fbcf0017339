using System.Text.Json;
using System.Text.Json.Serialization;

namespace MRSNode.Service.Spool;

/// <summary>
/// job.json: what one job quantifies. File names are relative to the job's inputs/ folder. Holds UIDs and
/// AE titles only, never patient names.
/// </summary>
public sealed record JobManifest
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public required string Id { get; init; }
    public required string StudyInstanceUid { get; init; }
    public string? MetaboliteSeriesInstanceUid { get; init; }
    public IReadOnlyList<string> MetaboliteFiles { get; init; } = [];
    public IReadOnlyList<string> WaterFiles { get; init; } = [];
    /// <summary>MR images of the study (of those in <see cref="InputFiles"/>) the MRSI maps may be drawn over.</summary>
    public IReadOnlyList<string> ImageFiles { get; init; } = [];
    /// <summary>Every input of the job, including objects it does not quantify (kept with it).</summary>
    public IReadOnlyList<string> InputFiles { get; init; } = [];
    public IReadOnlyList<string> CallingAeTitles { get; init; } = [];
    /// <summary>What the assembler decided that the report must say (e.g. a water series it did not pair, and why).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    public DateTimeOffset CreatedUtc { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, _json);

    public static JobManifest FromJson(string json) =>
        JsonSerializer.Deserialize<JobManifest>(json, _json) ?? throw new JsonException("job.json is empty");
}
