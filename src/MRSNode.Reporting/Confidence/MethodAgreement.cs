using System.Globalization;

namespace MRSNode.Reporting.Confidence;

/// <summary>Whether a second method's estimate of a metabolite contradicts the primary one enough to make it unreliable.</summary>
public sealed class MethodAgreement(ConfidenceThresholds thresholds)
{
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    /// <summary>Why the two estimates disagree (for the flag reason), or null when they agree or cannot be compared.</summary>
    public string? Disagreement(MetaboliteEstimate e, MetaboliteEstimate? other) =>
        RelativeDifference(e, other) is { } difference
            ? string.Create(_inv, $"the methods differ by {difference * 100:F0} % (ratio to tCr {e.RatioToTCr:F2} vs {other!.RatioToTCr:F2})")
            : null;

    private double? RelativeDifference(MetaboliteEstimate e, MetaboliteEstimate? other)
    {
        if (other is not { RatioToTCr: { } b } || e.RatioToTCr is not { } a)
        {
            return null;
        }
        if (Math.Max(a, b) < thresholds.MethodComparisonMinimumRatio)
        {
            return null; // both near zero: nothing meaningful to compare
        }
        double difference = Math.Abs(a - b) / ((Math.Abs(a) + Math.Abs(b)) / 2);
        return difference > thresholds.MethodDisagreementAbove ? difference : null;
    }
}
