namespace MRSNode.Reporting.Rendering;

/// <summary>An sRGB colour.</summary>
public readonly record struct ReportColor(byte R, byte G, byte B)
{
    public static ReportColor Black { get; } = new(0, 0, 0);
    public static ReportColor White { get; } = new(255, 255, 255);
    public static ReportColor Gray { get; } = new(128, 128, 128);
    public static ReportColor LightGray { get; } = new(220, 220, 220);
}

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>
/// The few drawing operations the report panels need, implemented once for the PDF (vector) and once
/// for the Secondary Capture (our rasteriser), so the two outputs share one layout.
/// Coordinates: origin top-left, y down, in the canvas's unit (PDF points or pixels).
/// Text is placed by its baseline; <c>bold</c> picks DejaVu Sans Bold.
/// </summary>
public interface IReportCanvas
{
    double Width { get; }

    double Height { get; }

    void FillRectangle(double x, double y, double width, double height, ReportColor color);

    void StrokeRectangle(double x, double y, double width, double height, ReportColor color, double lineWidth);

    void DrawLine(double x1, double y1, double x2, double y2, ReportColor color, double lineWidth);

    /// <summary>A connected line through the points (x[i], y[i]).</summary>
    void DrawPolyline(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReportColor color, double lineWidth);

    void DrawText(string text, double x, double baselineY, double size, ReportColor color, bool bold = false, TextAlign align = TextAlign.Left);

    /// <summary>The advance width of the text at this size.</summary>
    double MeasureText(string text, double size, bool bold = false);

    /// <summary>Clips what follows to the rectangle until <see cref="PopClip"/> (plots must not spill out of their frame).</summary>
    void PushClip(double x, double y, double width, double height);

    void PopClip();
}
