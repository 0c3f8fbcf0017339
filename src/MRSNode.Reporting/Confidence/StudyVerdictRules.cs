using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Confidence;

/// <summary>
/// The study's verdict from spectral quality and the major metabolites. Not usable: too little signal, lines too broad.
/// Review: low SNR, broad lines, a large fit residual, a frequency offset, lipid contamination, poor water suppression,
/// transients rejected or frequency drift (motion), a major metabolite (tNAA, tCr, tCho, Ins, Glx) not measured
/// reliably. Linewidth limits depend on the field; offsets and drift are in ppm. Each reason is in words a radiologist
/// reads, with the value and the limit, most important first.
/// </summary>
public sealed class StudyVerdictRules(ConfidenceThresholds thresholds)
{
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    public (StudyVerdict Verdict, IReadOnlyList<RankedReason> Reasons) Verdict(QualityResult qc, List<MetaboliteResult> results)
    {
        ArgumentNullException.ThrowIfNull(qc);
        ArgumentNullException.ThrowIfNull(results);
        var reasons = new List<RankedReason>();
        void Add(ReasonSeverity severity, FormattableString reason) => reasons.Add(new RankedReason(severity, reason.ToString(_inv)));
        double? mhz = qc.FieldMHz();
        string field = mhz is { } f ? string.Create(_inv, $" at {f / ConfidenceThresholds.ProtonMHzPerTesla:0.0} T") : "";

        if (!(qc.Snr >= thresholds.SnrNotUsableBelow))
        {
            Add(ReasonSeverity.NotUsable, $"too little signal to quantify: SNR {qc.Snr:F1}, minimum {thresholds.SnrNotUsableBelow:0.#} ({qc.SnrDefinition})");
        }
        else if (qc.Snr < thresholds.SnrReviewBelow)
        {
            Add(ReasonSeverity.Review, $"weak signal, values are noisy: SNR {qc.Snr:F1}, below {thresholds.SnrReviewBelow:0.#}");
        }
        var band = thresholds.Linewidth(mhz);
        if (!(qc.FwhmPpm <= band.NotUsableAbovePpm))
        {
            Add(ReasonSeverity.NotUsable, $"lines too broad to separate the metabolites (poor shim or motion): linewidth {qc.FwhmPpm:F3} ppm ({qc.FwhmHz:F1} Hz), limit {band.NotUsableAbovePpm:0.###} ppm{field}");
        }
        else if (qc.FwhmPpm > band.ReviewAbovePpm)
        {
            Add(ReasonSeverity.Review, $"broad lines (shim): linewidth {qc.FwhmPpm:F3} ppm ({qc.FwhmHz:F1} Hz), limit {band.ReviewAbovePpm:0.###} ppm{field}");
        }
        if (qc.LipidToTCr is { } lipid && lipid > thresholds.LipidToTCrReviewAbove)
        {
            Add(ReasonSeverity.Review, $"strong lipid signal, from scalp fat outside the voxel or from necrosis: lipid/tCr {lipid:0.0}, limit {thresholds.LipidToTCrReviewAbove:0.0#}");
        }
        if (qc.ResidualWaterToNaa is { } water && water > thresholds.ResidualWaterToNaaReviewAbove)
        {
            Add(ReasonSeverity.Review, $"poor water suppression: residual water {water:0} × the NAA peak, limit {thresholds.ResidualWaterToNaaReviewAbove:0}");
        }
        if (qc.Transients is > 0 and var n && qc.TransientsRejected is > 0 and var rejected && (double)rejected / n > thresholds.TransientsRejectedReviewAboveFraction)
        {
            Add(ReasonSeverity.Review, $"the patient moved or the scanner was unstable during the acquisition: {rejected} of {n} averages rejected (limit {thresholds.TransientsRejectedReviewAboveFraction * 100:0} %)");
        }
        if (mhz is { } m && qc.FrequencyDriftHz is { } drift && drift / m > thresholds.FrequencyDriftReviewAbovePpm)
        {
            Add(ReasonSeverity.Review, $"the frequency drifted during the acquisition (motion or scanner heating): {drift / m:0.000} ppm ({drift:0.0} Hz), limit {thresholds.FrequencyDriftReviewAbovePpm:0.0##} ppm");
        }
        if (qc.FitResidualRelative is { } residual && residual > thresholds.FitResidualReviewAbove)
        {
            Add(ReasonSeverity.Review, $"the fit leaves {residual * 100:F0} % of the signal unexplained (an artefact or an unexpected signal), limit {thresholds.FitResidualReviewAbove * 100:F0} %");
        }
        if (mhz is { } mo && qc.FrequencyOffsetHz is { } offset && Math.Abs(offset / mo) > thresholds.FrequencyOffsetReviewAbovePpm)
        {
            Add(ReasonSeverity.Review, $"the spectrum sits off its expected frequency: {offset / mo:0.00} ppm ({offset:F1} Hz), limit {thresholds.FrequencyOffsetReviewAbovePpm:0.0#} ppm");
        }
        foreach (var name in thresholds.MajorMetabolites)
        {
            var metabolite = results.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            if (metabolite is not null && metabolite.Flag is MetaboliteFlag.NotDetected or MetaboliteFlag.Unreliable)
            {
                Add(ReasonSeverity.Review, $"{name} is {metabolite.Flag.Text()}: {metabolite.FlagReason}");
            }
            else if (metabolite is { CrlbPercent: { } crlb } && !(crlb < thresholds.CrlbLimit(name).AssessBelowPercent))
            {
                // Too imprecise to compare with its range: a major metabolite the reader cannot rely on is a review cause.
                Add(ReasonSeverity.Review, $"{name} is not measured precisely enough to compare with its range: CRLB {crlb:F0} %, limit {thresholds.CrlbLimit(name).AssessBelowPercent:0.#} %");
            }
        }
        if (reasons.Count == 0)
        {
            Add(ReasonSeverity.Information, $"SNR {qc.Snr:F1}, linewidth {qc.FwhmPpm:F3} ppm, no artefact found and every major metabolite measured reliably");
        }
        var verdict = reasons.Exists(r => r.Severity == ReasonSeverity.NotUsable) ? StudyVerdict.NotUsable
            : reasons.Exists(r => r.Severity == ReasonSeverity.Review) ? StudyVerdict.Review
            : StudyVerdict.Reliable;
        return (verdict, reasons.OrderBy(r => r.Severity).ToList());
    }
}
