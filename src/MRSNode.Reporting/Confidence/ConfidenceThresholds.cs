using System.Text.Json;
using MRSNode.Quantification.Metabolites;
using System.Text.Json.Serialization;

namespace MRSNode.Reporting.Confidence;

/// <summary>Linewidth limits (ppm) for fields up to <see cref="UpToTesla"/>: in Hz the achievable linewidth grows more slowly than the field, so the ppm limits tighten with it.</summary>
public sealed record LinewidthBand(double UpToTesla, double ReviewAbovePpm, double NotUsableAbovePpm);

/// <summary>The thresholds of the confidence checks (config/confidence-checks.json); defaults equal the shipped file.</summary>
public sealed record ConfidenceThresholds
{
    /// <summary>Proton MHz per tesla, to name a field band.</summary>
    public const double ProtonMHzPerTesla = 42.577;

    public double SnrNotUsableBelow { get; init; } = 5;
    public double SnrReviewBelow { get; init; } = 10;

    /// <summary>Linewidth limits per field band, lowest field first; a field above every band takes the last.</summary>
    public IReadOnlyList<LinewidthBand> LinewidthByField { get; init; } = [new(2.0, 0.1, 0.15), new(4.0, 0.07, 0.1), new(double.PositiveInfinity, 0.06, 0.09)];

    public double FitResidualReviewAbove { get; init; } = 0.15;

    /// <summary>In ppm, so the same mis-set reference frequency counts the same at every field (0.12 ppm = 15 Hz at 3 T).</summary>
    public double FrequencyOffsetReviewAbovePpm { get; init; } = 0.12;

    /// <summary>Fitted 0.9/1.3 ppm lipid area over tCr's: contamination from scalp fat (or necrosis) above it.</summary>
    public double LipidToTCrReviewAbove { get; init; } = 1.0;

    /// <summary>Residual water peak height (before its removal) over NAA's: failed water suppression above it.</summary>
    public double ResidualWaterToNaaReviewAbove { get; init; } = 200;

    /// <summary>Fraction of the transients the spectral registration rejected as corrupted (motion) above which to review.</summary>
    public double TransientsRejectedReviewAboveFraction { get; init; } = 0.1;

    /// <summary>Range of the per-transient frequencies (ppm) above which the scanner drifted or the patient moved.</summary>
    public double FrequencyDriftReviewAbovePpm { get; init; } = 0.05;
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

    /// <summary>The linewidth band of a field (MHz); the 3 T band when the field is unknown.</summary>
    public LinewidthBand Linewidth(double? frequencyMHz)
    {
        double tesla = frequencyMHz is { } f and > 0 ? f / ProtonMHzPerTesla : 3.0;
        return LinewidthByField.FirstOrDefault(b => tesla <= b.UpToTesla) ?? LinewidthByField[^1];
    }

    public static ConfidenceThresholds Load(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var r = doc.RootElement;
            RefuseRetiredKeys(r);
            double Get(string section, string key, double fallback) =>
                r.TryGetProperty(section, out var s) && s.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
            var d = Default;
            return new ConfidenceThresholds
            {
                SnrNotUsableBelow = Get("snr", "notUsableBelow", d.SnrNotUsableBelow),
                SnrReviewBelow = Get("snr", "reviewBelow", d.SnrReviewBelow),
                LinewidthByField = LinewidthBands(r, d.LinewidthByField),
                FitResidualReviewAbove = Get("fitResidualRelative", "reviewAbove", d.FitResidualReviewAbove),
                FrequencyOffsetReviewAbovePpm = Get("frequencyOffsetPpm", "reviewAbove", d.FrequencyOffsetReviewAbovePpm),
                LipidToTCrReviewAbove = Get("lipidToTCr", "reviewAbove", d.LipidToTCrReviewAbove),
                ResidualWaterToNaaReviewAbove = Get("residualWaterToNaa", "reviewAbove", d.ResidualWaterToNaaReviewAbove),
                TransientsRejectedReviewAboveFraction = Get("transientsRejected", "reviewAboveFraction", d.TransientsRejectedReviewAboveFraction),
                FrequencyDriftReviewAbovePpm = Get("frequencyDriftPpm", "reviewAbove", d.FrequencyDriftReviewAbovePpm),
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
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException or FormatException or KeyNotFoundException or InvalidDataException or NotSupportedException)
        {
            throw new InvalidDataException($"confidence thresholds {path} cannot be used: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Keys of the version-1 file whose meaning moved (Hz → ppm, one linewidth band → bands by field): a site file that
    /// still uses them would silently get the defaults, so it is refused with what to write instead.
    /// </summary>
    private static void RefuseRetiredKeys(JsonElement root)
    {
        if (root.TryGetProperty("frequencyOffsetHz", out _))
        {
            throw new InvalidDataException("frequencyOffsetHz is no longer read: give frequencyOffsetPpm.reviewAbove (ppm, the same at every field; 15 Hz at 3 T is 0.12 ppm)");
        }
        if (root.TryGetProperty("linewidthPpm", out var linewidth) && (linewidth.TryGetProperty("reviewAbove", out _) || linewidth.TryGetProperty("notUsableAbove", out _)))
        {
            throw new InvalidDataException("linewidthPpm.reviewAbove/notUsableAbove are no longer read: give linewidthPpm.byField, a list of { upToTesla, reviewAbove, notUsableAbove }");
        }
    }

    /// <summary>linewidthPpm.byField: [{ upToTesla (omitted: any field), reviewAbove, notUsableAbove }], sorted by field.</summary>
    private static IReadOnlyList<LinewidthBand> LinewidthBands(JsonElement root, IReadOnlyList<LinewidthBand> fallback)
    {
        if (!root.TryGetProperty("linewidthPpm", out var section) || !section.TryGetProperty("byField", out var bands))
        {
            return fallback;
        }
        var list = bands.EnumerateArray().Select(b => new LinewidthBand(
            b.TryGetProperty("upToTesla", out var t) ? t.GetDouble() : double.PositiveInfinity,
            b.GetProperty("reviewAbove").GetDouble(),
            b.GetProperty("notUsableAbove").GetDouble())).OrderBy(b => b.UpToTesla).ToList();
        if (list.Count == 0 || list.Any(b => !(b.ReviewAbovePpm <= b.NotUsableAbovePpm)))
        {
            throw new InvalidDataException("linewidthPpm.byField needs at least one band, each with reviewAbove ≤ notUsableAbove");
        }
        return list;
    }
}
