using MRSNode.Reporting.Rendering;

namespace MRSNode.Reporting.Mrsi;

/// <summary>A vertical colour bar with its top, middle and bottom values and the unit, drawn on either canvas.</summary>
public static class ColourBar
{
    private const int Bands = 64;

    /// <param name="x">Left edge of the bar; the labels go to its right.</param>
    public static void Draw(IReportCanvas canvas, double x, double y, double width, double height, MapColourScale scale, string unit, double textSize, ReportColor ink)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(unit);
        double band = height / Bands;
        for (int k = 0; k < Bands; k++)
        {
            // Top band is the top of the scale; bands overlap by a hair so no seam shows between them.
            canvas.FillRectangle(x, y + k * band, width, band + 0.05 * band, MapColourScale.AtFraction(1 - (k + 0.5) / Bands));
        }
        canvas.StrokeRectangle(x, y, width, height, ink, textSize / 12);
        double labelX = x + width + textSize * 0.4;
        canvas.DrawText("≥ " + MapColourScale.Label(scale.Upper), labelX, y + textSize * 0.7, textSize, ink);
        canvas.DrawText(MapColourScale.Label((scale.Lower + scale.Upper) / 2), labelX, y + height / 2 + textSize * 0.35, textSize, ink);
        canvas.DrawText(MapColourScale.Label(scale.Lower), labelX, y + height, textSize, ink);
        canvas.DrawText(unit, x, y + height + textSize * 1.4, textSize, ink);
    }
}
