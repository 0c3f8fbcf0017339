using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Confidence;

/// <summary>
/// The clinical ratios between metabolites (Cho/NAA as tCho/tNAA and NAA/Cho), from the ratios to tCr, flagged against
/// their ranges when both metabolites were measured well enough for a range comparison themselves; and the lipids at
/// 0.9 and 1.3 ppm over tCr, assessed as present or absent.
/// </summary>
public sealed class RatioRules(ReferenceRanges ranges, ConfidenceThresholds thresholds)
{
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    /// <summary>The name of the lipid ratio: every fitted lipid component at 0.9 and 1.3 ppm (Lip09…, Lip13…) over tCr.</summary>
    public const string LipidRatio = "Lip/tCr";

    /// <summary>The key of <see cref="ConfidenceThresholds.PresentAtRatioToTCr"/> for the lipids.</summary>
    public const string Lipids = "Lipids";

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
        if (LipidPresence(metabolites) is { } lipids)
        {
            list.Add(lipids);
        }
        return list;
    }

    /// <summary>
    /// The sum of the lipid components over tCr: each alone is poorly determined (they overlap one another and the
    /// macromolecules), their sum is what the spectrum shows. Present at or above the configured ratio; null when the
    /// fit had no lipid components or tCr was not measured.
    /// </summary>
    private RatioResult? LipidPresence(IReadOnlyList<MetaboliteResult> metabolites)
    {
        var components = metabolites.Where(m => m.Name.StartsWith("Lip09", StringComparison.OrdinalIgnoreCase) || m.Name.StartsWith("Lip13", StringComparison.OrdinalIgnoreCase)).ToList();
        if (components.Count == 0 || !thresholds.PresentAtRatioToTCr.TryGetValue(Lipids, out double presentAt))
        {
            return null;
        }
        double sum = components.Sum(m => m.RatioToTCr is { } r && r > 0 ? r : 0);
        var result = new RatioResult { Name = LipidRatio, Numerator = "Lip09+Lip13", Denominator = "tCr", Value = sum, Flag = MetaboliteFlag.Normal, ReferenceRange = [0, presentAt] };
        return sum >= presentAt
            ? result with { Flag = MetaboliteFlag.High, FlagReason = string.Create(_inv, $"present: lipids at 0.9 and 1.3 ppm {sum:0.0} × tCr (at or above {presentAt:0.#}): necrosis, or contamination from outside the voxel") }
            : result with { FlagReason = string.Create(_inv, $"not present: lipids at 0.9 and 1.3 ppm {sum:0.00} × tCr, below {presentAt:0.#}") };
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
