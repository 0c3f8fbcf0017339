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
            };
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"confidence thresholds {path} cannot be used: {ex.Message}", ex);
        }
    }
}
