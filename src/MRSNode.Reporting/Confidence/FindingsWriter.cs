using System.Globalization;
using MRSNode.Quantification.Metabolites;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Confidence;

/// <summary>
/// The abnormal findings in plain words, most important first: what is present that should not be (lactate), then the
/// clinical ratios (Cho/NAA), then the major metabolites, then the rest. Only reliable, assessed values become findings,
/// and a member of a pool (GPC of tCho) only where its pool was not assessed: the fit splits a pool less surely than it
/// measures the sum.
/// </summary>
public sealed class FindingsWriter(ConfidenceThresholds thresholds)
{
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Lac"] = "Lactate", ["tNAA"] = "NAA (total)", ["tCho"] = "Choline (total)", ["tCr"] = "Creatine (total)",
        ["Ins"] = "myo-Inositol", ["tIns"] = "myo-Inositol (total)", ["Glx"] = "Glutamate + glutamine",
    };

    public IReadOnlyList<string> Findings(IReadOnlyList<MetaboliteResult> metabolites, IReadOnlyList<RatioResult> ratios)
    {
        ArgumentNullException.ThrowIfNull(metabolites);
        ArgumentNullException.ThrowIfNull(ratios);
        var findings = new List<(int Rank, string Text)>();
        var assessed = metabolites.Where(m => m.Flag is MetaboliteFlag.Normal or MetaboliteFlag.Low or MetaboliteFlag.High).Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool PoolSpeaksFor(string name) => MetaboliteCatalog.Standard.Pools.Any(p => assessed.Contains(p.Name) && p.Members.Any(m => m.IsNamed(name)));
        foreach (var m in metabolites.Where(m => m.Flag is MetaboliteFlag.High or MetaboliteFlag.Low && !PoolSpeaksFor(m.Name)))
        {
            string name = _names.GetValueOrDefault(m.Name, m.Name);
            if (thresholds.PresentAtRatioToTCr.ContainsKey(m.Name))
            {
                findings.Add((0, string.Create(_inv, $"{name} present: {m.Name}/tCr {m.RatioToTCr:0.00}")));
                continue;
            }
            int rank = thresholds.MajorMetabolites.Contains(m.Name, StringComparer.OrdinalIgnoreCase) ? 2 : 3;
            string value = m.ReferenceRangeUnit == "ratio to tCr"
                ? string.Create(_inv, $"{m.Name}/tCr {m.RatioToTCr:0.00}")
                : string.Create(_inv, $"{m.Concentration:0.0} {m.ReferenceRangeUnit}");
            findings.Add((rank, $"{name} {m.Flag.Text()}: {value}{Range(m.ReferenceRange)}"));
        }
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in ratios.Where(r => r.Flag is MetaboliteFlag.High or MetaboliteFlag.Low))
        {
            if (r.Name == RatioRules.LipidRatio)
            {
                findings.Add((0, string.Create(_inv, $"Lipids present: Lip/tCr {r.Value:0.0} (necrosis, or contamination from outside the voxel)")));
                continue;
            }
            // NAA/Cho low is Cho/NAA high: one finding, not two.
            if (!reported.Add(r.Numerator + "|" + r.Denominator) || reported.Contains(r.Denominator + "|" + r.Numerator))
            {
                continue;
            }
            findings.Add((1, string.Create(_inv, $"{Short(r.Numerator)}/{Short(r.Denominator)} {r.Flag.Text()}: {r.Value:0.00}{Range(r.ReferenceRange)}")));
        }
        return findings.OrderBy(f => f.Rank).Select(f => f.Text).ToList();
    }

    private static string Short(string pool) => pool switch { "tCho" => "Cho", "tNAA" => "NAA", _ => pool };

    private static string Range(double[]? range) =>
        range is [var low, var high] ? string.Create(_inv, $" (range {low:0.00}–{high:0.00})") : "";
}
