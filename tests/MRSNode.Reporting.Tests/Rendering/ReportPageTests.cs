using MRSNode.Quantification.Results;
using MRSNode.Reporting.Rendering;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Rendering;

[UnitTest]
public class ReportPageTests
{
    private static (ReportPage.Layout Layout, RecordingCanvas Canvas) Draw(ReportDocument document)
    {
        var canvas = new RecordingCanvas(ReportPage.Width, ReportPage.Height);
        return (ReportPage.Draw(canvas, document), canvas);
    }

    private static bool Inside(RecordingCanvas.TextRun t, (double X, double Y, double Width, double Height) f) =>
        t.Left >= f.X - 0.5 && t.Right <= f.X + f.Width + 0.5 && t.Baseline - t.Size * 0.8 >= f.Y - 0.5 && t.Baseline + t.Size * 0.25 <= f.Y + f.Height + 0.5;

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
        Assert.True(layout.TableBottom <= layout.PanelsTop, $"table ends at {layout.TableBottom}, notes start at {layout.PanelsTop}");
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
    public void Draw_ThirtyReasons_VerdictBoxKeepsItsTextInsideAndCountsTheRestForPage2()
    {
        var (layout, canvas) = Draw(ReportSamples.Document(extraReasons: 30));

        var box = layout.Verdict!;
        Assert.Equal(1 + 2 + 30, box.Shown + box.Hidden); // the finding, the two sample reasons, the thirty more
        Assert.InRange(box.Shown, 4, 9);
        Assert.True(box.Frame.Height <= 8 + ReportPage.VerdictLines * VerdictBox.LineStep + 0.01, $"box is {box.Frame.Height:F1} pt high");
        var more = Assert.Single(canvas.Texts, t => t.Text == $"{box.Hidden} more reasons: page 2");
        Assert.True(Inside(more, box.Frame));
        // Every line between the box's top and the plot is inside the box.
        var verdictTexts = canvas.Texts.Where(t => t.Baseline > box.Frame.Y && t.Baseline < layout.PlotFrame.Y - 12).ToList();
        Assert.True(verdictTexts.Count >= 10);
        Assert.All(verdictTexts, t => Assert.True(Inside(t, box.Frame), $"'{t.Text}' at {t.Left:F1},{t.Baseline:F1} is outside {box.Frame}"));
        // The finding comes first, in bold.
        var finding = canvas.Texts.First(t => t.Text.StartsWith("• ", StringComparison.Ordinal));
        Assert.Equal(("• tCho high: tCho/tCr 1.40", true), (finding.Text, finding.Bold));
    }

    [Fact]
    public void Draw_FewReasons_AllShownNoneCounted()
    {
        var (layout, canvas) = Draw(ReportSamples.Document());

        Assert.Equal((3, 0), (layout.Verdict!.Shown, layout.Verdict.Hidden));
        Assert.DoesNotContain(canvas.Texts, t => t.Text.Contains("more reason", StringComparison.Ordinal));
    }

    [Fact]
    public void Draw_Sample_HeaderNamesSeriesProtocolSequenceTeTrAndVoxel()
    {
        var (_, canvas) = Draw(ReportSamples.Document());
        string[] texts = [.. canvas.Texts.Select(t => t.Text)];

        Assert.Contains("SVS TE30 left BG", texts);
        Assert.Contains("svs_se_30_basal_ganglia", texts);
        Assert.Contains("svs_se (PRESS)", texts);
        Assert.Contains("2.9 T (123.26 MHz)", texts);
        Assert.Contains("30 ms", texts);
        Assert.Contains("2000 ms", texts);
        Assert.Contains("20 × 15 × 18 mm (5.4 mL)", texts);
        Assert.Contains("x -12.5, y 20.1, z 8.0 mm", texts);
        Assert.Contains("Müller, Zoë", texts);
    }

    [Fact]
    public void Draw_Sample_ClinicalTableHasUnitValuesRatiosAndFlagsInTheirColour()
    {
        var (_, canvas) = Draw(ReportSamples.Document());
        string[] texts = [.. canvas.Texts.Select(t => t.Text)];

        Assert.Contains("i.u.", texts); // the value column is titled with the report's unit, never a bare "mM"
        Assert.DoesNotContain("mM", texts);
        Assert.Contains("12.31", texts);
        Assert.Contains("1.520", texts);
        Assert.Contains("3 %", texts);
        Assert.Contains(">999 %", texts);
        Assert.Contains("0.94–2.15 /tCr", texts);
        Assert.Contains("tCho/tNAA", texts);
        Assert.Contains("0.921", texts);
        Assert.Contains("0.20–0.50", texts);
        var flags = canvas.Texts.Where(t => t.Color == ReportStyle.Flag(MetaboliteFlag.High)).Select(t => t.Text).ToList();
        Assert.Equal(["high", "high"], flags); // tCho and tCho/tNAA
        // Ins, Glx and Lipids are not in the sample's fit: their rows say so rather than vanish.
        Assert.Equal(3, texts.Count(t => t == "not in the fit"));
        // The page-1 table is the clinical one: GABA and Gln are on page 2.
        Assert.DoesNotContain("GABA", texts);
        Assert.DoesNotContain("Gln", texts);
    }

    [Fact]
    public void Draw_Sample_NotesStateScalingParametersCrlbCaveatAndNeuralStatus()
    {
        var document = ReportSamples.Document();
        var report = document.Report with { NeuralAdvisory = new NeuralAdvisory { Status = "out of domain", Explanation = "Lac 3.8 is above the training range 0.25–1.05." } };

        var (_, canvas) = Draw(document with { Report = report });
        var text = string.Join(" ", canvas.Texts.Select(t => t.Text));

        Assert.Contains("i.u.: water-scaled, no tissue or relaxation correction. Parameters: WCONC 35880, ATTH2O 0.7, ATTMET 1.", text);
        Assert.Contains("observed SD is 4–6 × the CRLB", text);
        Assert.Contains("out of domain: Lac 3.8 is above the training range 0.25–1.05. It changed nothing in this report.", text);
    }

    [Fact]
    public void Draw_Sample_DetectedPeaksLabelledAtTheirPpmUndetectedLacNot()
    {
        var (layout, canvas) = Draw(ReportSamples.Document());
        var f = layout.PlotFrame;
        double X(double ppm) => f.X + (4.0 - ppm) / 3.8 * f.Width;
        var labels = canvas.Texts.Where(t => t.Baseline > f.Y && t.Baseline < f.Y + f.Height && t.Bold).ToList();

        var naa = Assert.Single(labels, t => t.Text == "NAA");
        Assert.Equal(X(2.01), (naa.Left + naa.Right) / 2, 0.5);
        var cho = Assert.Single(labels, t => t.Text == "Cho");
        Assert.True(cho.Left < naa.Left); // 3.2 ppm is left of 2.0 ppm
        Assert.Equal(2, labels.Count(t => t.Text == "Cr")); // 3.03 and 3.92 ppm
        Assert.DoesNotContain(labels, t => t.Text is "Lac" or "Ins" or "Glx"); // Lac not detected; Ins and Glx not in the fit
        var tick = canvas.Texts.Single(t => t.Text == "3.0");
        Assert.Equal(X(3.0), (tick.Left + tick.Right) / 2, 0.5);
        Assert.Contains(canvas.Lines, l => l.Color == ReportStyle.Fit && l.Clipped);
    }

    [Fact]
    public void Draw_LacDetectedWithLowCrlb_LacLabelledAt133Ppm()
    {
        var document = ReportSamples.Document();
        var metabolites = document.Report.Metabolites.Select(m => m.Name == "Lac" ? m with { RatioToTCr = 0.45, CrlbPercent = 12, Flag = MetaboliteFlag.High } : m).ToList();

        var (layout, canvas) = Draw(document with { Report = document.Report with { Metabolites = metabolites } });

        var f = layout.PlotFrame;
        var lac = Assert.Single(canvas.Texts, t => t.Text == "Lac" && t.Bold && t.Baseline < f.Y + f.Height && t.Baseline > f.Y);
        Assert.Equal(f.X + (4.0 - 1.33) / 3.8 * f.Width, (lac.Left + lac.Right) / 2, 0.5);
    }

    [Theory]
    [InlineData(29.9, true)]
    [InlineData(37, false)] // fitted, but within noise: no label over what may be baseline
    public void Draw_LacAtCrlb_LabelledOnlyUnder30Percent(double crlb, bool labelled)
    {
        var document = ReportSamples.Document();
        var metabolites = document.Report.Metabolites.Select(m => m.Name == "Lac" ? m with { RatioToTCr = 0.1, CrlbPercent = crlb, Flag = MetaboliteFlag.Unreliable } : m).ToList();

        var (layout, canvas) = Draw(document with { Report = document.Report with { Metabolites = metabolites } });

        var f = layout.PlotFrame;
        Assert.Equal(labelled ? 1 : 0, canvas.Texts.Count(t => t.Text == "Lac" && t.Bold && t.Baseline < f.Y + f.Height && t.Baseline > f.Y));
    }

    [Fact]
    public void Draw_WaterScaledWithoutRecordedScaling_UnitIsIuNotMm()
    {
        var document = ReportSamples.Document();

        var (_, canvas) = Draw(document with { Report = document.Report with { Scaling = null } });
        var text = string.Join(" ", canvas.Texts.Select(t => t.Text));

        Assert.Contains(canvas.Texts, t => t.Text == "i.u." && t.Bold);
        Assert.Contains("i.u.: scaled to the water reference (water.dcm) without tissue or relaxation correction", text);
        Assert.DoesNotContain("No water reference", text);
    }

    [Fact]
    public void Draw_NoSpectra_SaysSoInsteadOfAnEmptyPlot()
    {
        var (_, canvas) = Draw(ReportSamples.Document() with { Spectra = null });

        Assert.Contains(canvas.Texts, t => t.Text == "No fitted spectrum to show: the method used draws none.");
    }

    [Fact]
    public void Draw_NotProcessed_OnePageWithTheNoticeInsteadOfPlotAndTable()
    {
        var report = ReportSamples.Report() with { Metabolites = [], Lcm = null, Ratios = null, Findings = null, Scaling = null, Verdict = StudyVerdict.NotUsable, Reasons = ["not quantified: reason"] };
        var document = new ReportDocument(report, ReportSamples.Source(), null) { NotProcessed = new NotProcessedNotice("Radiologist words.", "Physicist words.") };

        var (layout, canvas) = Draw(document);
        string[] texts = [.. canvas.Texts.Select(t => t.Text)];

        Assert.Equal(1, document.PageCount);
        Assert.Contains("MRSNode 0.1.0 · page 1 of 1", texts);
        Assert.Contains("Radiologist words.", texts);
        Assert.Contains("Physicist words.", texts);
        Assert.Contains("NOT USABLE", texts);
        Assert.DoesNotContain(texts, t => t.StartsWith("No fitted spectrum", StringComparison.Ordinal) || t.Contains("method", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Metabolite", texts);
        Assert.True(layout.PanelsBottom <= layout.DisclaimerTop);
    }
}
