using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Pdf;
using MRSNode.Reporting.Rendering.Mrsi;

namespace MRSNode.Reporting.Mrsi;

/// <summary>The MRSI report (<see cref="MrsiReportPages"/>) as an A4 PDF, through the same small PDF writer and embedded DejaVu subsets as the single-voxel report.</summary>
public static class MrsiPdfWriter
{
    public static byte[] Create(MrsiQuantification result, SourceIdentity source, string software, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(software);
        var pdf = new PdfReportDocument();
        MrsiReportPages.DrawMaps(pdf.AddPage(), result, source);
        MrsiReportPages.DrawSpectra(pdf.AddPage(), result, source);
        return pdf.Write(MrsiReportPages.Title, null, software, now);
    }
}
