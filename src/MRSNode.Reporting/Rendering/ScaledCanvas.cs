namespace MRSNode.Reporting.Rendering;

/// <summary>
/// Draws a layout made in one unit (PDF points) onto a canvas in another (pixels) by a uniform scale,
/// so the capture is the PDF page at a chosen resolution.
/// </summary>
public sealed class ScaledCanvas(IReportCanvas inner, double scale) : IReportCanvas
{
    public double Width => inner.Width / scale;

    public double Height => inner.Height / scale;

    public void FillRectangle(double x, double y, double width, double height, ReportColor color) =>
        inner.FillRectangle(x * scale, y * scale, width * scale, height * scale, color);

    public void StrokeRectangle(double x, double y, double width, double height, ReportColor color, double lineWidth) =>
        inner.StrokeRectangle(x * scale, y * scale, width * scale, height * scale, color, lineWidth * scale);

    public void DrawLine(double x1, double y1, double x2, double y2, ReportColor color, double lineWidth) =>
        inner.DrawLine(x1 * scale, y1 * scale, x2 * scale, y2 * scale, color, lineWidth * scale);

    public void DrawPolyline(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReportColor color, double lineWidth)
    {
        var sx = new double[x.Length];
        var sy = new double[y.Length];
        for (var i = 0; i < sx.Length; i++)
        {
            sx[i] = x[i] * scale;
            sy[i] = y[i] * scale;
        }
        inner.DrawPolyline(sx, sy, color, lineWidth * scale);
    }

    public void DrawText(string text, double x, double baselineY, double size, ReportColor color, bool bold = false, TextAlign align = TextAlign.Left) =>
        inner.DrawText(text, x * scale, baselineY * scale, size * scale, color, bold, align);

    public double MeasureText(string text, double size, bool bold = false) => inner.MeasureText(text, size * scale, bold) / scale;

    public void PushClip(double x, double y, double width, double height) => inner.PushClip(x * scale, y * scale, width * scale, height * scale);

    public void PopClip() => inner.PopClip();
}
