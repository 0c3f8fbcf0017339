using MRSNode.Quantification.Results;
using MRSNode.Reporting.Rendering;
using Xunit;

namespace MRSNode.Reporting.Tests.Rendering;

public class ReportPageTests
{
    private static (ReportPage.Layout Layout, RecordingCanvas Canvas) Draw(ReportDocument document)
    {
        var canvas = new RecordingCanvas(ReportPage.Width, ReportPage.Height);
        return (ReportPage.Draw(canvas, document), canvas);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(25, 2)]
    [InlineData(120, 30)]
    public void Draw_AnyAmountOfContent_PartsStackInOrderInsideThePage(int extraMetabolites, int extraReasons)
    {
        var (layout, canvas) = Draw(ReportSamples.Document(extraMetabolites, extraReasons));

        Assert.True(layout.HeaderBottom < layout.VerdictBottom);
        Assert.True(layout.VerdictBottom < layout.PlotFrame.Y);
        Assert.True(layout.PlotFrame.Y + layout.PlotFrame.Height < layout.TableTop);
        Assert.True(layout.TableBottom <= layout.PanelsTop, $"table ends at {layout.TableBottom}, panels start at {layout.PanelsTop}");
        Assert.True(layout.PanelsBottom <= layout.DisclaimerTop);
        Assert.True(layout.DisclaimerBottom <= ReportPage.Height - ReportPage.Margin + 1);
        // Nothing is written outside the margins (left/right) or below the page's bottom margin.
        Assert.All(canvas.Texts, t =>
        {
            Assert.True(t.Left >= ReportPage.Margin - 0.5 && t.Right <= ReportPage.Width - ReportPage.Margin + 0.5, $"'{t.Text}' spans {t.Left:F1}–{t.Right:F1}");
            Assert.True(t.Baseline <= ReportPage.Height - ReportPage.Margin + 1, $"'{t.Text}' at {t.Baseline:F1}");
        });
    }

    [Fact]
    public void Draw_MoreRowsThanFit_ShowsWhatFitsAndSaysWhereTheRestIs()
    {
        var (_, canvas) = Draw(ReportSamples.Document(extraMetabolites: 120));

        var note = Assert.Single(canvas.Texts, t => t.Text.Contains("more row(s) not shown", StringComparison.Ordinal));
        var shown = canvas.Texts.Count(t => t.Text.StartsWith("Extra", StringComparison.Ordinal));
        var hidden = int.Parse(note.Text.Split(' ')[1]);
        Assert.Equal(5 + 120, 5 + shown + hidden); // every row is either shown or counted in the note
        Assert.True(shown > 30);
    }

    [Fact]
    public void Draw_Sample_TableHasEveryValueAndFlagInItsColour()
    {
        var (_, canvas) = Draw(ReportSamples.Document());
        string[] texts = [.. canvas.Texts.Select(t => t.Text)];

        Assert.Contains("12.31", texts);
        Assert.Contains("1.520", texts);
        Assert.Contains("3 %", texts);
        Assert.Contains(">999 %", texts);
        Assert.Contains("0.94–2.15 /tCr", texts);
        Assert.Contains("0.86–4.30 mM", texts);
        Assert.Equal(ReportStyle.Flag(MetaboliteFlag.High), canvas.Texts.Single(t => t.Text == "high").Color);
        Assert.Equal(ReportStyle.Flag(MetaboliteFlag.Low), canvas.Texts.Single(t => t.Text == "low").Color);
        Assert.Equal(ReportStyle.Flag(MetaboliteFlag.Unreliable), canvas.Texts.Single(t => t.Text == "unreliable").Color);
        Assert.Contains("CRLB 80 % is above 50 %", texts); // a note only where the flag needs one
        Assert.Contains("REVIEW", texts);
        Assert.Contains("-9°", texts); // 351° shown as −9°
    }

    [Fact]
    public void Draw_Sample_PeaksLabelledAtTheirPpmWithPpmDecreasingToTheRight()
    {
        var (layout, canvas) = Draw(ReportSamples.Document());
        var f = layout.PlotFrame;
        double X(double ppm) => f.X + (4.0 - ppm) / 3.8 * f.Width;

        var naa = canvas.Texts.Single(t => t.Text == "NAA");
        Assert.Equal(X(2.01), (naa.Left + naa.Right) / 2, 0.5);
        var cho = canvas.Texts.Single(t => t.Text == "Cho");
        Assert.True(cho.Left < naa.Left); // 3.2 ppm is left of 2.0 ppm
        var tick = canvas.Texts.Single(t => t.Text == "3.0");
        Assert.Equal(X(3.0), (tick.Left + tick.Right) / 2, 0.5);
        // The traces are drawn clipped to the frame.
        Assert.Contains(canvas.Lines, l => l.Color == ReportStyle.Fit && l.Clipped);
    }

    [Theory]
    [InlineData(6, "version lcm 0.1.0, 0.34 s, 6 ratio priors")]
    [InlineData(0, "version lcm 0.1.0, 0.34 s, no ratio priors")]
    public void Draw_LcmWithRatioPriors_MethodLineSaysHowMany(int count, string expected)
    {
        var document = ReportSamples.Document();
        var report = document.Report with { Lcm = document.Report.Lcm! with { RatioPriors = Enumerable.Repeat("Asp/Big3 = 0.05 +- 0.05", count).ToList() } };

        var (_, canvas) = Draw(document with { Report = report });

        Assert.Contains(canvas.Texts, t => t.Text == expected);
    }

    [Fact]
    public void Draw_NoSpectra_SaysSoInsteadOfAnEmptyPlot()
    {
        var (_, canvas) = Draw(ReportSamples.Document() with { Spectra = null });

        Assert.Contains(canvas.Texts, t => t.Text.StartsWith("No fitted spectrum", StringComparison.Ordinal));
    }
}
