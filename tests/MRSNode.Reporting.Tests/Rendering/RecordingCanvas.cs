using MRSNode.Reporting.Fonts;
using MRSNode.Reporting.Pdf;
using MRSNode.Reporting.Rendering;

namespace MRSNode.Reporting.Tests.Rendering;

/// <summary>Records what a layout draws (with real DejaVu metrics) so tests can check positions and text.</summary>
internal sealed class RecordingCanvas(double width, double height) : IReportCanvas
{
    private static readonly TrueTypeFile Regular = new(ReportFonts.Regular);
    private static readonly TrueTypeFile Bold = new(ReportFonts.Bold);
    private int _clips;

    public sealed record TextRun(string Text, double Left, double Right, double Baseline, double Size, ReportColor Color, bool Bold);

    public List<TextRun> Texts { get; } = [];

    public List<(double MinX, double MinY, double MaxX, double MaxY, ReportColor Color, bool Clipped)> Lines { get; } = [];

    public double Width => width;

    public double Height => height;

    public void FillRectangle(double x, double y, double width, double height, ReportColor color) { }

    public void StrokeRectangle(double x, double y, double width, double height, ReportColor color, double lineWidth) =>
        Lines.Add((x, y, x + width, y + height, color, _clips > 0));

    public void DrawLine(double x1, double y1, double x2, double y2, ReportColor color, double lineWidth) =>
        Lines.Add((Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2), color, _clips > 0));

    public void DrawPolyline(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReportColor color, double lineWidth)
    {
        if (x.Length > 0)
        {
            var xs = x.ToArray();
            var ys = y.ToArray();
            Lines.Add((xs.Min(), ys.Min(), xs.Max(), ys.Max(), color, _clips > 0));
        }
    }

    public void DrawText(string text, double x, double baselineY, double size, ReportColor color, bool bold = false, TextAlign align = TextAlign.Left)
    {
        var w = MeasureText(text, size, bold);
        var left = align switch { TextAlign.Center => x - w / 2, TextAlign.Right => x - w, _ => x };
        Texts.Add(new TextRun(text, left, left + w, baselineY, size, color, bold));
    }

    public double MeasureText(string text, double size, bool bold = false)
    {
        var font = bold ? Bold : Regular;
        return text.EnumerateRunes().Sum(r => font.Advance(font.GlyphOf(r.Value))) * size / font.UnitsPerEm;
    }

    public void PushClip(double x, double y, double width, double height) => _clips++;

    public void PopClip() => _clips--;
}
