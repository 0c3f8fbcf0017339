using System.Globalization;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Fonts;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;

namespace MRSNode.Reporting.Pdf;

/// <summary>
/// The report as an A4 PDF (page 1 for the reader, page 2 with every detail) written by our own small PDF writer: vector plot, DejaVu Sans embedded
/// as a subset, searchable text. (PDFsharp 6.5, the only PDF library in the package mirror, is AGPL-3.0
/// and requires a licence call at run time; the node's reports need only lines, rectangles and text.)
/// </summary>
public static class PdfReportWriter
{
    private static readonly Lazy<TrueTypeFont> Regular = new(() => TrueTypeFont.Parse(ReportFonts.Regular));
    private static readonly Lazy<TrueTypeFont> Bold = new(() => TrueTypeFont.Parse(ReportFonts.Bold));

    public static byte[] Create(ReportDocument document, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var regular = new PdfFont(Regular.Value, "DejaVuSans", "F1");
        var bold = new PdfFont(Bold.Value, "DejaVuSans-Bold", "F2");
        var canvases = new List<PdfCanvas>();
        for (var n = 1; n <= document.PageCount; n++)
        {
            var canvas = new PdfCanvas(ReportPage.Width, ReportPage.Height, regular, bold);
            if (n == 1)
            {
                ReportPage.Draw(canvas, document);
            }
            else
            {
                ReportDetailsPage.Draw(canvas, document);
            }
            canvases.Add(canvas);
        }

        var pdf = new PdfObjectWriter();
        var (catalog, pages, info) = (pdf.Reserve(), pdf.Reserve(), pdf.Reserve());
        var pageObjects = canvases.Select(_ => (Page: pdf.Reserve(), Content: pdf.Reserve())).ToList();
        var f1 = regular.Write(pdf);
        var f2 = bold.Write(pdf);
        pdf.WriteObject(catalog, $"<< /Type /Catalog /Pages {pages} 0 R /Lang (en) >>");
        pdf.WriteObject(pages, $"<< /Type /Pages /Kids [{string.Join(" ", pageObjects.Select(p => $"{p.Page} 0 R"))}] /Count {pageObjects.Count} >>");
        for (var k = 0; k < canvases.Count; k++)
        {
            pdf.WriteObject(pageObjects[k].Page, string.Create(CultureInfo.InvariantCulture,
                $"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 {ReportPage.Width:0.##} {ReportPage.Height:0.##}] /Resources << /Font << /F1 {f1} 0 R /F2 {f2} 0 R >> >> /Contents {pageObjects[k].Content} 0 R >>"));
            pdf.WriteStream(pageObjects[k].Content, "", canvases[k].Content);
        }
        var created = (now ?? document.Report.CreatedUtc).ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        pdf.WriteObject(info, $"<< /Title {PdfObjectWriter.TextString("MR spectroscopy report")} /Subject {PdfObjectWriter.TextString("Verdict: " + document.Report.Verdict.Text())} " +
            $"/Author (MRSNode) /Creator {PdfObjectWriter.TextString(document.Report.Software)} /Producer {PdfObjectWriter.TextString(document.Report.Software)} /CreationDate (D:{created}Z) >>");
        return pdf.Finish(catalog, info);
    }
}
