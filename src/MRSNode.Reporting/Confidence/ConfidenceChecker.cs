using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Confidence;

/// <summary>One method's estimate of one metabolite or pool, as the checks see it.</summary>
public sealed record MetaboliteEstimate(string Name, double Amplitude, double? RatioToTCr, double? ConcentrationMm, double? CrlbPercent, bool IsPool)
{
    /// <summary>
    /// Why the method itself cannot vouch for this value whatever its CRLB (e.g. lactate under large lipids, where the
    /// model cannot tell the two apart reliably): the checker flags it unreliable with this reason. Null: no caveat.
    /// </summary>
    public string? Caveat { get; init; }
}

/// <summary>The flags, verdict and reasons for one study.</summary>
public sealed record ConfidenceOutcome(IReadOnlyList<MetaboliteResult> Metabolites, StudyVerdict Verdict, IReadOnlyList<string> Reasons);

/// <summary>
/// The confidence checks as explicit rules (thresholds in config/confidence-checks.json):
/// <list type="number">
/// <item>Per metabolite: not detected (zero amplitude, CRLB ≥ 999 %) → unreliable (CRLB above the limit, or the
/// two methods disagree) → only then the reference range: low, high or normal ("not assessed" without a range).
/// An out-of-range value is never flagged when its estimate is not reliable.</item>
/// <item>Per study: spectral quality (SNR, linewidth, fit residual, frequency offset) gives "not usable" or
/// "review"; a major metabolite (tNAA, tCr, tCho, Ins, Glx) not measured reliably, or disagreement between
/// methods on one, gives "review"; otherwise "reliable". Every reason is written out.</item>
/// </list>
/// </summary>
public sealed class ConfidenceChecker(ReferenceRanges ranges, ConfidenceThresholds thresholds)
{
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    /// <summary>The reference ranges the flags come from ("version: source"), for the reports.</summary>
    public string ReferenceRangesDescription => $"{ranges.Version}: {ranges.Source}";

    public ConfidenceOutcome Check(IReadOnlyList<MetaboliteEstimate> primary, IReadOnlyList<MetaboliteEstimate>? secondary, QualityResult qc)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(qc);
        var results = primary.Select(p => Flag(p, secondary?.FirstOrDefault(s => string.Equals(s.Name, p.Name, StringComparison.OrdinalIgnoreCase)))).ToList();
        var (verdict, reasons) = Verdict(qc, results);
        return new ConfidenceOutcome(results, verdict, reasons);
    }

    private MetaboliteResult Flag(MetaboliteEstimate e, MetaboliteEstimate? other)
    {
        var range = ranges.Find(e.Name);
        var result = new MetaboliteResult
        {
            Name = e.Name,
            ConcentrationMm = e.ConcentrationMm,
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
        if (Disagreement(e, other) is { } difference)
        {
            return result with { Flag = MetaboliteFlag.Unreliable, FlagReason = string.Create(_inv, $"the methods differ by {difference * 100:F0} % (ratio to tCr {e.RatioToTCr:F2} vs {other!.RatioToTCr:F2})") };
        }
        // Range check only for reliable estimates; mM where both value and range exist, else ratio to tCr.
        (double value, double[] bounds, string unit)? check =
            range?.MilliMolar is { } mm && e.ConcentrationMm is { } c ? (c, mm, "mM")
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

    private double? Disagreement(MetaboliteEstimate e, MetaboliteEstimate? other)
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

    private (StudyVerdict Verdict, IReadOnlyList<string> Reasons) Verdict(QualityResult qc, List<MetaboliteResult> results)
    {
        var reasons = new List<string>();
        bool unusable = false, review = false;
        void Add(bool fatal, string reason)
        {
            unusable |= fatal;
            review |= !fatal;
            reasons.Add(reason);
        }
        if (!(qc.Snr >= thresholds.SnrNotUsableBelow))
        {
            Add(true, string.Create(_inv, $"SNR {qc.Snr:F1} is below {thresholds.SnrNotUsableBelow:0.#} ({qc.SnrDefinition})"));
        }
        else if (qc.Snr < thresholds.SnrReviewBelow)
        {
            Add(false, string.Create(_inv, $"SNR {qc.Snr:F1} is below {thresholds.SnrReviewBelow:0.#}"));
        }
        if (!(qc.FwhmPpm <= thresholds.LinewidthNotUsableAbovePpm))
        {
            Add(true, string.Create(_inv, $"linewidth {qc.FwhmPpm:F3} ppm ({qc.FwhmHz:F1} Hz) is above {thresholds.LinewidthNotUsableAbovePpm:0.###} ppm"));
        }
        else if (qc.FwhmPpm > thresholds.LinewidthReviewAbovePpm)
        {
            Add(false, string.Create(_inv, $"linewidth {qc.FwhmPpm:F3} ppm is above {thresholds.LinewidthReviewAbovePpm:0.###} ppm"));
        }
        if (qc.FitResidualRelative is { } residual && residual > thresholds.FitResidualReviewAbove)
        {
            Add(false, string.Create(_inv, $"fit residual {residual * 100:F0} % of the signal is above {thresholds.FitResidualReviewAbove * 100:F0} %"));
        }
        if (qc.FrequencyOffsetHz is { } offset && Math.Abs(offset) > thresholds.FrequencyOffsetReviewAboveHz)
        {
            Add(false, string.Create(_inv, $"frequency offset {offset:F1} Hz is above {thresholds.FrequencyOffsetReviewAboveHz:0.#} Hz"));
        }
        foreach (var name in thresholds.MajorMetabolites)
        {
            var m = results.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            if (m is not null && m.Flag is MetaboliteFlag.NotDetected or MetaboliteFlag.Unreliable)
            {
                Add(false, $"{name} is {m.Flag.Text()}: {m.FlagReason}");
            }
        }
        if (reasons.Count == 0)
        {
            reasons.Add(string.Create(_inv, $"SNR {qc.Snr:F1}, linewidth {qc.FwhmPpm:F3} ppm and every major metabolite are within limits"));
        }
        return (unusable ? StudyVerdict.NotUsable : review ? StudyVerdict.Review : StudyVerdict.Reliable, reasons);
    }
}
