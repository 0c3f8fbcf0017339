using System.Globalization;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Fonts;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;

namespace MRSNode.Reporting.Pdf;

/// <summary>
/// The report as a one-page A4 PDF written by our own small PDF writer: vector plot, DejaVu Sans embedded
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
        var canvas = new PdfCanvas(ReportPage.Width, ReportPage.Height, regular, bold);
        ReportPage.Draw(canvas, document);

        var pdf = new PdfObjectWriter();
        var (catalog, pages, page, content, info) = (pdf.Reserve(), pdf.Reserve(), pdf.Reserve(), pdf.Reserve(), pdf.Reserve());
        var f1 = regular.Write(pdf);
        var f2 = bold.Write(pdf);
        pdf.WriteObject(catalog, $"<< /Type /Catalog /Pages {pages} 0 R /Lang (en) >>");
        pdf.WriteObject(pages, $"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>");
        pdf.WriteObject(page, string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 {ReportPage.Width:0.##} {ReportPage.Height:0.##}] /Resources << /Font << /F1 {f1} 0 R /F2 {f2} 0 R >> >> /Contents {content} 0 R >>"));
        pdf.WriteStream(content, "", canvas.Content);
        var created = (now ?? document.Report.CreatedUtc).ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        pdf.WriteObject(info, $"<< /Title {PdfObjectWriter.TextString("MR spectroscopy report")} /Subject {PdfObjectWriter.TextString("Verdict: " + document.Report.Verdict.Text())} " +
            $"/Author (MRSNode) /Creator {PdfObjectWriter.TextString(document.Report.Software)} /Producer {PdfObjectWriter.TextString(document.Report.Software)} /CreationDate (D:{created}Z) >>");
        return pdf.Finish(catalog, info);
    }
}
