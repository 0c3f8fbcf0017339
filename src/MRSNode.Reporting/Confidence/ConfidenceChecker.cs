using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Confidence;

/// <summary>One method's estimate of one metabolite or pool, as the checks see it.</summary>
public sealed record MetaboliteEstimate(string Name, double Amplitude, double? RatioToTCr, double? Concentration, double? CrlbPercent, bool IsPool)
{
    /// <summary>
    /// Why the method itself cannot vouch for this value whatever its CRLB (e.g. lactate under large lipids, where the
    /// model cannot tell the two apart reliably): the checker flags it unreliable with this reason. Null: no caveat.
    /// </summary>
    public string? Caveat { get; init; }
}

/// <summary>The flags, verdict and reasons for one study.</summary>
public sealed record ConfidenceOutcome(IReadOnlyList<MetaboliteResult> Metabolites, StudyVerdict Verdict, IReadOnlyList<string> Reasons)
{
    /// <summary><see cref="Reasons"/> with their weight, for a caller that adds its own and keeps the most important first.</summary>
    public IReadOnlyList<RankedReason> RankedReasons { get; init; } = [];

    /// <summary>Cho/NAA and NAA/Cho, flagged.</summary>
    public IReadOnlyList<RatioResult> Ratios { get; init; } = [];

    /// <summary>The abnormal findings in words, most important first.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];
}

/// <summary>
/// The confidence checks as explicit rules (thresholds in config/confidence-checks.json):
/// <list type="number">
/// <item>Per metabolite: not detected (zero amplitude, CRLB ≥ 999 %) → unreliable (CRLB above the limit, or the
/// two methods disagree) → only then the reference range: low, high or normal ("not assessed" without a range).
/// An out-of-range value is never flagged when its estimate is not reliable.</item>
/// <item>Per study: spectral quality (SNR, linewidth by field, fit residual, frequency offset, lipid contamination,
/// water suppression, rejected transients, drift) gives "not usable" or "review"; a major metabolite (tNAA, tCr, tCho, Ins, Glx) not measured reliably, or disagreement between
/// methods on one, gives "review"; otherwise "reliable". Every reason is written out.</item>
/// </list>
/// </summary>
public sealed class ConfidenceChecker(ReferenceRanges ranges, ConfidenceThresholds thresholds)
{
    private readonly MetaboliteFlagRules _flags = new(ranges, thresholds, new MethodAgreement(thresholds));
    private readonly StudyVerdictRules _verdict = new(thresholds);
    private readonly RatioRules _ratios = new(ranges, thresholds);
    private readonly FindingsWriter _findings = new(thresholds);

    /// <summary>The reference ranges the flags come from ("version: source"), for the reports.</summary>
    public string ReferenceRangesDescription => $"{ranges.Version}: {ranges.Source}";

    /// <summary>How far a CRLB can be trusted as an error bar (confidence-checks.json crlbCalibration), for every report that shows one.</summary>
    public string? CrlbCalibration => thresholds.CrlbCalibration;

    /// <param name="context">Field, TE, region, age and whether absolute values are corrected mM: choose the ranges and what is compared; null: unknown.</param>
    public ConfidenceOutcome Check(IReadOnlyList<MetaboliteEstimate> primary, IReadOnlyList<MetaboliteEstimate>? secondary, QualityResult qc, AssessmentContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(qc);
        context ??= AssessmentContext.Unknown;
        var results = primary.Select(p => _flags.Flag(p, secondary?.FirstOrDefault(s => string.Equals(s.Name, p.Name, StringComparison.OrdinalIgnoreCase)), context)).ToList();
        var (verdict, reasons) = _verdict.Verdict(qc, results);
        var ratios = _ratios.Ratios(results, context);
        return new ConfidenceOutcome(results, verdict, reasons.Select(r => r.Text).ToList()) { RankedReasons = reasons, Ratios = ratios, Findings = _findings.Findings(results, ratios) };
    }
}
