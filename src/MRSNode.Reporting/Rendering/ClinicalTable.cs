using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Rendering;

/// <summary>
/// The rows a neuroradiologist reads first: tNAA, tCr, tCho, Ins, Glx, Lac, lipids, then the clinical ratios
/// (Cho/NAA…). A metabolite the fit did not include still gets its row ("not in the fit"), so its absence is visible.
/// </summary>
public static class ClinicalTable
{
    /// <summary>Each clinical row with the result names that may carry it, the preferred first.</summary>
    private static readonly (string Label, string[] Names)[] Metabolites =
    [
        ("tNAA", ["tNAA", "NAA"]), ("tCr", ["tCr", "Cr"]), ("tCho", ["tCho", "Cho"]), ("Ins", ["Ins", "tIns", "mI"]),
        ("Glx", ["Glx"]), ("Lac", ["Lac"]),
    ];

    public static IReadOnlyList<MetaboliteTable.Row> Rows(QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<MetaboliteTable.Row>();
        foreach (var (label, names) in Metabolites)
        {
            var m = names.Select(n => report.Metabolites.FirstOrDefault(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase))).OfType<MetaboliteResult>().FirstOrDefault();
            rows.Add(m is null
                ? new MetaboliteTable.Row(label, "—", "—", "—", "—", null, "—", "not in the fit", true)
                : MetaboliteTable.FromMetabolite(m) with { Name = label, Bold = true });
        }
        rows.Add(Lipids(report));
        foreach (var ratio in report.Ratios ?? [])
        {
            var note = ratio.Flag.IsRangeVerdict() ? "" : ratio.FlagReason ?? "";
            var range = ratio.ReferenceRange is [var lo, var hi] ? string.Create(CultureInfo.InvariantCulture, $"{lo:0.00}–{hi:0.00}") : "—";
            rows.Add(new MetaboliteTable.Row(ratio.Name, "", MetaboliteTable.Ratio(ratio.Value), "", range, ratio.Flag, ratio.Flag.Text(), note, true));
        }
        return rows;
    }

    /// <summary>Lipids at 0.9–1.3 ppm relative to tCr (QC's measure of contamination from outside the voxel), else the sum of the fitted lipid components.</summary>
    private static MetaboliteTable.Row Lipids(QuantificationReport report)
    {
        var components = report.Metabolites.Where(m => m.Name.StartsWith("Lip", StringComparison.OrdinalIgnoreCase)).ToList();
        double? ratio = report.Qc.LipidToTCr ?? (components.Count > 0 ? components.Sum(m => m.RatioToTCr ?? 0) : null);
        var note = ratio is null ? "not in the fit" : components.Count > 0 ? string.Join(" + ", components.Select(m => m.Name)) : "0.9 + 1.3 ppm";
        return new MetaboliteTable.Row("Lipids", "—", MetaboliteTable.Ratio(ratio), "—", "—", null, "—", note, true);
    }
}
