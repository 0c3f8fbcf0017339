using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Confidence;

/// <summary>
/// One metabolite's flag: not detected → unreliable (caveat, CRLB above the limit, or the methods disagree) → only then
/// the reference range (low, high, normal; "not assessed" without a range). An out-of-range value is never flagged when
/// its estimate is not reliable.
/// </summary>
public sealed class MetaboliteFlagRules(ReferenceRanges ranges, ConfidenceThresholds thresholds, MethodAgreement agreement)
{
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    public MetaboliteResult Flag(MetaboliteEstimate e, MetaboliteEstimate? other)
    {
        var range = ranges.Find(e.Name);
        var result = new MetaboliteResult
        {
            Name = e.Name,
            Concentration = e.Concentration,
            RatioToTCr = e.RatioToTCr,
            CrlbPercent = e.CrlbPercent,
            IsPool = e.IsPool,
            Flag = MetaboliteFlag.NotAssessed, // every path below says which flag
            ReferenceRangeSource = range?.Citation,
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
        if (e.CrlbPercent is null)
        {
            // A method without uncertainties (the neural one alone) cannot show a value is reliable, so no range verdict.
            return result with { Flag = MetaboliteFlag.Unreliable, FlagReason = "no uncertainty (CRLB) from this method: run both methods to check it" };
        }
        if (e.CrlbPercent > thresholds.CrlbUnreliableAbovePercent)
        {
            return result with { Flag = MetaboliteFlag.Unreliable, FlagReason = string.Create(_inv, $"CRLB {e.CrlbPercent:F0} % is above {thresholds.CrlbUnreliableAbovePercent:F0} %") };
        }
        if (agreement.Disagreement(e, other) is { } why)
        {
            return result with { Flag = MetaboliteFlag.Unreliable, FlagReason = why };
        }
        // Range check only for reliable estimates; mM where both value and range exist, else ratio to tCr.
        (double value, double[] bounds, string unit)? check =
            range?.MilliMolar is { } mm && e.Concentration is { } c ? (c, mm, "mM")
            : range?.RatioToTCr is { } rr && e.RatioToTCr is { } ratio ? (ratio, rr, "ratio to tCr")
            : null;
        if (check is not { } k)
        {
            return result with { Flag = MetaboliteFlag.NotAssessed, FlagReason = "no reference range for this metabolite and unit" };
        }
        var flagged = result with { ReferenceRange = k.bounds, ReferenceRangeUnit = k.unit };
        string Describe(string where) => string.Create(_inv, $"{k.value:0.###} is {where} the reference range {k.bounds[0]:0.###}–{k.bounds[1]:0.###} ({k.unit})");
        return k.value < k.bounds[0] ? flagged with { Flag = MetaboliteFlag.Low, FlagReason = Describe("below") }
            : k.value > k.bounds[1] ? flagged with { Flag = MetaboliteFlag.High, FlagReason = Describe("above") }
            : flagged with { Flag = MetaboliteFlag.Normal, FlagReason = Describe("within") };
    }
}
