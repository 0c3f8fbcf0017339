using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Rendering;

/// <summary>
/// The labelled notes under the clinical table: how values were scaled (every parameter), how far the CRLB can be
/// trusted, what the neural second opinion did, spectral quality in brief, and the reference ranges' source.
/// </summary>
public static class ReportNotes
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IReadOnlyList<(string Label, string Text)> Items(QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var items = new List<(string, string)> { ("Values", Scaling(report)) };
        items.Add(("CRLB", report.CrlbCalibration ?? "Cramér–Rao lower bound of the fit: a lower limit of the error, not the error itself."));
        if (report.NeuralAdvisory is { } advisory)
        {
            items.Add(("Neural", $"{advisory.Status}: {advisory.Explanation}{(advisory.MayLowerConfidence ? "" : " It changed nothing in this report.")}"));
        }
        items.Add(("Quality", Quality(report.Qc)));
        if (report.ReferenceRanges is { } ranges)
        {
            items.Add(("Ranges", ranges));
        }
        return items;
    }

    /// <summary>The unit, what the scaling did, and each parameter by name ("i.u.: water-scaled …; WCONC 55556, ATTH2O 0.7").</summary>
    public static string Scaling(QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Scaling is not { } s)
        {
            return report.Metabolites.Any(m => m.Concentration is not null)
                ? $"i.u.: scaled to the water reference ({report.Input.WaterFile ?? "in the data"}) without tissue or relaxation correction; the scaling parameters were not recorded."
                : "No water reference: ratios to tCr only; no absolute values.";
        }
        var parameters = string.Join(", ", s.Parameters.Select(p => string.Create(Inv, $"{p.Key} {p.Value:0.###}")));
        return $"{s.Unit}: {s.Description}{(parameters.Length > 0 ? ". Parameters: " + parameters : "")}. Flags use ratios to tCr{(s.Corrected ? " and corrected mM" : "")}.";
    }

    /// <summary>QC in one line, both SNR and linewidth definitions named.</summary>
    public static string Quality(QualityResult q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var parts = new List<string>();
        if (double.IsFinite(q.Snr))
        {
            parts.Add(string.Create(Inv, $"SNR {q.Snr:0.0} (NAA / noise SD)"));
        }
        if (q.SnrLcModel is { } lcm && double.IsFinite(lcm))
        {
            parts.Add(string.Create(Inv, $"S/N {lcm:0.0} (LCModel)"));
        }
        if (double.IsFinite(q.FwhmPpm))
        {
            parts.Add(string.Create(Inv, $"FWHM {q.FwhmPpm:0.000} ppm ({q.FwhmHz:0.0} Hz)"));
        }
        if (q.LineshapeFwhmPpm is { } ls && double.IsFinite(ls))
        {
            parts.Add(string.Create(Inv, $"{ls:0.000} ppm (LCModel)"));
        }
        if (q.LipidToTCr is { } lip)
        {
            parts.Add(string.Create(Inv, $"lipids/tCr {lip:0.00}"));
        }
        if (q.ResidualWaterToNaa is { } water)
        {
            parts.Add(string.Create(Inv, $"residual water/NAA {water:0.0}"));
        }
        return parts.Count == 0 ? "not measured" : string.Join("; ", parts) + ". Full QC on page 2.";
    }

    /// <summary>Draws the notes (label column, wrapped text) within the height; returns the height used.</summary>
    public static double Draw(IReportCanvas canvas, IReadOnlyList<(string Label, string Text)> items, double x, double y, double width, double maxHeight, double size = 7.2, double step = 9)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(items);
        const double labelWidth = 46;
        var maxLines = (int)Math.Floor(maxHeight / step);
        var line = 0;
        foreach (var (label, text) in items)
        {
            var wrapped = TextLayout.Wrap(canvas, text, size, width - labelWidth);
            if (line >= maxLines)
            {
                break;
            }
            canvas.DrawText(label, x, y + (line + 1) * step - 2, size, ReportStyle.Muted, bold: true);
            for (var k = 0; k < wrapped.Count && line < maxLines; k++, line++)
            {
                var last = line == maxLines - 1 && k < wrapped.Count - 1;
                canvas.DrawText(last ? TextLayout.Fit(canvas, wrapped[k] + " …", size, width - labelWidth) : wrapped[k], x + labelWidth, y + (line + 1) * step - 2, size, ReportStyle.Ink);
            }
        }
        return line * step;
    }
}
