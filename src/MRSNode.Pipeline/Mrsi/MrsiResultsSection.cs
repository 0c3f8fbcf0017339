using System.Text.Json;
using System.Text.Json.Nodes;
using MRSNode.Quantification.Mrsi;

namespace MRSNode.Pipeline.Mrsi;

/// <summary>
/// results.json's "mrsi" section: the grid, how many voxels were reported, rejected (and why), failed or not fitted,
/// the regions with their values, each map's range over the reported voxels, and what was done. The rest of
/// results.json is the single-voxel report of the index voxel.
/// </summary>
public static class MrsiResultsSection
{
    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true };
    private static readonly System.Buffers.SearchValues<char> _detailStart = System.Buffers.SearchValues.Create("0123456789(:");

    /// <summary><paramref name="reportJson"/> (a report's JSON object) with the "mrsi" section added.</summary>
    /// <param name="overlayNote">Why the maps are not drawn over an MR image; null when they are.</param>
    public static string AddTo(string reportJson, MrsiOutcome outcome, string? overlayNote = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var root = JsonNode.Parse(reportJson)?.AsObject() ?? throw new ArgumentException("not a JSON object", nameof(reportJson));
        var section = Section(outcome);
        section["overlayNote"] = overlayNote;
        root["mrsi"] = section;
        return root.ToJsonString(_indented);
    }

    public static JsonObject Section(MrsiOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var q = outcome.Quantification;
        var g = q.Geometry;
        return new JsonObject
        {
            ["grid"] = new JsonArray(g.Grid.Columns, g.Grid.Rows, g.Grid.Slices),
            ["voxelSpacingMm"] = new JsonArray([.. g.VoxelSpacingMm.Select(v => (JsonNode?)v)]),
            ["frameOfReferenceUid"] = g.FrameOfReferenceUid,
            ["voxels"] = new JsonObject
            {
                ["total"] = q.Voxels.Count,
                ["reported"] = outcome.Count(VoxelState.Reported),
                ["rejected"] = outcome.Count(VoxelState.Rejected),
                ["failed"] = outcome.Count(VoxelState.Failed),
                ["notFitted"] = outcome.Count(VoxelState.NotFitted),
            },
            ["rejections"] = new JsonObject(q.Voxels.Where(v => v.State is VoxelState.Rejected or VoxelState.Failed && v.Reason is not null)
                .GroupBy(v => Kind(v.Reason!))
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Count()))),
            ["indexVoxel"] = Voxel(g, outcome.IndexVoxel),
            ["regions"] = new JsonArray([.. q.Regions.Select(r => (JsonNode?)new JsonObject
            {
                ["label"] = r.Label,
                ["voxel"] = Voxel(g, r.VoxelIndex),
                ["values"] = new JsonObject(r.Values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
            })]),
            ["maps"] = new JsonArray([.. q.Maps.Select(m => (JsonNode?)Map(m))]),
            ["referenceImage"] = outcome.Image is { } image
                ? new JsonObject { ["file"] = Path.GetFileName(image.Path), ["frame"] = image.Frame, ["distanceMm"] = Math.Round(image.DistanceMm, 2) }
                : null,
            ["quantifier"] = outcome.Quantifier,
            ["fitSeconds"] = Math.Round(outcome.FitSeconds, 2),
            ["steps"] = new JsonArray([.. outcome.Steps.Select(s => (JsonNode?)s)]),
            ["notes"] = new JsonArray([.. q.Notes.Select(s => (JsonNode?)s)]),
        };
    }

    /// <summary>The reason without its numbers ("SNR 3.1 below 5" → "SNR"), so reasons count by kind.</summary>
    private static string Kind(string reason)
    {
        int cut = reason.AsSpan().IndexOfAny(_detailStart);
        return (cut > 0 ? reason[..cut] : reason).Trim();
    }

    private static JsonObject Voxel(Spectroscopy.Mrsi.MrsiGeometry g, int index)
    {
        var (c, r, s) = g.Position(index);
        return new JsonObject
        {
            ["index"] = index,
            ["column"] = c,
            ["row"] = r,
            ["slice"] = s,
            ["centreMm"] = new JsonArray([.. g.VoxelCentre(index).Select(v => (JsonNode?)Math.Round(v, 2))]),
        };
    }

    private static JsonObject Map(MetaboliteMap map)
    {
        var values = map.Values.Where(double.IsFinite).Order().ToList();
        return new JsonObject
        {
            ["name"] = map.Name,
            ["unit"] = map.Unit,
            ["reportedVoxels"] = values.Count,
            ["min"] = values.Count > 0 ? values[0] : null,
            ["median"] = values.Count > 0 ? values[values.Count / 2] : null,
            ["max"] = values.Count > 0 ? values[^1] : null,
            ["description"] = map.Description,
        };
    }
}
