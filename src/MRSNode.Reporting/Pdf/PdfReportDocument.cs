using System.Globalization;
using MRSNode.Reporting.Fonts;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;

namespace MRSNode.Reporting.Pdf;

/// <summary>
/// One A4 report as a PDF, single voxel or MRSI: pages drawn on <see cref="PdfCanvas"/>es that share the report's two
/// embedded DejaVu Sans subsets, then written as one document (catalog, page tree, fonts, a content stream per page,
/// the Info dictionary). The report writers only draw their pages.
/// </summary>
internal sealed class PdfReportDocument
{
    private static readonly Lazy<TrueTypeFont> RegularFont = new(() => TrueTypeFont.Parse(ReportFonts.Regular));
    private static readonly Lazy<TrueTypeFont> BoldFont = new(() => TrueTypeFont.Parse(ReportFonts.Bold));

    private readonly PdfFont _regular = new(RegularFont.Value, "DejaVuSans", "F1");
    private readonly PdfFont _bold = new(BoldFont.Value, "DejaVuSans-Bold", "F2");
    private readonly List<PdfCanvas> _pages = [];

    /// <summary>A new blank A4 page, last in the document.</summary>
    public PdfCanvas AddPage()
    {
        var page = new PdfCanvas(ReportPage.Width, ReportPage.Height, _regular, _bold);
        _pages.Add(page);
        return page;
    }

    /// <summary>The document's bytes; <paramref name="subject"/> is left out of the Info dictionary when null.</summary>
    public byte[] Write(string title, string? subject, string software, DateTime created)
    {
        var pdf = new PdfObjectWriter();
        var (catalog, pages, info) = (pdf.Reserve(), pdf.Reserve(), pdf.Reserve());
        var pageObjects = _pages.Select(_ => (Page: pdf.Reserve(), Content: pdf.Reserve())).ToList();
        var f1 = _regular.Write(pdf);
        var f2 = _bold.Write(pdf);
        pdf.WriteObject(catalog, $"<< /Type /Catalog /Pages {pages} 0 R /Lang (en) >>");
        pdf.WriteObject(pages, $"<< /Type /Pages /Kids [{string.Join(" ", pageObjects.Select(p => $"{p.Page} 0 R"))}] /Count {pageObjects.Count} >>");
        for (var k = 0; k < _pages.Count; k++)
        {
            pdf.WriteObject(pageObjects[k].Page, string.Create(CultureInfo.InvariantCulture,
                $"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 {ReportPage.Width:0.##} {ReportPage.Height:0.##}] /Resources << /Font << /F1 {f1} 0 R /F2 {f2} 0 R >> >> /Contents {pageObjects[k].Content} 0 R >>"));
            pdf.WriteStream(pageObjects[k].Content, "", _pages[k].Content);
        }
        var date = created.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var subjectEntry = subject is null ? "" : $"/Subject {PdfObjectWriter.TextString(subject)} ";
        pdf.WriteObject(info, $"<< /Title {PdfObjectWriter.TextString(title)} {subjectEntry}/Author (MRSNode) /Creator {PdfObjectWriter.TextString(software)} " +
            $"/Producer {PdfObjectWriter.TextString(software)} /CreationDate (D:{date}Z) >>");
        return pdf.Finish(catalog, info);
    }
}
