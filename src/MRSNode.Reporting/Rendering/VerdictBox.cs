using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Rendering;

/// <summary>
/// The verdict and what the reader must know first: the findings, then the reasons in the order the verdict rules
/// gave them. The box has a fixed most lines: what does not fit is counted ("n more reasons: page 2"), never spilled.
/// </summary>
public static class VerdictBox
{
    public const double TextSize = 7.4;
    public const double LineStep = 9.4;
    private const double LabelWidth = 104;

    /// <summary>Where the box went and how many of its statements were shown (the rest are on page 2).</summary>
    public sealed record Placement((double X, double Y, double Width, double Height) Frame, int Shown, int Hidden);

    /// <summary>Findings first, then reasons (a reason already stated as a finding is not repeated).</summary>
    public static IReadOnlyList<string> Statements(QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var findings = report.Findings ?? [];
        return [.. findings, .. report.Reasons.Where(r => !findings.Contains(r, StringComparer.Ordinal))];
    }

    public static Placement Draw(IReportCanvas canvas, QuantificationReport report, double x, double y, double width, int maxLines, string overflowWhere)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(report);
        var statements = Statements(report);
        var findings = report.Findings?.Count ?? 0;
        var textWidth = width - LabelWidth - 8;
        var wrapped = statements.Select((text, k) => TextLayout.Wrap(canvas, "• " + text, TextSize, textWidth, bold: k < findings)).ToList();
        // All fit, or the most important that fit in one line less, leaving that line to say how many more there are.
        var budget = wrapped.Sum(w => w.Count) <= maxLines ? maxLines : maxLines - 1;
        var lines = new List<(string Text, bool Bold)>();
        var shown = 0;
        while (shown < wrapped.Count && lines.Count + wrapped[shown].Count <= budget)
        {
            var bold = shown < findings;
            lines.AddRange(wrapped[shown].Select(l => (l, bold)));
            shown++;
        }
        var hidden = statements.Count - shown;
        if (hidden > 0)
        {
            lines.Add(($"{hidden} more {(hidden == 1 ? "reason" : "reasons")}: {overflowWhere}", false));
        }
        if (statements.Count == 0)
        {
            lines.Add(("all checks passed", false));
        }

        var (strong, tint) = ReportStyle.Verdict(report.Verdict);
        var height = Math.Max(32, 8 + lines.Count * LineStep);
        canvas.FillRectangle(x, y, width, height, tint);
        canvas.FillRectangle(x, y, 4, height, strong);
        canvas.DrawText("Verdict", x + 10, y + 10, 7, ReportStyle.Muted);
        canvas.DrawText(report.Verdict.Text().ToUpperInvariant(), x + 10, y + 24, 12.5, strong, bold: true);
        for (var k = 0; k < lines.Count; k++)
        {
            var color = hidden > 0 && k == lines.Count - 1 ? ReportStyle.Muted : ReportStyle.Ink;
            canvas.DrawText(lines[k].Text, x + LabelWidth, y + 10 + k * LineStep, TextSize, color, lines[k].Bold);
        }
        return new Placement((x, y, width, height), shown, hidden);
    }
}
