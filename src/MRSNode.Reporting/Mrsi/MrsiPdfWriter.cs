using System.Globalization;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Fonts;
using MRSNode.Reporting.Pdf;
using MRSNode.Reporting.Rendering.Mrsi;
using MRSNode.Reporting.Rendering.Raster;

namespace MRSNode.Reporting.Mrsi;

/// <summary>The MRSI report (<see cref="MrsiReportPages"/>) as an A4 PDF, through the same small PDF writer and embedded DejaVu subsets as the single-voxel report.</summary>
public static class MrsiPdfWriter
{
    public static byte[] Create(MrsiQuantification result, SourceIdentity source, string software, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(software);
        var regular = new PdfFont(TrueTypeFont.Parse(ReportFonts.Regular), "DejaVuSans", "F1");
        var bold = new PdfFont(TrueTypeFont.Parse(ReportFonts.Bold), "DejaVuSans-Bold", "F2");
        var maps = new PdfCanvas(MrsiReportPages.Width, MrsiReportPages.Height, regular, bold);
        MrsiReportPages.DrawMaps(maps, result, source);
        var spectra = new PdfCanvas(MrsiReportPages.Width, MrsiReportPages.Height, regular, bold);
        MrsiReportPages.DrawSpectra(spectra, result, source);
        PdfCanvas[] canvases = [maps, spectra];

        var pdf = new PdfObjectWriter();
        var (catalog, pages, info) = (pdf.Reserve(), pdf.Reserve(), pdf.Reserve());
        var pageObjects = canvases.Select(_ => (Page: pdf.Reserve(), Content: pdf.Reserve())).ToList();
        var f1 = regular.Write(pdf);
        var f2 = bold.Write(pdf);
        pdf.WriteObject(catalog, $"<< /Type /Catalog /Pages {pages} 0 R /Lang (en) >>");
        pdf.WriteObject(pages, $"<< /Type /Pages /Kids [{string.Join(" ", pageObjects.Select(p => $"{p.Page} 0 R"))}] /Count {pageObjects.Count} >>");
        for (var k = 0; k < canvases.Length; k++)
        {
            pdf.WriteObject(pageObjects[k].Page, string.Create(CultureInfo.InvariantCulture,
                $"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 {MrsiReportPages.Width:0.##} {MrsiReportPages.Height:0.##}] /Resources << /Font << /F1 {f1} 0 R /F2 {f2} 0 R >> >> /Contents {pageObjects[k].Content} 0 R >>"));
            pdf.WriteStream(pageObjects[k].Content, "", canvases[k].Content);
        }
        var created = now.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        pdf.WriteObject(info, $"<< /Title {PdfObjectWriter.TextString(MrsiReportPages.Title)} /Author (MRSNode) /Creator {PdfObjectWriter.TextString(software)} " +
            $"/Producer {PdfObjectWriter.TextString(software)} /CreationDate (D:{created}Z) >>");
        return pdf.Finish(catalog, info);
    }
}
