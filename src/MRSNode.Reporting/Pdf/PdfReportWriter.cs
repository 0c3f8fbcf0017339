using MRSNode.Quantification.Results;
using MRSNode.Reporting.Rendering;

namespace MRSNode.Reporting.Pdf;

/// <summary>
/// The report as an A4 PDF (page 1 for the reader, page 2 with every detail) written by our own small PDF writer: vector plot, DejaVu Sans embedded
/// as a subset, searchable text. (PDFsharp 6.5, the only PDF library in the package mirror, is AGPL-3.0
/// and requires a licence call at run time; the node's reports need only lines, rectangles and text.)
/// </summary>
public static class PdfReportWriter
{
    public static byte[] Create(ReportDocument document, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var pdf = new PdfReportDocument();
        for (var n = 1; n <= document.PageCount; n++)
        {
            var canvas = pdf.AddPage();
            if (n == 1)
            {
                ReportPage.Draw(canvas, document);
            }
            else
            {
                ReportDetailsPage.Draw(canvas, document);
            }
        }
        return pdf.Write("MR spectroscopy report", "Verdict: " + document.Report.Verdict.Text(), document.Report.Software, now ?? document.Report.CreatedUtc);
    }
}
