using System.Globalization;
using MRSNode.Quantification;
using MRSNode.Quantification.Metabolites;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Rendering;

/// <summary>
/// The spectrum with its fit, baseline and residual, as clinicians read it: ppm decreasing to the right,
/// the residual above the spectrum on the same scale, and labels only over the peaks the fit detected (a "Lac"
/// over flat baseline would suggest a finding that is not there).
/// </summary>
public static class SpectrumPlot
{
    private const double AxisHeight = 24;
    private const double TextSize = 7;

    /// <summary>CRLB from which a peak is not labelled: under 30 % its amplitude is over 3.3 SD, a detection; above, the fit cannot tell it from noise.</summary>
    public const double LabelCrlbLimit = 30;

    /// <summary>The results that stand behind each peak label; the first present in the report decides.</summary>
    private static readonly Dictionary<string, string[]> LabelSources = new(StringComparer.Ordinal)
    {
        ["NAA"] = ["tNAA", "NAA"], ["Cr"] = ["tCr", "Cr"], ["Cho"] = ["tCho", "Cho"], ["Ins"] = ["Ins", "tIns", "mI"],
        ["Glx"] = ["Glx"], ["Lac"] = ["Lac"],
    };

    /// <summary>The peak labels whose metabolite was detected: in the report, fitted above zero, CRLB finite and under <see cref="LabelCrlbLimit"/> %.</summary>
    public static IReadOnlySet<string> DetectedLabels(QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var detected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (label, names) in LabelSources)
        {
            var m = names.Select(n => report.Metabolites.FirstOrDefault(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase))).OfType<MetaboliteResult>().FirstOrDefault();
            if (m is { Flag: not MetaboliteFlag.NotDetected, CrlbPercent: < LabelCrlbLimit } && (m.RatioToTCr ?? m.Concentration) > 0)
            {
                detected.Add(label);
            }
        }
        return detected;
    }

    /// <summary>Draws the plot in the rectangle; returns the plot frame (inside the axis) for tests and callers.</summary>
    /// <param name="detectedLabels">Peak labels to draw (see <see cref="DetectedLabels"/>).</param>
    /// <param name="emptyText">What the frame says when there is no fitted spectrum.</param>
    public static (double X, double Y, double Width, double Height) Draw(IReportCanvas canvas, double x, double y, double width, double height, FitSpectra? spectra, string title,
        IReadOnlySet<string> detectedLabels, string emptyText)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(detectedLabels);
        canvas.DrawText(title, x, y + 9, 9, ReportStyle.Ink, bold: true);
        var legendRight = x + width;
        foreach (var (name, color) in new[] { ("residual", ReportStyle.Residual), ("baseline", ReportStyle.Baseline), ("fit", ReportStyle.Fit), ("data", ReportStyle.Data) })
        {
            var w = canvas.MeasureText(name, TextSize);
            canvas.DrawText(name, legendRight, y + 9, TextSize, ReportStyle.Ink, align: TextAlign.Right);
            canvas.DrawLine(legendRight - w - 16, y + 6.5, legendRight - w - 3, y + 6.5, color, 1.2);
            legendRight -= w + 24;
        }

        var frame = (X: x, Y: y + 14, Width: width, Height: height - 14 - AxisHeight);
        canvas.StrokeRectangle(frame.X, frame.Y, frame.Width, frame.Height, ReportStyle.Rule, 0.6);
        if (spectra is null || spectra.Ppm.Length < 2)
        {
            canvas.DrawText(emptyText, frame.X + frame.Width / 2, frame.Y + frame.Height / 2, 8, ReportStyle.Muted, align: TextAlign.Center);
            return frame;
        }

        var ppmHigh = spectra.Ppm.Max();
        var ppmLow = spectra.Ppm.Min();
        double X(double ppm) => frame.X + (ppmHigh - ppm) / (ppmHigh - ppmLow) * frame.Width;

        // Main traces share one vertical scale; the residual gets the top band on that same scale.
        var lo = Math.Min(Min(spectra.Data), Math.Min(Min(spectra.Fit), Min(spectra.Baseline)));
        var hi = Math.Max(Max(spectra.Data), Math.Max(Max(spectra.Fit), Max(spectra.Baseline)));
        var span = hi - lo > 0 ? hi - lo : 1;
        var residualBand = 0.18 * frame.Height;
        var mainTop = frame.Y + residualBand + 10; // room for the peak labels
        var mainBottom = frame.Y + frame.Height - 4;
        var scale = (mainBottom - mainTop) / span;
        double Y(double v) => mainBottom - (v - lo) * scale;
        var residualZero = frame.Y + residualBand / 2;

        canvas.PushClip(frame.X, frame.Y, frame.Width, frame.Height);
        Trace(canvas, spectra.Ppm, spectra.Residual, X, v => residualZero - v * scale, ReportStyle.Residual, 0.6);
        Trace(canvas, spectra.Ppm, spectra.Baseline, X, Y, ReportStyle.Baseline, 0.8);
        Trace(canvas, spectra.Ppm, spectra.Data, X, Y, ReportStyle.Data, 0.7);
        Trace(canvas, spectra.Ppm, spectra.Fit, X, Y, ReportStyle.Fit, 0.9);
        canvas.DrawLine(frame.X, frame.Y + residualBand, frame.X + frame.Width, frame.Y + residualBand, ReportStyle.Rule, 0.4);
        // Peaks labelled when detected and inside the plotted range.
        foreach (var (label, ppm) in MetaboliteCatalog.Standard.PeakLabels.Where(p => detectedLabels.Contains(p.Text) && p.Ppm > ppmLow + 0.05 && p.Ppm < ppmHigh - 0.05))
        {
            var top = PeakTop(spectra, ppm);
            var lx = X(ppm);
            var ly = Math.Max(Y(top) - 3, frame.Y + residualBand + 8);
            canvas.DrawText(label, lx, ly, TextSize, ReportStyle.Ink, bold: true, align: TextAlign.Center);
        }
        canvas.PopClip();

        Axis(canvas, frame, ppmLow, ppmHigh, X);
        return frame;
    }

    private static void Axis(IReportCanvas canvas, (double X, double Y, double Width, double Height) frame, double ppmLow, double ppmHigh, Func<double, double> x)
    {
        var bottom = frame.Y + frame.Height;
        for (var tenth = (int)Math.Ceiling(ppmLow * 10); tenth <= (int)Math.Floor(ppmHigh * 10); tenth++)
        {
            var px = x(tenth / 10.0);
            var major = tenth % 5 == 0;
            canvas.DrawLine(px, bottom, px, bottom + (major ? 4 : 2), ReportStyle.Ink, 0.5);
            if (major)
            {
                // Labels at the frame's ends are pulled inside it so they never reach the page margin.
                var label = (tenth / 10.0).ToString("0.0", CultureInfo.InvariantCulture);
                var half = canvas.MeasureText(label, TextSize) / 2;
                var lx = Math.Clamp(px, frame.X + half, frame.X + frame.Width - half);
                canvas.DrawText(label, lx, bottom + 11, TextSize, ReportStyle.Ink, align: TextAlign.Center);
            }
        }
        canvas.DrawText("Chemical shift (ppm)", frame.X + frame.Width / 2, bottom + 21, TextSize, ReportStyle.Muted, align: TextAlign.Center);
    }

    private static void Trace(IReportCanvas canvas, double[] ppm, double[] values, Func<double, double> x, Func<double, double> y, ReportColor color, double lineWidth)
    {
        var n = Math.Min(ppm.Length, values.Length);
        var xs = new double[n];
        var ys = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = x(ppm[i]);
            ys[i] = y(values[i]);
        }
        canvas.DrawPolyline(xs, ys, color, lineWidth);
    }

    /// <summary>The highest of data and fit within ±0.04 ppm of a peak (where its label goes).</summary>
    private static double PeakTop(FitSpectra s, double ppm)
    {
        var top = double.MinValue;
        for (var i = 0; i < s.Ppm.Length; i++)
        {
            if (Math.Abs(s.Ppm[i] - ppm) <= 0.04)
            {
                top = Math.Max(top, Math.Max(s.Data[i], s.Fit[i]));
            }
        }
        return top == double.MinValue ? Max(s.Data) : top;
    }

    private static double Min(double[] v) => v.Length == 0 ? 0 : v.Where(double.IsFinite).DefaultIfEmpty(0).Min();

    private static double Max(double[] v) => v.Length == 0 ? 0 : v.Where(double.IsFinite).DefaultIfEmpty(0).Max();
}
