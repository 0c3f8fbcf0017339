using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Rendering;

/// <summary>
/// Page 2 of the report, for the reader who wants everything: every finding and reason, the full metabolite table
/// (every basis entry), the whole quality control, and the acquisition, methods and preprocessing. Fits one page:
/// what cannot fit is counted and left to results.json and the SR.
/// </summary>
public static class ReportDetailsPage
{
    private const double PanelText = 7.2;
    private const double PanelLine = 9.2;
    private const int MaxReasonLines = 34;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Where each part landed (points).</summary>
    public sealed record Layout(double HeaderBottom, double ReasonsBottom, double TableTop, double TableBottom, double PanelsTop, double PanelsBottom, double DisclaimerTop);

    public static Layout Draw(IReportCanvas canvas, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(document);
        var report = document.Report;
        const double margin = ReportPage.Margin;
        const double width = ReportPage.ContentWidth;
        canvas.FillRectangle(0, 0, ReportPage.Width, ReportPage.Height, ReportColor.White);
        var headerBottom = ReportHeader.Draw(canvas, document, "page 2 of 2");

        var y = headerBottom + 16;
        canvas.DrawText("Findings and reasons", margin, y, 9, ReportStyle.Ink, bold: true);
        var reasonsBottom = Reasons(canvas, report, y + 4) + 4;

        var disclaimer = TextLayout.Wrap(canvas, ReportPage.Disclaimer(report), 6.3, width);
        var disclaimerTop = ReportPage.Height - ReportPage.Margin - disclaimer.Count * 7.6;
        var (qc, details) = (QcLines(report.Qc), DetailLines(canvas, report, width * 0.6 - 70));
        var panelsHeight = 12 + Math.Max(qc.Count, details.Count) * PanelLine;
        var panelsTop = disclaimerTop - 8 - panelsHeight;

        var tableTop = reasonsBottom + 16;
        canvas.DrawText("All metabolites", margin, tableTop - 4, 9, ReportStyle.Ink, bold: true);
        var tableHeight = MetaboliteTable.Draw(canvas, margin, tableTop, width, panelsTop - 8 - tableTop, report);

        Panel(canvas, "Spectral quality", qc, margin, panelsTop, width * 0.4 - 8);
        Panel(canvas, "Acquisition, processing and methods", details, margin + width * 0.4, panelsTop, width * 0.6);
        canvas.DrawLine(margin, disclaimerTop - 4, margin + width, disclaimerTop - 4, ReportStyle.Rule, 0.5);
        for (var i = 0; i < disclaimer.Count; i++)
        {
            canvas.DrawText(disclaimer[i], margin, disclaimerTop + 6 + i * 7.6, 6.3, ReportStyle.Muted);
        }
        return new Layout(headerBottom, reasonsBottom, tableTop, tableTop + tableHeight, panelsTop, panelsTop + panelsHeight, disclaimerTop);
    }

    /// <summary>Every statement of the verdict box, findings first; returns the y below the last line.</summary>
    private static double Reasons(IReportCanvas canvas, QuantificationReport report, double y)
    {
        var statements = VerdictBox.Statements(report);
        var findings = report.Findings?.Count ?? 0;
        var lines = new List<(string Text, bool Bold)>();
        for (var k = 0; k < statements.Count; k++)
        {
            lines.AddRange(TextLayout.Wrap(canvas, "• " + statements[k], PanelText, ReportPage.ContentWidth, bold: k < findings).Select(l => (l, k < findings)));
        }
        if (statements.Count == 0)
        {
            lines.Add(("all checks passed", false));
        }
        if (lines.Count > MaxReasonLines)
        {
            var more = lines.Count - (MaxReasonLines - 1);
            lines = [.. lines.Take(MaxReasonLines - 1), ($"… {more} more line(s): see results.json or the DICOM SR", false)];
        }
        for (var k = 0; k < lines.Count; k++)
        {
            canvas.DrawText(lines[k].Text, ReportPage.Margin, y + (k + 1) * PanelLine, PanelText, ReportStyle.Ink, lines[k].Bold);
        }
        return y + lines.Count * PanelLine + 2;
    }

    /// <summary>Every quality measure the report has (nulls skipped), each with its definition where two exist.</summary>
    public static List<(string Key, string Value)> QcLines(QualityResult q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var lines = new List<(string, string)>
        {
            ("SNR", double.IsFinite(q.Snr) ? string.Create(Inv, $"{q.Snr:0.0} (NAA peak / noise SD)") : "not measured"),
        };
        if (q.SnrLcModel is { } lcmSnr)
        {
            lines.Add(("S/N (LCModel)", string.Create(Inv, $"{lcmSnr:0.0} (fit max / 2 × residual RMS)")));
        }
        lines.Add(("Linewidth", double.IsFinite(q.FwhmPpm) ? string.Create(Inv, $"{q.FwhmPpm:0.000} ppm ({q.FwhmHz:0.0} Hz), NAA") : "not measured"));
        if (q.LineshapeFwhmPpm is { } lineshape && double.IsFinite(lineshape))
        {
            // LCModel's FWHM is its fitted lineshape's alone (a model singlet); the line above includes the NAA basis's own width.
            lines.Add(("FWHM (LCModel)", string.Create(Inv, $"{lineshape:0.000} ppm ({q.LineshapeFwhmHz:0.0} Hz)")));
        }
        if (q.FitResidualRelative is { } r)
        {
            lines.Add(("Fit residual", string.Create(Inv, $"{r * 100:0.0} % of the signal")));
        }
        if (q.FrequencyOffsetHz is { } f)
        {
            lines.Add(("Freq. offset", string.Create(Inv, $"{f:0.0} Hz")));
        }
        if (q.ZeroOrderPhaseDegrees is { } p)
        {
            var wrapped = Math.IEEERemainder(p, 360); // shown in (−180°, 180°]: 351° is −9°
            lines.Add(("Zero-order phase", string.Create(Inv, $"{wrapped:0}°")));
        }
        if (q.LipidToTCr is { } lipids)
        {
            lines.Add(("Lipids / tCr", string.Create(Inv, $"{lipids:0.00}")));
        }
        if (q.ResidualWaterToNaa is { } water)
        {
            lines.Add(("Water / NAA", string.Create(Inv, $"{water:0.0} (residual, before removal)")));
        }
        if (q.Transients is { } n)
        {
            lines.Add(("Transients", q.TransientsRejected is { } rejected ? string.Create(Inv, $"{n}, {rejected} rejected") : n.ToString(Inv)));
        }
        if (q.FrequencyDriftHz is { } drift)
        {
            lines.Add(("Frequency drift", string.Create(Inv, $"{drift:0.0} Hz over the acquisition")));
        }
        return lines;
    }

    private static List<(string Key, string Value)> DetailLines(IReportCanvas canvas, QuantificationReport report, double width)
    {
        var i = report.Input;
        var lines = new List<(string, string)>
        {
            ("Acquisition", i.FrequencyMHz <= 0 ? "field not read" : string.Create(Inv, $"{i.FrequencyMHz:0.00} MHz ({i.FrequencyMHz / 42.577:0.0} T), TE {(i.EchoTimeMs is { } te ? te.ToString("0.#", Inv) + " ms" : "unknown")}, TR {(i.RepetitionTimeMs is { } tr ? tr.ToString("0", Inv) + " ms" : "unknown")}, {i.Points} points, {i.SpectralWidthHz:0} Hz{(i.Averages is { } n ? $", {n} averages" : "")}")),
            ("Input", $"{i.Format ?? "?"}: {i.MetaboliteFile}"),
            ("Water reference", i.WaterFile ?? "none (ratios to tCr only)"),
            ("Basis set", report.Basis?.Summary ?? i.BasisSet),
        };
        foreach (var m in new[] { report.Lcm, report.Neural }.OfType<MethodResult>())
        {
            string priors = m.RatioPriors is { } p ? p.Count == 0 ? ", no ratio priors" : $", {p.Count} ratio priors" : "";
            lines.Add(($"Method {m.Method.Text()}", string.Create(Inv, $"version {m.Version}, {m.Seconds:0.00} s{priors}")));
        }
        var steps = string.Join("; ", i.Preprocessing);
        var wrapped = TextLayout.Wrap(canvas, steps.Length == 0 ? "none" : steps, PanelText, width);
        for (var k = 0; k < Math.Min(wrapped.Count, 6); k++)
        {
            lines.Add((k == 0 ? "Preprocessing" : "", k == 5 && wrapped.Count > 6 ? wrapped[k] + " …" : wrapped[k]));
        }
        return lines;
    }

    private static void Panel(IReportCanvas canvas, string title, List<(string Key, string Value)> lines, double x, double y, double width)
    {
        canvas.DrawText(title, x, y + 8, 8, ReportStyle.Ink, bold: true);
        const double keyWidth = 70;
        for (var k = 0; k < lines.Count; k++)
        {
            var baseline = y + 12 + (k + 1) * PanelLine - 2;
            canvas.DrawText(lines[k].Key, x, baseline, PanelText, ReportStyle.Muted);
            canvas.DrawText(TextLayout.Fit(canvas, lines[k].Value, PanelText, width - keyWidth), x + keyWidth, baseline, PanelText, ReportStyle.Ink);
        }
    }
}
