using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Rendering;

/// <summary>
/// The metabolite table: pools first (bold), then each basis metabolite; concentration, ratio to tCr,
/// CRLB, the reference range used and the flag in colour and words, with the flag's reason.
/// Row height shrinks (down to a legible minimum) so the table always fits the space it is given.
/// </summary>
public static class MetaboliteTable
{
    private static readonly (string Title, double Width, TextAlign Align)[] Columns =
    [
        ("Metabolite", 58, TextAlign.Left), ("mM", 40, TextAlign.Right), ("/tCr", 40, TextAlign.Right),
        ("CRLB", 40, TextAlign.Right), ("Reference range", 78, TextAlign.Left), ("Flag", 66, TextAlign.Left), ("Note", 0, TextAlign.Left),
    ];

    /// <summary>Orders the rows: pools, then metabolites, each as in the report.</summary>
    public static IReadOnlyList<MetaboliteResult> Rows(QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Metabolites.Where(m => m.IsPool), .. report.Metabolites.Where(m => !m.IsPool)];
    }

    private const double MinRowHeight = 7.5;

    /// <summary>The row height that fits <paramref name="rows"/> rows and the header in <paramref name="height"/>.</summary>
    public static double RowHeight(int rows, double height) => Math.Clamp(height / (rows + 1.3), MinRowHeight, 11);

    /// <summary>Draws the table from the top-left corner; returns the height used.</summary>
    public static double Draw(IReportCanvas canvas, double x, double y, double width, double height, QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        var rows = Rows(report);
        var rowHeight = RowHeight(rows.Count, height);
        // More rows than fit even at the smallest legible height: show what fits and say where the rest is.
        var capacity = (int)Math.Floor(height / rowHeight - 1.3);
        var hidden = rows.Count > capacity ? rows.Count - Math.Max(0, capacity - 1) : 0;
        if (hidden > 0)
        {
            rows = rows.Take(Math.Max(0, capacity - 1)).ToList();
        }
        var size = Math.Min(7.5, rowHeight * 0.72);
        var widths = Columns.Select(c => c.Width).ToArray();
        widths[^1] = width - widths.Sum();

        canvas.FillRectangle(x, y, width, rowHeight * 1.3, ReportStyle.Band);
        var cx = x;
        for (var c = 0; c < Columns.Length; c++)
        {
            Cell(canvas, Columns[c].Title, cx, widths[c], y + rowHeight * 0.95, size, ReportStyle.Ink, bold: true, Columns[c].Align);
            cx += widths[c];
        }
        var rowY = y + rowHeight * 1.3;
        foreach (var m in rows)
        {
            var baseline = rowY + rowHeight * 0.75;
            // The range comparison is already in the columns; a note is written only where the flag needs one.
            var note = m.Flag.IsRangeVerdict() ? "" : m.FlagReason ?? "";
            var cells = new[] { m.Name, Mm(m), Ratio(m), Crlb(m), Range(m), m.Flag.Text(), note };
            cx = x;
            for (var c = 0; c < cells.Length; c++)
            {
                var color = c == 5 ? ReportStyle.Flag(m.Flag) : c == 6 ? ReportStyle.Muted : ReportStyle.Ink;
                var bold = (c == 0 && m.IsPool) || c == 5;
                Cell(canvas, cells[c], cx, widths[c], baseline, c == 6 ? size * 0.9 : size, color, bold, Columns[c].Align);
                cx += widths[c];
            }
            rowY += rowHeight;
            canvas.DrawLine(x, rowY, x + width, rowY, ReportStyle.Band, 0.4);
        }
        if (rows.Count == 0 && hidden == 0)
        {
            canvas.DrawText("No metabolites were quantified: the verdict above says why.", x + 3, rowY + rowHeight * 0.75, size, ReportStyle.Muted);
            rowY += rowHeight;
        }
        if (rows.Count == 0 && hidden == 0)
        {
            canvas.DrawText("No metabolites were quantified: the verdict above says why.", x + 3, rowY + rowHeight * 0.75, size, ReportStyle.Muted);
            rowY += rowHeight;
        }
        if (hidden > 0)
        {
            canvas.DrawText($"… {hidden} more row(s) not shown here: see results.json or the DICOM SR", x + 3, rowY + rowHeight * 0.75, size, ReportStyle.Muted);
            rowY += rowHeight;
        }
        canvas.DrawLine(x, y, x + width, y, ReportStyle.Rule, 0.6);
        canvas.DrawLine(x, rowY, x + width, rowY, ReportStyle.Rule, 0.6);
        return rowY - y;
    }

    public static string Mm(MetaboliteResult m) => m.Concentration is { } c && double.IsFinite(c) ? c.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    public static string Ratio(MetaboliteResult m) => m.RatioToTCr is { } r && double.IsFinite(r) ? r.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    public static string Crlb(MetaboliteResult m) => m.CrlbPercent switch
    {
        null => "—",
        >= 999 => ">999 %",
        var p => p.Value.ToString("0", CultureInfo.InvariantCulture) + " %",
    };

    public static string Range(MetaboliteResult m) => m.ReferenceRange is [var lo, var hi]
        ? string.Create(CultureInfo.InvariantCulture, $"{lo:0.00}–{hi:0.00} {(m.ReferenceRangeUnit == "mM" ? "mM" : "/tCr")}")
        : "—";

    private static void Cell(IReportCanvas canvas, string text, double x, double width, double baseline, double size, ReportColor color, bool bold, TextAlign align)
    {
        const double pad = 3;
        var fitted = TextLayout.Fit(canvas, text, size, width - 2 * pad, bold);
        var tx = align switch
        {
            TextAlign.Right => x + width - pad,
            TextAlign.Center => x + width / 2,
            _ => x + pad,
        };
        canvas.DrawText(fitted, tx, baseline, size, color, bold, align);
    }
}
