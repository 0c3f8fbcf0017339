using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Confidence;

/// <summary>
/// The study's verdict: spectral quality (SNR, linewidth, fit residual, frequency offset) gives "not usable" or
/// "review"; a major metabolite (tNAA, tCr, tCho, Ins, Glx) not measured reliably gives "review"; otherwise
/// "reliable". Every reason is written out.
/// </summary>
public sealed class StudyVerdictRules(ConfidenceThresholds thresholds)
{
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    public (StudyVerdict Verdict, IReadOnlyList<string> Reasons) Verdict(QualityResult qc, List<MetaboliteResult> results)
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
