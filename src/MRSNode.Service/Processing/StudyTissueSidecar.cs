using System.Text.Json;
using MRSNode.Pipeline;
using MRSNode.Quantification.Relaxation;

namespace MRSNode.Service.Processing;

/// <summary>
/// Per-study tissue fractions: a file &lt;StudyInstanceUID&gt;.json, { "gm": 0.6, "wm": 0.3, "csf": 0.1 }, in the folder
/// Processing:TissueFractionsFolder names (written there by the site's segmentation of the study's structural image).
/// It takes precedence over the node-wide Processing:TissueFractions, which suits only a voxel always placed alike.
/// A sidecar that cannot be read is an input problem: the study is not quantified with fractions it did not have.
/// </summary>
public static class StudyTissueSidecar
{
    /// <summary>The request with the study's fractions when its sidecar exists; unchanged otherwise.</summary>
    public static QuantificationRequest Apply(QuantificationRequest request, string? folder, string studyInstanceUid)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        if (string.IsNullOrEmpty(folder) || PathFor(folder, studyInstanceUid) is not { } path || !File.Exists(path))
        {
            return request;
        }
        var tissue = Read(path);
        return request with
        {
            WaterScaling = request.WaterScaling with { Tissue = tissue, TissueSource = $"per-study sidecar {Path.GetFileName(path)}" },
        };
    }

    /// <summary>The sidecar's path; null for a UID that is not a plain UID (it names a file, so no path characters).</summary>
    public static string? PathFor(string folder, string studyInstanceUid) =>
        studyInstanceUid.Length is > 0 and <= 64 && studyInstanceUid.All(c => char.IsAsciiDigit(c) || c == '.')
            ? Path.Combine(folder, studyInstanceUid + ".json")
            : null;

    private static TissueFractions Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            return new TissueFractions(root.GetProperty("gm").GetDouble(), root.GetProperty("wm").GetDouble(), root.GetProperty("csf").GetDouble());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or IOException)
        {
            throw new QuantificationException($"the tissue fractions for this study ({Path.GetFileName(path)}) cannot be used: {ex.Message}; expected {{ \"gm\": 0.6, \"wm\": 0.3, \"csf\": 0.1 }}");
        }
    }
}
