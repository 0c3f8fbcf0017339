using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Rendering;

/// <summary>
/// Page 1 of the report, what a neuroradiologist reads, laid out in PDF points on A4 portrait: header (patient,
/// study, series, protocol, sequence, TE/TR, voxel), the verdict with the findings first, the spectrum with its fit,
/// the clinical table, the notes (scaling, CRLB, neural advisory, quality) and the disclaimer. Everything else is on
/// page 2 (<see cref="ReportDetailsPage"/>). Drawn on any <see cref="IReportCanvas"/>: the PDF and the capture are the same page.
/// </summary>
public static class ReportPage
{
    public const double Width = 595.28;
    public const double Height = 841.89;
    public const double Margin = 36;
    public const double ContentWidth = Width - 2 * Margin;

    /// <summary>Lines of findings and reasons the verdict box holds; the rest are counted and listed on page 2.</summary>
    public const int VerdictLines = 9;

    private const double PlotHeight = 200;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Where each part landed (points), so tests can check that nothing overlaps or leaves the page.</summary>
    public sealed record Layout(double HeaderBottom, double VerdictBottom, (double X, double Y, double Width, double Height) PlotFrame, double TableTop, double TableBottom, double PanelsTop, double PanelsBottom, double DisclaimerTop, double DisclaimerBottom)
    {
        /// <summary>The verdict box, and how many of its statements it shows and counts as "more".</summary>
        public VerdictBox.Placement? Verdict { get; init; }
    }

    public static Layout Draw(IReportCanvas canvas, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(document);
        var report = document.Report;
        canvas.FillRectangle(0, 0, Width, Height, ReportColor.White);

        var headerBottom = ReportHeader.Draw(canvas, document, $"page 1 of {document.PageCount}");
        var verdict = VerdictBox.Draw(canvas, report, Margin, headerBottom + 8, ContentWidth, VerdictLines, "page 2");
        var y = verdict.Frame.Y + verdict.Frame.Height;
        var verdictBottom = y;

        var disclaimer = TextLayout.Wrap(canvas, Disclaimer(report), 6.3, ContentWidth);
        var disclaimerTop = Height - Margin - disclaimer.Count * 7.6;

        (double X, double Y, double Width, double Height) plot;
        double tableTop, tableBottom, notesTop, notesBottom;
        if (document.NotProcessed is { } notice)
        {
            plot = (Margin, y + 10, ContentWidth, 0);
            tableTop = tableBottom = y + 10;
            notesTop = tableBottom + 8;
            notesBottom = Paragraphs(canvas, [("What the node could not do", notice.ForTheRadiologist), ("What it read from the files", AcquisitionRead(report.Input)),
                ("For the MR physicist", notice.ForThePhysicist)], notesTop, disclaimerTop - 8);
        }
        else
        {
            plot = SpectrumPlot.Draw(canvas, Margin, y + 10, ContentWidth, PlotHeight, document.Spectra, PlotTitle(document),
                SpectrumPlot.DetectedLabels(report), report.Lcm is null && report.Neural is null ? "No spectrum: no method ran." : "No fitted spectrum to show: the method used draws none.");
            tableTop = y + 10 + PlotHeight + 6;
            var rows = ClinicalTable.Rows(report);
            var tableHeight = MetaboliteTable.DrawRows(canvas, Margin, tableTop, ContentWidth, Math.Min(11 * (rows.Count + 1.3), disclaimerTop - 60 - tableTop), MetaboliteTable.ValueTitle(report), rows, "");
            tableBottom = tableTop + tableHeight;
            notesTop = tableBottom + 6;
            notesBottom = notesTop + ReportNotes.Draw(canvas, ReportNotes.Items(report), Margin, notesTop, ContentWidth, disclaimerTop - 8 - notesTop);
        }

        canvas.DrawLine(Margin, disclaimerTop - 4, Margin + ContentWidth, disclaimerTop - 4, ReportStyle.Rule, 0.5);
        for (var i = 0; i < disclaimer.Count; i++)
        {
            canvas.DrawText(disclaimer[i], Margin, disclaimerTop + 6 + i * 7.6, 6.3, ReportStyle.Muted);
        }
        return new Layout(headerBottom, verdictBottom, plot, tableTop, tableBottom, notesTop, notesBottom, disclaimerTop, disclaimerTop + disclaimer.Count * 7.6) { Verdict = verdict };
    }

    /// <summary>Headed paragraphs from <paramref name="top"/>, cut (with "…") at <paramref name="bottom"/>; returns the y below the last line.</summary>
    private static double Paragraphs(IReportCanvas canvas, (string Heading, string Text)[] paragraphs, double top, double bottom)
    {
        const double size = 9;
        const double step = 12;
        var y = top;
        foreach (var (heading, text) in paragraphs)
        {
            if (y + 2 * step > bottom)
            {
                break;
            }
            canvas.DrawText(heading, Margin, y + step, size, ReportStyle.Ink, bold: true);
            y += step;
            var lines = TextLayout.Wrap(canvas, text, size, ContentWidth);
            for (var k = 0; k < lines.Count && y + step <= bottom; k++)
            {
                var cut = y + 2 * step > bottom && k < lines.Count - 1;
                canvas.DrawText(cut ? TextLayout.Fit(canvas, lines[k] + " …", size, ContentWidth) : lines[k], Margin, y + step, size, ReportStyle.Ink);
                y += step;
            }
            y += step / 2;
        }
        return y;
    }

    /// <summary>The acquisition as the files describe it ("1.5 T, TE 31.9 ms, TR 2000 ms; water reference: …"), or that it could not be read.</summary>
    public static string AcquisitionRead(InputSummary input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.FrequencyMHz <= 0)
        {
            return $"The acquisition in {input.MetaboliteFile} could not be read.";
        }
        var parts = new List<string?> { ReportHeader.Field(input), input.EchoTimeMs is { } te ? "TE " + ReportHeader.Ms(te) : null, input.RepetitionTimeMs is { } tr ? "TR " + ReportHeader.Ms(tr) : null, ReportHeader.Sequence(input) };
        var water = input.WaterFile is { } w ? $"water reference: {w.Trim('(', ')')}" : "no water reference";
        return $"{input.Format ?? "Spectroscopy"} {input.MetaboliteFile}: {string.Join(", ", parts.OfType<string>())}; {water}.";
    }

    private static string PlotTitle(ReportDocument document) =>
        $"Spectrum and {document.FitMethod} fit ({(document.Spectra is { Ppm.Length: > 1 } s ? string.Create(Inv, $"{s.Ppm.Min():0.0}–{s.Ppm.Max():0.0} ppm") : "no fit")})";

    /// <summary>What every page ends with; the unit sentence follows the report's own unit.</summary>
    public static string Disclaimer(QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var units = report.Scaling is { Corrected: true }
            ? "Absolute values are corrected for tissue water and relaxation as stated under Values. "
            : "Absolute values are in institutional units (i.u.: water-scaled, no tissue or relaxation correction), so flags use ratios to tCr. ";
        return "Decision support for qualified readers, not a diagnosis. Values are model-fit estimates with their Cramér–Rao lower bounds (CRLB). " + units +
               "A flag compares a reliable estimate with its reference range; unreliable or undetected metabolites are never called low or high. " +
               "Always inspect the spectrum and the fit, and read the result with the images and the clinical context.";
    }
}
