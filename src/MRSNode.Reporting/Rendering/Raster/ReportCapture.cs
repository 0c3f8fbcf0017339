namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// The report page as pixels for the Secondary Capture: the same layout as the PDF, drawn by our rasteriser
/// at 2 pixels per point (1191 × 1684; 8 pt text is 16 px, legible on a PACS screen without zooming).
/// Kerning is off so text measures exactly as in the PDF and both wrap alike.
/// </summary>
public static class ReportCapture
{
    public const double PixelsPerPoint = 2;

    public static RasterCanvas Render(ReportDocument document, double pixelsPerPoint = PixelsPerPoint)
    {
        ArgumentNullException.ThrowIfNull(document);
        var canvas = new RasterCanvas(
            (int)Math.Ceiling(ReportPage.Width * pixelsPerPoint),
            (int)Math.Ceiling(ReportPage.Height * pixelsPerPoint),
            kerning: false);
        ReportPage.Draw(new ScaledCanvas(canvas, pixelsPerPoint), document);
        return canvas;
    }
}
