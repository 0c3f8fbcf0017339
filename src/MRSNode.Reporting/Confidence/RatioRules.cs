using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Confidence;

/// <summary>
/// The clinical ratios between metabolites (Cho/NAA as tCho/tNAA and NAA/Cho), from the ratios to tCr, flagged against
/// their ranges when both metabolites were measured well enough for a range comparison themselves.
/// </summary>
public sealed class RatioRules(ReferenceRanges ranges, ConfidenceThresholds thresholds)
{
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    /// <summary>(numerator, denominator) of every ratio reported.</summary>
    public static IReadOnlyList<(string Numerator, string Denominator)> Pairs { get; } = [("tCho", "tNAA"), ("tNAA", "tCho")];

    public IReadOnlyList<RatioResult> Ratios(IReadOnlyList<MetaboliteResult> metabolites, AssessmentContext context)
    {
        ArgumentNullException.ThrowIfNull(metabolites);
        ArgumentNullException.ThrowIfNull(context);
        var list = new List<RatioResult>();
        foreach (var (num, den) in Pairs)
        {
            var n = metabolites.FirstOrDefault(m => string.Equals(m.Name, num, StringComparison.OrdinalIgnoreCase));
            var d = metabolites.FirstOrDefault(m => string.Equals(m.Name, den, StringComparison.OrdinalIgnoreCase));
            if (n is null || d is null)
            {
                continue; // a basis without the pool: no ratio to report
            }
            list.Add(Ratio(num, den, n, d, context));
        }
        return list;
    }

    private RatioResult Ratio(string num, string den, MetaboliteResult n, MetaboliteResult d, AssessmentContext context)
    {
        string name = $"{num}/{den}";
        double? value = n.RatioToTCr is { } a && d.RatioToTCr is { } b && b > 0 ? a / b : null;
        var result = new RatioResult { Name = name, Numerator = num, Denominator = den, Value = value, Flag = MetaboliteFlag.NotAssessed };
        if (value is not { } v)
        {
            return result with { Flag = MetaboliteFlag.NotDetected, FlagReason = $"{den} was not measured" };
        }
        foreach (var m in new[] { n, d })
        {
            if (Unusable(m) is { } why)
            {
                return result with { Flag = m.Flag is MetaboliteFlag.NotDetected ? MetaboliteFlag.NotDetected : MetaboliteFlag.Unreliable, FlagReason = $"{m.Name}: {why}" };
            }
        }
        if (ranges.Select(name, context, r => r.RatioToTCr is not null) is not { } choice)
        {
            return result with { FlagReason = "no reference range for this ratio" };
        }
        var bounds = choice.Range.RatioToTCr!;
        string Describe(string where) => string.Create(_inv, $"{v:0.###} is {where} the reference range {bounds[0]:0.###}–{bounds[1]:0.###} ({(choice.GrossOnly ? MetaboliteFlagRules.GrossOnly : choice.Label)})");
        result = result with { ReferenceRange = bounds, ReferenceRangeSource = MetaboliteFlagRules.Source(choice) };
        return v < bounds[0] ? result with { Flag = MetaboliteFlag.Low, FlagReason = Describe("below") }
            : v > bounds[1] ? result with { Flag = MetaboliteFlag.High, FlagReason = Describe("above") }
            : result with { Flag = MetaboliteFlag.Normal, FlagReason = Describe("within") };
    }

    /// <summary>Why a metabolite cannot carry a ratio verdict: not detected, unreliable, or a CRLB not below its class limit.</summary>
    private string? Unusable(MetaboliteResult m)
    {
        if (m.Flag is MetaboliteFlag.NotDetected or MetaboliteFlag.Unreliable)
        {
            return $"{m.Flag.Text()} ({m.FlagReason})";
        }
        var (_, limit) = thresholds.CrlbLimit(m.Name);
        return m.CrlbPercent is { } crlb && crlb < limit ? null
            : string.Create(_inv, $"CRLB {m.CrlbPercent:F0} % is at or above the {limit:0.#} % a range comparison needs");
    }
}
