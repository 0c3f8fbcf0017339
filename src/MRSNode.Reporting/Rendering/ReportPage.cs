using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Rendering;

/// <summary>
/// The one-page single-voxel report, laid out in PDF points on A4 portrait: header (patient, study),
/// verdict with its reasons, spectrum with fit, the metabolite table, QC and acquisition/method panels,
/// and the disclaimer. Drawn on any <see cref="IReportCanvas"/>: the PDF and the capture are the same page.
/// </summary>
public static class ReportPage
{
    public const double Width = 595.28;
    public const double Height = 841.89;
    public const double Margin = 36;
    private const double ContentWidth = Width - 2 * Margin;
    private const double PanelText = 7.2;
    private const double PanelLine = 9.2;
    private const int MaxReasonLines = 7;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Where each part landed (points), so tests can check that nothing overlaps or leaves the page.</summary>
    public sealed record Layout(double HeaderBottom, double VerdictBottom, (double X, double Y, double Width, double Height) PlotFrame, double TableTop, double TableBottom, double PanelsTop, double PanelsBottom, double DisclaimerTop, double DisclaimerBottom);

    public static Layout Draw(IReportCanvas canvas, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(document);
        var report = document.Report;
        canvas.FillRectangle(0, 0, Width, Height, ReportColor.White);

        var y = Header(canvas, document);
        var headerBottom = y;
        y = Verdict(canvas, report, y + 8);
        var verdictBottom = y;
        var plot = SpectrumPlot.Draw(canvas, Margin, y + 10, ContentWidth, 205, document.Spectra,
            $"Spectrum and {document.FitMethod} fit ({(document.Spectra is { Ppm.Length: > 1 } s ? string.Create(Inv, $"{s.Ppm.Min():0.0}–{s.Ppm.Max():0.0} ppm") : "no fit")})");
        var tableTop = y + 10 + 205 + 6;

        var disclaimer = TextLayout.Wrap(canvas, Disclaimer(report), 6.3, ContentWidth);
        var disclaimerTop = Height - Margin - disclaimer.Count * 7.6;
        var (qc, details) = (QcLines(report), DetailLines(canvas, report, ContentWidth * 0.6 - 8));
        var panelsHeight = 12 + Math.Max(qc.Count, details.Count) * PanelLine;
        var panelsTop = disclaimerTop - 8 - panelsHeight;

        var tableHeight = MetaboliteTable.Draw(canvas, Margin, tableTop, ContentWidth, panelsTop - 8 - tableTop, report);

        Panel(canvas, "Spectral quality", qc, Margin, panelsTop, ContentWidth * 0.4 - 8);
        Panel(canvas, "Acquisition, processing and methods", details, Margin + ContentWidth * 0.4, panelsTop, ContentWidth * 0.6);

        canvas.DrawLine(Margin, disclaimerTop - 4, Margin + ContentWidth, disclaimerTop - 4, ReportStyle.Rule, 0.5);
        for (var i = 0; i < disclaimer.Count; i++)
        {
            canvas.DrawText(disclaimer[i], Margin, disclaimerTop + 6 + i * 7.6, 6.3, ReportStyle.Muted);
        }
        return new Layout(headerBottom, verdictBottom, plot, tableTop, tableTop + tableHeight, panelsTop, panelsTop + panelsHeight, disclaimerTop, disclaimerTop + disclaimer.Count * 7.6);
    }

    private static double Header(IReportCanvas canvas, ReportDocument document)
    {
        var s = document.Source;
        var report = document.Report;
        var y = Margin;
        canvas.DrawText("MR spectroscopy report", Margin, y + 14, 15, ReportStyle.Ink, bold: true);
        canvas.DrawText(report.Software, Margin + ContentWidth, y + 6, 7, ReportStyle.Muted, align: TextAlign.Right);
        canvas.DrawText("created " + report.CreatedUtc.ToString("yyyy-MM-dd HH:mm", Inv) + " UTC", Margin + ContentWidth, y + 15, 7, ReportStyle.Muted, align: TextAlign.Right);
        Fields(canvas, y + 29, [("Patient", PersonName(s.PatientName)), ("ID", s.PatientId), ("Born", Date(s.PatientBirthDate)), ("Sex", s.PatientSex)]);
        Fields(canvas, y + 40, [("Study", (Date(s.StudyDate) + " " + Time(s.StudyTime)).Trim()), ("Accession", s.AccessionNumber), ("Input", report.Input.MetaboliteFile)]);
        canvas.DrawLine(Margin, y + 46, Margin + ContentWidth, y + 46, ReportStyle.Rule, 0.6);
        return y + 46;
    }

    /// <summary>A line of "Label value" pairs; empty values show as "—" (a blank could be mistaken for a rendering fault).</summary>
    private static void Fields(IReportCanvas canvas, double baseline, (string Label, string? Value)[] fields)
    {
        var x = Margin;
        const double size = 8.2;
        foreach (var (label, value) in fields)
        {
            canvas.DrawText(label, x, baseline, size, ReportStyle.Muted);
            x += canvas.MeasureText(label, size) + 4;
            var text = TextLayout.Fit(canvas, string.IsNullOrWhiteSpace(value) ? "—" : value, size, Margin + ContentWidth - x, bold: true);
            canvas.DrawText(text, x, baseline, size, ReportStyle.Ink, bold: true);
            x += canvas.MeasureText(text, size, bold: true) + 14;
        }
    }

    private static double Verdict(IReportCanvas canvas, QuantificationReport report, double y)
    {
        var (strong, tint) = ReportStyle.Verdict(report.Verdict);
        const double labelWidth = 104;
        var reasons = new List<string>();
        foreach (var reason in report.Reasons.DefaultIfEmpty("all checks passed"))
        {
            reasons.AddRange(TextLayout.Wrap(canvas, "• " + reason, PanelText, ContentWidth - labelWidth - 12));
        }
        if (reasons.Count > MaxReasonLines)
        {
            var hidden = reasons.Count - (MaxReasonLines - 1);
            reasons = [.. reasons.Take(MaxReasonLines - 1), $"… {hidden} more line(s): see results.json or the SR"];
        }
        var height = Math.Max(30, 8 + reasons.Count * PanelLine);
        canvas.FillRectangle(Margin, y, ContentWidth, height, tint);
        canvas.FillRectangle(Margin, y, 4, height, strong);
        canvas.DrawText("Verdict", Margin + 10, y + 10, 7, ReportStyle.Muted);
        canvas.DrawText(report.Verdict.Text().ToUpperInvariant(), Margin + 10, y + 24, 12.5, strong, bold: true);
        for (var i = 0; i < reasons.Count; i++)
        {
            canvas.DrawText(reasons[i], Margin + labelWidth, y + 10 + i * PanelLine, PanelText, ReportStyle.Ink);
        }
        return y + height;
    }

    private static List<(string Key, string Value)> QcLines(QuantificationReport report)
    {
        var q = report.Qc;
        var lines = new List<(string, string)>
        {
            ("SNR", double.IsFinite(q.Snr) ? string.Create(Inv, $"{q.Snr:0.0} (NAA peak / noise SD)") : "not measured"),
            ("Linewidth", double.IsFinite(q.FwhmPpm) ? string.Create(Inv, $"{q.FwhmPpm:0.000} ppm ({q.FwhmHz:0.0} Hz)") : "not measured"),
        };
        if (q.LineshapeFwhmPpm is { } lineshape && double.IsFinite(lineshape))
        {
            // LCModel's FWHM is its fitted lineshape's alone (a model singlet); the line above includes the NAA basis's own width.
            lines.Add(("LCModel FWHM", string.Create(Inv, $"{lineshape:0.000} ppm ({q.LineshapeFwhmHz:0.0} Hz)")));
        }
        if (q.FitResidualRelative is { } r)
        {
            lines.Add(("Fit residual", string.Create(Inv, $"{r * 100:0.0} % of the signal")));
        }
        if (q.FrequencyOffsetHz is { } f)
        {
            lines.Add(("Frequency offset", string.Create(Inv, $"{f:0.0} Hz")));
        }
        if (q.ZeroOrderPhaseDegrees is { } p)
        {
            var wrapped = Math.IEEERemainder(p, 360); // shown in (−180°, 180°]: 351° is −9°
            lines.Add(("Zero-order phase", string.Create(Inv, $"{wrapped:0}°")));
        }
        return lines;
    }

    private static List<(string Key, string Value)> DetailLines(IReportCanvas canvas, QuantificationReport report, double width)
    {
        var i = report.Input;
        var lines = new List<(string, string)>
        {
            ("Acquisition", i.FrequencyMHz <= 0 ? "not read" : string.Create(Inv, $"{i.FrequencyMHz:0.00} MHz ({i.FrequencyMHz / 42.577:0.0} T), TE {(i.EchoTimeMs is { } te ? te.ToString("0", Inv) + " ms" : "unknown")}, {i.Points} points, {i.SpectralWidthHz:0} Hz{(i.Averages is { } n ? $", {n} averages" : "")}")),
            ("Input", $"{i.Format ?? "?"}: {i.MetaboliteFile}"),
            ("Water reference", i.WaterFile ?? "none (ratios to tCr only)"),
            ("Basis set", i.BasisSet),
        };
        foreach (var m in new[] { report.Lcm, report.Neural }.OfType<MethodResult>())
        {
            string priors = m.RatioPriors is { } p ? p.Count == 0 ? ", no ratio priors" : $", {p.Count} ratio priors" : "";
            lines.Add(($"Method {m.Method.Text()}", string.Create(Inv, $"version {m.Version}, {m.Seconds:0.00} s{priors}")));
        }
        var steps = string.Join("; ", i.Preprocessing);
        var wrapped = TextLayout.Wrap(canvas, steps.Length == 0 ? "none" : steps, PanelText, width - 70);
        for (var k = 0; k < Math.Min(wrapped.Count, 4); k++)
        {
            lines.Add((k == 0 ? "Preprocessing" : "", k == 3 && wrapped.Count > 4 ? wrapped[k] + " …" : wrapped[k]));
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

    private static string Disclaimer(QuantificationReport report)
    {
        return "Decision support for qualified readers, not a diagnosis. Values are model-fit estimates with their Cramér–Rao lower bounds (CRLB); " +
               "mM values are in institutional units from water scaling and assume the stated relaxation and water-content parameters. " +
               "A flag compares a reliable estimate with its reference range; unreliable or undetected metabolites are never called low or high. " +
               "Always inspect the spectrum and the fit, and read the result with the images and the clinical context. " +
               (report.ReferenceRanges is { } ranges ? "Reference ranges " + ranges : "No reference ranges were available.");
    }

    private static string? PersonName(string? dicomName) =>
        dicomName is null ? null : string.Join(", ", dicomName.Split('=')[0].Split('^', 2).Select(p => p.Replace('^', ' ').Trim()).Where(p => p.Length > 0));

    private static string Date(string? da) =>
        da is { Length: 8 } ? $"{da[..4]}-{da[4..6]}-{da[6..]}" : da ?? "";

    private static string Time(string? tm) =>
        tm is { Length: >= 4 } ? $"{tm[..2]}:{tm[2..4]}" : "";
}
