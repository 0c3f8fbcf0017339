using System.Text.Json;
using MRSNode.Quantification.Metabolites;
using System.Text.Json.Serialization;

namespace MRSNode.Reporting.Confidence;

/// <summary>The thresholds of the confidence checks (config/confidence-checks.json); defaults equal the shipped file.</summary>
public sealed record ConfidenceThresholds
{
    public double SnrNotUsableBelow { get; init; } = 5;
    public double SnrReviewBelow { get; init; } = 10;
    public double LinewidthNotUsableAbovePpm { get; init; } = 0.1;
    public double LinewidthReviewAbovePpm { get; init; } = 0.07;
    public double FitResidualReviewAbove { get; init; } = 0.15;
    public double FrequencyOffsetReviewAboveHz { get; init; } = 15;
    public double CrlbUnreliableAbovePercent { get; init; } = 50;
    public double CrlbNotDetectedAtOrAbovePercent { get; init; } = 999;
    public double MethodDisagreementAbove { get; init; } = 0.3;
    public double MethodComparisonMinimumRatio { get; init; } = 0.05;
    public IReadOnlyList<string> MajorMetabolites { get; init; } = MetaboliteCatalog.Standard.MajorMetabolites;

    /// <summary>The CRLB a range comparison needs, per metabolite class (crlbClasses).</summary>
    public IReadOnlyList<CrlbClass> CrlbClasses { get; init; } = CrlbClass.Defaults;

    /// <summary>The CRLB a range comparison needs for a metabolite in no class (percent): the minor class's, as the cautious choice.</summary>
    public double CrlbAssessBelowPercentOtherwise { get; init; } = 20;

    /// <summary>Metabolites not normally seen in adult brain, assessed as present/absent: present at or above this ratio to tCr (presentAtRatioToTCr; "Lipids": the sum of the 0.9 and 1.3 ppm lipid components).</summary>
    public IReadOnlyDictionary<string, double> PresentAtRatioToTCr { get; init; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { ["Lac"] = 0.2, ["Lipids"] = 1.0 };

    /// <summary>How far the CRLB can be trusted, stated on every report that shows one (crlbCalibration).</summary>
    public string? CrlbCalibration { get; init; }

    /// <summary>The class limit for this metabolite.</summary>
    public (string Class, double AssessBelowPercent) CrlbLimit(string metabolite) =>
        CrlbClasses.FirstOrDefault(c => c.Metabolites.Any(m => string.Equals(m, metabolite, StringComparison.OrdinalIgnoreCase))) is { } c
            ? (c.Name, c.AssessBelowPercent)
            : ("other", CrlbAssessBelowPercentOtherwise);

    public static ConfidenceThresholds Default { get; } = new();

    public static ConfidenceThresholds Load(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var r = doc.RootElement;
            double Get(string section, string key, double fallback) =>
                r.TryGetProperty(section, out var s) && s.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
            var d = Default;
            return new ConfidenceThresholds
            {
                SnrNotUsableBelow = Get("snr", "notUsableBelow", d.SnrNotUsableBelow),
                SnrReviewBelow = Get("snr", "reviewBelow", d.SnrReviewBelow),
                LinewidthNotUsableAbovePpm = Get("linewidthPpm", "notUsableAbove", d.LinewidthNotUsableAbovePpm),
                LinewidthReviewAbovePpm = Get("linewidthPpm", "reviewAbove", d.LinewidthReviewAbovePpm),
                FitResidualReviewAbove = Get("fitResidualRelative", "reviewAbove", d.FitResidualReviewAbove),
                FrequencyOffsetReviewAboveHz = Get("frequencyOffsetHz", "reviewAbove", d.FrequencyOffsetReviewAboveHz),
                CrlbUnreliableAbovePercent = Get("crlbPercent", "unreliableAbove", d.CrlbUnreliableAbovePercent),
                CrlbNotDetectedAtOrAbovePercent = Get("crlbPercent", "notDetectedAtOrAbove", d.CrlbNotDetectedAtOrAbovePercent),
                MethodDisagreementAbove = Get("methodAgreement", "unreliableRelativeDifferenceAbove", d.MethodDisagreementAbove),
                MethodComparisonMinimumRatio = Get("methodAgreement", "minimumRatioToTCrCompared", d.MethodComparisonMinimumRatio),
                MajorMetabolites = r.TryGetProperty("majorMetabolites", out var majors) ? majors.EnumerateArray().Select(e => e.GetString()!).ToList() : d.MajorMetabolites,
                CrlbClasses = r.TryGetProperty("crlbClasses", out var classes) ? classes.Deserialize<List<CrlbClass>>() ?? [] : d.CrlbClasses,
                CrlbAssessBelowPercentOtherwise = Get("crlbPercent", "assessBelowOtherwise", d.CrlbAssessBelowPercentOtherwise),
                PresentAtRatioToTCr = r.TryGetProperty("presentAtRatioToTCr", out var present)
                    ? present.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.OrdinalIgnoreCase)
                    : d.PresentAtRatioToTCr,
                CrlbCalibration = r.TryGetProperty("crlbCalibration", out var calibration) ? calibration.GetString() : d.CrlbCalibration,
            };
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw new InvalidDataException($"confidence thresholds {path} cannot be used: {ex.Message}", ex);
        }
    }
}
