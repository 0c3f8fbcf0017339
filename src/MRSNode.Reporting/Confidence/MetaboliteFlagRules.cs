using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Confidence;

/// <summary>
/// One metabolite's flag: not detected → unreliable (caveat, CRLB above the limit, or the methods disagree) → not
/// assessed when its CRLB is not below its class's limit → present/absent for what adult brain does not normally show
/// (lactate) → only then the reference range (low, high, normal; "not assessed" without one). Ratios to tCr are the
/// basis; absolute values are compared only when they are corrected mM (institutional units never are). An
/// out-of-range value is never flagged when its estimate is not reliable.
/// </summary>
public sealed class MetaboliteFlagRules(ReferenceRanges ranges, ConfidenceThresholds thresholds, MethodAgreement agreement)
{
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    /// <summary>The reason suffix of a range from the pooled fallback.</summary>
    public const string GrossOnly = "pooled over fields and sequences: gross abnormality only";

    public MetaboliteResult Flag(MetaboliteEstimate e, MetaboliteEstimate? other) => Flag(e, other, AssessmentContext.Unknown);

    public MetaboliteResult Flag(MetaboliteEstimate e, MetaboliteEstimate? other, AssessmentContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        var result = new MetaboliteResult
        {
            Name = e.Name,
            Concentration = e.Concentration,
            RatioToTCr = e.RatioToTCr,
            CrlbPercent = e.CrlbPercent,
            IsPool = e.IsPool,
            Flag = MetaboliteFlag.NotAssessed, // every path below says which flag
            ReferenceRangeSource = ranges.Find(e.Name)?.Citation,
        };
        // A caveat comes first: where the method cannot separate a signal, "not detected" is no finding either.
        if (e.Caveat is { } caveat)
        {
            return result with { Flag = MetaboliteFlag.Unreliable, FlagReason = caveat };
        }
        if (e.Amplitude <= 0 || e.CrlbPercent >= thresholds.CrlbNotDetectedAtOrAbovePercent)
        {
            return result with { Flag = MetaboliteFlag.NotDetected, FlagReason = e.Amplitude <= 0 ? "fitted amplitude is zero" : "no finite uncertainty" };
        }
        if (e.CrlbPercent is not { } crlb)
        {
            // A method without uncertainties (the neural one alone) cannot show a value is reliable, so no range verdict.
            return result with { Flag = MetaboliteFlag.Unreliable, FlagReason = "no uncertainty (CRLB) from this method: run both methods to check it" };
        }
        if (crlb > thresholds.CrlbUnreliableAbovePercent)
        {
            return result with { Flag = MetaboliteFlag.Unreliable, FlagReason = string.Create(_inv, $"CRLB {crlb:F0} % is above {thresholds.CrlbUnreliableAbovePercent:F0} %") };
        }
        if (agreement.Disagreement(e, other) is { } why)
        {
            return result with { Flag = MetaboliteFlag.Unreliable, FlagReason = why };
        }
        var (_, limit) = thresholds.CrlbLimit(e.Name);
        if (!(crlb < limit))
        {
            return result with { Flag = MetaboliteFlag.NotAssessed, FlagReason = string.Create(_inv, $"not assessed: CRLB {crlb:F0} % is at or above the {limit:0.#} % this metabolite needs for a range comparison") };
        }
        if (thresholds.PresentAtRatioToTCr.TryGetValue(e.Name, out double presentAt) && e.RatioToTCr is { } presence)
        {
            return presence >= presentAt
                ? result with { Flag = MetaboliteFlag.High, ReferenceRange = [0, presentAt], ReferenceRangeUnit = "ratio to tCr", FlagReason = string.Create(_inv, $"present: {e.Name}/tCr {presence:0.00} (at or above {presentAt:0.##}; not normally detectable in adult brain)") }
                : result with { Flag = MetaboliteFlag.Normal, ReferenceRange = [0, presentAt], ReferenceRangeUnit = "ratio to tCr", FlagReason = string.Create(_inv, $"not present: {e.Name}/tCr {presence:0.00} is below {presentAt:0.##}") };
        }
        // Ratios to tCr are the basis; corrected mM only where no ratio range exists (institutional units never).
        var check = Check(e, context);
        if (check is not { } k)
        {
            return result with
            {
                Flag = MetaboliteFlag.NotAssessed,
                FlagReason = e.RatioToTCr is null && e.Concentration is not null && !context.ConcentrationsCorrected
                    ? "not assessed: no ratio to tCr, and values in institutional units are not compared with ranges in mM"
                    : "no reference range for this metabolite and unit",
            };
        }
        var bounds = k.Bounds;
        var flagged = result with { ReferenceRange = bounds, ReferenceRangeUnit = k.Unit, ReferenceRangeSource = Source(k.Choice) };
        string Describe(string where) => string.Create(_inv, $"{k.Value:0.###} is {where} the reference range {bounds[0]:0.###}–{bounds[1]:0.###} ({k.Unit}; {(k.Choice.GrossOnly ? GrossOnly : k.Choice.Label)})");
        return k.Value < bounds[0] ? flagged with { Flag = MetaboliteFlag.Low, FlagReason = Describe("below") }
            : k.Value > bounds[1] ? flagged with { Flag = MetaboliteFlag.High, FlagReason = Describe("above") }
            : flagged with { Flag = MetaboliteFlag.Normal, FlagReason = Describe("within") };
    }

    private (double Value, double[] Bounds, RangeChoice Choice, string Unit)? Check(MetaboliteEstimate e, AssessmentContext context)
    {
        if (e.RatioToTCr is { } ratio && ranges.Select(e.Name, context, r => r.RatioToTCr is not null) is { } byRatio)
        {
            return (ratio, byRatio.Range.RatioToTCr!, byRatio, "ratio to tCr");
        }
        if (context.ConcentrationsCorrected && e.Concentration is { } c && ranges.Select(e.Name, context, r => r.MilliMolar is not null) is { } byMm)
        {
            return (c, byMm.Range.MilliMolar!, byMm, "mM (corrected)");
        }
        return null;
    }

    /// <summary>The citation with the set it came from.</summary>
    public static string? Source(RangeChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        string where = choice.GrossOnly ? GrossOnly : choice.Label;
        return choice.Range.Citation is { } c ? $"{where}: {c}" : where;
    }
}
