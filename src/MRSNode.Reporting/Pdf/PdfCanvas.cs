using System.Globalization;
using System.Text;
using MRSNode.Reporting.Rendering;

namespace MRSNode.Reporting.Pdf;

/// <summary>
/// <see cref="IReportCanvas"/> as a PDF content stream in points: vector paths and real text. The canvas
/// is y-down like the others; each coordinate is flipped to PDF's y-up here rather than with a matrix,
/// so text is never mirrored.
/// </summary>
internal sealed class PdfCanvas(double width, double height, PdfFont regularFont, PdfFont boldFont) : IReportCanvas
{
    private readonly StringBuilder _ops = new();
    private int _clipDepth;

    public double Width => width;

    public double Height => height;

    /// <summary>The page's content stream.</summary>
    public byte[] Content => Encoding.ASCII.GetBytes(_ops.ToString());

    public void FillRectangle(double x, double y, double width, double height, ReportColor color) =>
        Op($"{Rgb(color)} rg {N(x)} {N(Flip(y + height))} {N(width)} {N(height)} re f");

    public void StrokeRectangle(double x, double y, double width, double height, ReportColor color, double lineWidth) =>
        Op($"{Rgb(color)} RG {N(lineWidth)} w {N(x)} {N(Flip(y + height))} {N(width)} {N(height)} re S");

    public void DrawLine(double x1, double y1, double x2, double y2, ReportColor color, double lineWidth) =>
        Op($"{Rgb(color)} RG {N(lineWidth)} w {N(x1)} {N(Flip(y1))} m {N(x2)} {N(Flip(y2))} l S");

    public void DrawPolyline(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReportColor color, double lineWidth)
    {
        if (x.Length < 2)
        {
            return;
        }
        _ops.Append(CultureInfo.InvariantCulture, $"{Rgb(color)} RG {N(lineWidth)} w 1 j {N(x[0])} {N(Flip(y[0]))} m");
        for (var i = 1; i < x.Length; i++)
        {
            _ops.Append(' ').Append(N(x[i])).Append(' ').Append(N(Flip(y[i]))).Append(" l");
            if (i % 8 == 0)
            {
                _ops.Append('\n');
            }
        }
        _ops.Append(" S 0 j\n");
    }

    public void DrawText(string text, double x, double baselineY, double size, ReportColor color, bool bold = false, TextAlign align = TextAlign.Left)
    {
        if (text.Length == 0)
        {
            return;
        }
        var font = bold ? boldFont : regularFont;
        var left = align switch
        {
            TextAlign.Center => x - font.Measure(text, size) / 2,
            TextAlign.Right => x - font.Measure(text, size),
            _ => x,
        };
        Op($"BT /{font.ResourceName} {N(size)} Tf {Rgb(color)} rg {N(left)} {N(Flip(baselineY))} Td {font.Encode(text)} Tj ET");
    }

    public double MeasureText(string text, double size, bool bold = false) => (bold ? boldFont : regularFont).Measure(text, size);

    public void PushClip(double x, double y, double width, double height)
    {
        _clipDepth++;
        Op($"q {N(x)} {N(Flip(y + height))} {N(width)} {N(height)} re W n");
    }

    public void PopClip()
    {
        if (_clipDepth == 0)
        {
            throw new InvalidOperationException("PopClip without PushClip");
        }
        _clipDepth--;
        Op("Q");
    }

    private double Flip(double y) => height - y;

    private void Op(string op) => _ops.Append(op).Append('\n');

    private static string Rgb(ReportColor c) => $"{N(c.R / 255.0)} {N(c.G / 255.0)} {N(c.B / 255.0)}";

    private static string N(double v) => Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture);
}
