using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Rendering;

/// <summary>
/// The metabolite table: pools first (bold), then each basis metabolite; value in the report's unit, ratio to tCr,
/// CRLB, the reference range used and the flag in colour and words, with the flag's reason.
/// Row height shrinks (down to a legible minimum) so the table always fits the space it is given.
/// </summary>
public static class MetaboliteTable
{
    /// <summary>One table row as text; <see cref="Flag"/> null for a row that carries no flag colour.</summary>
    public sealed record Row(string Name, string Value, string Ratio, string Crlb, string Range, MetaboliteFlag? Flag, string FlagText, string Note, bool Bold);

    private static readonly (double Width, TextAlign Align)[] Columns =
    [
        (58, TextAlign.Left), (72, TextAlign.Right), (40, TextAlign.Right),
        (38, TextAlign.Right), (78, TextAlign.Left), (62, TextAlign.Left), (0, TextAlign.Left),
    ];

    private const double MinRowHeight = 7.5;

    /// <summary>Orders the rows: pools, then metabolites, each as in the report.</summary>
    public static IReadOnlyList<MetaboliteResult> Rows(QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Metabolites.Where(m => m.IsPool), .. report.Metabolites.Where(m => !m.IsPool)];
    }

    /// <summary>The title of the value column: the report's unit (never "mM" unless corrected), "mM (corrected)" shortened from its variants.</summary>
    public static string ValueTitle(QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Scaling?.Unit switch
        {
            // Water-scaled values whose scaling was not recorded are uncorrected: institutional units.
            null => report.Metabolites.Any(m => m.Concentration is not null) ? "i.u." : "Absolute",
            var u when u.StartsWith("mM (corrected", StringComparison.Ordinal) => "mM (corrected)",
            var u => u,
        };
    }

    public static Row FromMetabolite(MetaboliteResult m)
    {
        ArgumentNullException.ThrowIfNull(m);
        // The range comparison is already in the columns; a note is written only where the flag needs one.
        var note = m.Flag.IsRangeVerdict() ? "" : m.FlagReason ?? "";
        return new Row(m.Name, Value(m), Ratio(m), Crlb(m), Range(m), m.Flag, m.Flag.Text(), note, m.IsPool);
    }

    /// <summary>The row height that fits <paramref name="rows"/> rows and the header in <paramref name="height"/>.</summary>
    public static double RowHeight(int rows, double height) => Math.Clamp(height / (rows + 1.3), MinRowHeight, 11);

    /// <summary>Draws the full table (every pool and metabolite) from the top-left corner; returns the height used.</summary>
    public static double Draw(IReportCanvas canvas, double x, double y, double width, double height, QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return DrawRows(canvas, x, y, width, height, ValueTitle(report), [.. Rows(report).Select(FromMetabolite)], "No metabolites were quantified: the verdict says why.");
    }

    /// <summary>Draws rows under the column header; more rows than fit are counted in a last line. Returns the height used.</summary>
    public static double DrawRows(IReportCanvas canvas, double x, double y, double width, double height, string valueTitle, IReadOnlyList<Row> rows, string emptyText)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(rows);
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
        string[] titles = ["Metabolite", valueTitle, "/tCr", "CRLB", "Reference range", "Flag", "Note"];
        var cx = x;
        for (var c = 0; c < Columns.Length; c++)
        {
            Cell(canvas, titles[c], cx, widths[c], y + rowHeight * 0.95, size, ReportStyle.Ink, bold: true, Columns[c].Align);
            cx += widths[c];
        }
        var rowY = y + rowHeight * 1.3;
        foreach (var row in rows)
        {
            var baseline = rowY + rowHeight * 0.75;
            string[] cells = [row.Name, row.Value, row.Ratio, row.Crlb, row.Range, row.FlagText, row.Note];
            cx = x;
            for (var c = 0; c < cells.Length; c++)
            {
                var color = c == 5 ? (row.Flag is { } flag ? ReportStyle.Flag(flag) : ReportStyle.Muted) : c == 6 ? ReportStyle.Muted : ReportStyle.Ink;
                var bold = (c == 0 && row.Bold) || (c == 5 && row.Flag is not null);
                Cell(canvas, cells[c], cx, widths[c], baseline, c == 6 ? size * 0.9 : size, color, bold, Columns[c].Align);
                cx += widths[c];
            }
            rowY += rowHeight;
            canvas.DrawLine(x, rowY, x + width, rowY, ReportStyle.Band, 0.4);
        }
        if (rows.Count == 0 && hidden == 0)
        {
            canvas.DrawText(emptyText, x + 3, rowY + rowHeight * 0.75, size, ReportStyle.Muted);
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

    /// <summary>The value in the report's unit, to 2 decimals (the CRLB of even the best metabolite is a few percent).</summary>
    public static string Value(MetaboliteResult m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return m.Concentration is { } c && double.IsFinite(c) ? c.ToString("0.00", CultureInfo.InvariantCulture) : "—";
    }

    public static string Ratio(MetaboliteResult m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return Ratio(m.RatioToTCr);
    }

    public static string Ratio(double? ratio) => ratio is { } r && double.IsFinite(r) ? r.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    public static string Crlb(MetaboliteResult m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return m.CrlbPercent switch
        {
            null => "—",
            >= 999 => ">999 %",
            var p => p.Value.ToString("0", CultureInfo.InvariantCulture) + " %",
        };
    }

    public static string Range(MetaboliteResult m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return Range(m.ReferenceRange, m.ReferenceRangeUnit);
    }

    /// <summary>"0.94–2.15 /tCr" for a ratio range, else with the range's own unit.</summary>
    public static string Range(double[]? range, string? unit) => range is [var lo, var hi]
        ? string.Create(CultureInfo.InvariantCulture, $"{lo:0.00}–{hi:0.00} {(unit is null || unit.Contains("tCr", StringComparison.Ordinal) ? "/tCr" : unit)}").TrimEnd()
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
