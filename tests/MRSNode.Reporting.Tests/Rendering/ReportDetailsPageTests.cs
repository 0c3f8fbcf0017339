using MRSNode.Quantification.Results;
using MRSNode.Reporting.Rendering;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Rendering;

[UnitTest]
public class ReportDetailsPageTests
{
    private static (ReportDetailsPage.Layout Layout, RecordingCanvas Canvas) Draw(ReportDocument document)
    {
        var canvas = new RecordingCanvas(ReportPage.Width, ReportPage.Height);
        return (ReportDetailsPage.Draw(canvas, document), canvas);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(120, 60)]
    public void Draw_AnyAmountOfContent_PartsStackInOrderInsideThePage(int extraMetabolites, int extraReasons)
    {
        var (layout, canvas) = Draw(ReportSamples.Document(extraMetabolites, extraReasons));

        Assert.True(layout.HeaderBottom < layout.ReasonsBottom);
        Assert.True(layout.ReasonsBottom < layout.TableTop);
        Assert.True(layout.TableBottom <= layout.PanelsTop, $"table ends at {layout.TableBottom}, panels start at {layout.PanelsTop}");
        Assert.True(layout.PanelsBottom <= layout.DisclaimerTop);
        Assert.All(canvas.Texts, t =>
        {
            Assert.True(t.Left >= ReportPage.Margin - 0.5 && t.Right <= ReportPage.Width - ReportPage.Margin + 0.5, $"'{t.Text}' spans {t.Left:F1}–{t.Right:F1}");
            Assert.True(t.Baseline <= ReportPage.Height - ReportPage.Margin + 1, $"'{t.Text}' at {t.Baseline:F1}");
        });
    }

    [Fact]
    public void Draw_ThirtyReasons_EveryReasonListedFindingFirst()
    {
        var (_, canvas) = Draw(ReportSamples.Document(extraReasons: 30));
        var bullets = canvas.Texts.Where(t => t.Text.StartsWith("• ", StringComparison.Ordinal)).ToList();

        Assert.Equal(33, bullets.Count);
        Assert.Equal("• tCho high: tCho/tCr 1.40", bullets[0].Text);
        Assert.Equal("• extra reason 29 with enough words to need wrapping across the verdict box when it is long", bullets[^1].Text);
    }

    [Fact]
    public void Draw_MoreRowsThanFit_ShowsWhatFitsAndSaysWhereTheRestIs()
    {
        var (_, canvas) = Draw(ReportSamples.Document(extraMetabolites: 120));

        var note = Assert.Single(canvas.Texts, t => t.Text.Contains("more row(s) not shown", StringComparison.Ordinal));
        var shown = canvas.Texts.Count(t => t.Text.StartsWith("Extra", StringComparison.Ordinal));
        var hidden = int.Parse(note.Text.Split(' ')[1]);
        Assert.Equal(6 + 120, 6 + shown + hidden); // every row is either shown or counted in the note
        Assert.True(shown > 30);
    }

    [Fact]
    public void Draw_Sample_FullTableWithEveryMetaboliteAndNote()
    {
        var (_, canvas) = Draw(ReportSamples.Document());
        string[] texts = [.. canvas.Texts.Select(t => t.Text)];

        Assert.Contains("GABA", texts);
        Assert.Contains("Gln", texts);
        Assert.Contains("0.86–4.30 mM", texts);
        Assert.Equal(ReportStyle.Flag(MetaboliteFlag.Low), canvas.Texts.Single(t => t.Text == "low").Color);
        Assert.Equal(ReportStyle.Flag(MetaboliteFlag.Unreliable), canvas.Texts.Single(t => t.Text == "unreliable").Color);
        Assert.Contains("CRLB 80 % is above 50 %", texts);
        Assert.Contains("-9°", texts); // 351° shown as −9°
    }

    [Fact]
    public void QcLines_NewMeasures_ListedWithValuesNullsSkipped()
    {
        var qc = ReportSamples.Report().Qc with { SnrLcModel = 21.04, LipidToTCr = 0.35, ResidualWaterToNaa = 2.5, Transients = 64, TransientsRejected = 3, FrequencyDriftHz = 1.73 };

        var lines = ReportDetailsPage.QcLines(qc);

        Assert.Contains(("S/N (LCModel)", "21.0 (fit max / 2 × residual RMS)"), lines);
        Assert.Contains(("Lipids / tCr", "0.35"), lines);
        Assert.Contains(("Water / NAA", "2.5 (residual, before removal)"), lines);
        Assert.Contains(("Transients", "64, 3 rejected"), lines);
        Assert.Contains(("Frequency drift", "1.7 Hz over the acquisition"), lines);
        Assert.DoesNotContain(lines, l => l.Key == "FWHM (LCModel)"); // null in the sample
        Assert.Equal(10, lines.Count);
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
    public void Draw_SimulatedBasis_BasisLineGivesItsProtocolAndKey()
    {
        var document = ReportSamples.Document();
        var basis = new BasisProvenance { Source = BasisProvenance.FromSimulation, Name = BasisProvenance.DefaultTiming, Sequence = "PRESS", EchoTimeMs = 35, Te1Ms = 12.8, Te2Ms = 22.2, FieldT = 3, FrequencyMHz = 127.75, CacheKey = "0123456789abcdef" + new string('0', 48), SimulatedNow = false };

        var (_, canvas) = Draw(document with { Report = document.Report with { Basis = basis } });

        Assert.Contains(canvas.Texts, t => t.Text == "simulated: PRESS TE 35 (12.8+22.2) ms, key 01234567");
        Assert.DoesNotContain(canvas.Texts, t => t.Text == document.Report.Input.BasisSet);
    }
}
