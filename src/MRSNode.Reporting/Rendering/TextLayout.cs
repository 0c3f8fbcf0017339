namespace MRSNode.Reporting.Rendering;

/// <summary>Greedy word wrapping against a canvas's own text metrics (so the PDF and the capture wrap alike).</summary>
public static class TextLayout
{
    public static IReadOnlyList<string> Wrap(IReportCanvas canvas, string text, double size, double width, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && canvas.MeasureText(candidate, size, bold) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
            // A single word wider than the line (a long file name) is cut rather than allowed to spill out.
            while (canvas.MeasureText(line, size, bold) > width && line.Length > 1)
            {
                var fit = line.Length - 1;
                while (fit > 1 && canvas.MeasureText(line[..fit], size, bold) > width)
                {
                    fit--;
                }
                lines.Add(line[..fit]);
                line = line[fit..];
            }
        }
        if (line.Length > 0)
        {
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>The text shortened with an ellipsis so it fits the width.</summary>
    public static string Fit(IReportCanvas canvas, string text, double size, double width, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        if (canvas.MeasureText(text, size, bold) <= width)
        {
            return text;
        }
        var n = text.Length;
        while (n > 0 && canvas.MeasureText(text[..n] + "…", size, bold) > width)
        {
            n--;
        }
        return text[..n] + "…";
    }
}
