using System.Globalization;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Pdf;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Tests.Rendering;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Pdf;

[UnitTest]
public class PdfReportWriterTests
{
    private static string WriteSample(out byte[] bytes)
    {
        bytes = PdfReportWriter.Create(ReportSamples.Document());
        var path = Path.Combine(TestData.NewTempFolder(), "report.pdf");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Create_Sample_IsAPdfOfModestSizeAndReproducible()
    {
        var a = PdfReportWriter.Create(ReportSamples.Document());
        var b = PdfReportWriter.Create(ReportSamples.Document());

        Assert.Equal("%PDF-1.7", System.Text.Encoding.ASCII.GetString(a, 0, 8));
        Assert.EndsWith("%%EOF\n", System.Text.Encoding.ASCII.GetString(a[^6..]), StringComparison.Ordinal);
        Assert.Equal(a, b); // same results and time → same bytes
        Assert.InRange(a.Length, 10_000, 150_000); // fonts are subset, not the 1.4 MB originals
    }

    [PeerFact("pdftotext")]
    public void Create_Sample_PdftotextFindsEveryMetaboliteValueFlagAndTheVerdict()
    {
        var path = WriteSample(out _);

        var r = Peers.Run("pdftotext", ["-layout", path, "-"]);

        Assert.Equal(0, r.ExitCode);
        var report = ReportSamples.Report();
        foreach (var m in report.Metabolites)
        {
            Assert.Contains(m.Name, r.StdOut);
            Assert.Contains(m.Flag.Text(), r.StdOut);
            Assert.Contains(m.RatioToTCr!.Value.ToString("0.000", CultureInfo.InvariantCulture), r.StdOut);
            Assert.Contains(m.Concentration!.Value.ToString("0.00", CultureInfo.InvariantCulture), r.StdOut);
        }
        Assert.Contains("REVIEW", r.StdOut);
        Assert.Contains("tCho is high", r.StdOut);
        Assert.Contains("Müller, Zoë", r.StdOut); // non-ASCII names survive (ToUnicode map)
        Assert.Contains("PID-0042", r.StdOut);
        Assert.Contains("Chemical shift (ppm)", r.StdOut);
        Assert.Contains("Decision support for qualified readers", r.StdOut);
    }

    [PeerFact("pdffonts")]
    public void Create_Sample_BothFontsEmbeddedAsUnicodeSubsets()
    {
        var path = WriteSample(out _);

        var r = Peers.Run("pdffonts", [path]);

        var rows = r.StdOut.Split('\n').Where(l => l.Contains("DejaVuSans", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Matches(@"^[A-Z]{6}\+DejaVuSans(-Bold)?\s+CID TrueType\s+Identity-H\s+yes yes yes", row));
    }

    [PeerFact("pdfinfo")]
    public void Create_Sample_PdfinfoSeesTwoA4PagesAndTheTitle()
    {
        var path = WriteSample(out _);

        var r = Peers.Run("pdfinfo", [path]);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Pages:           2", r.StdOut);
        Assert.Contains("595.28 x 841.89 pts (A4)", r.StdOut);
        Assert.Contains("Title:           MR spectroscopy report", r.StdOut);
        Assert.DoesNotContain("Syntax Error", r.StdErr);
    }

    /// <summary>pdftoppm at 72 dpi: one pixel per point, so the layout's coordinates are pixel coordinates.</summary>
    [PeerFact("pdftoppm")]
    public void Create_Sample_RenderedPageHasPlotAndTableAndCleanMargins()
    {
        var path = WriteSample(out _);
        var prefix = Path.Combine(Path.GetDirectoryName(path)!, "page");

        var r = Peers.Run("pdftoppm", ["-r", "72", "-singlefile", path, prefix]);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
        var image = PixelImage.ReadPpm(prefix + ".ppm");
        Assert.Equal((596, 842), (image.Width, image.Height)); // 595.28 × 841.89 pt, rounded up
        var layout = ReportPage.Draw(new RecordingCanvas(ReportPage.Width, ReportPage.Height), ReportSamples.Document());
        var f = layout.PlotFrame;
        var (x0, y0, x1, y1) = ((int)f.X + 2, (int)f.Y + 2, (int)(f.X + f.Width) - 2, (int)(f.Y + f.Height) - 2);
        Assert.True(image.Count(x0, y0, x1, y1, PixelImage.Reddish) > 300, "the fit (red) is drawn in the plot");
        Assert.True(image.Count(x0, y0, x1, y1, PixelImage.Ink) > 1500, "data, baseline and residual are drawn");
        Assert.True(image.Count(36, (int)layout.TableTop, 559, (int)layout.TableBottom, PixelImage.Ink) > 2000, "the table has text");
        // Margins stay blank: nothing clipped at the page edge.
        const int edge = 30;
        Assert.Equal(0, image.Count(0, 0, image.Width, edge, PixelImage.Ink));
        Assert.Equal(0, image.Count(0, image.Height - edge, image.Width, image.Height, PixelImage.Ink));
        Assert.Equal(0, image.Count(0, 0, edge, image.Height, PixelImage.Ink));
        Assert.Equal(0, image.Count(image.Width - edge, 0, image.Width, image.Height, PixelImage.Ink));
    }

    private static string Write(ReportDocument document)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "report.pdf");
        File.WriteAllBytes(path, PdfReportWriter.Create(document));
        return path;
    }

    [PeerFact("pdftotext")]
    public void Create_Sample_PdftotextFindsSeriesSequenceTrVoxelAndTheUnitIu()
    {
        var path = Write(ReportSamples.Document());

        var page1 = Peers.Run("pdftotext", ["-f", "1", "-l", "1", path, "-"]).StdOut;

        Assert.Contains("SVS TE30 left BG", page1);
        Assert.Contains("Sequence svs_se (PRESS)", page1);
        Assert.Contains("TR 2000 ms", page1);
        Assert.Contains("TE 30 ms", page1);
        Assert.Contains("Voxel 20 × 15 × 18 mm (5.4 mL)", page1);
        Assert.Contains("x -12.5, y 20.1, z 8.0 mm", page1);
        Assert.Contains("i.u.", page1);
        Assert.DoesNotContain("mM (corrected)", page1);
    }

    [PeerFact("pdftotext")]
    public void Create_CorrectedScaling_PdftotextFindsMmCorrected()
    {
        var document = ReportSamples.Document();
        var scaling = new ConcentrationScaling { Unit = "mM (corrected, molal)", Corrected = true, Description = "tissue fractions and relaxation corrected (Gasparovic 2006)" };

        var page1 = Peers.Run("pdftotext", ["-f", "1", "-l", "1", Write(document with { Report = document.Report with { Scaling = scaling } }), "-"]).StdOut;

        Assert.Contains("mM (corrected)", page1);
        Assert.Contains("mM (corrected, molal): tissue fractions and relaxation corrected", page1);
        Assert.DoesNotContain("i.u.", page1);
    }

    /// <summary>The verdict box with 30 reasons, rendered: its text stays inside it and the gap below it stays blank.</summary>
    [PeerFact("pdftoppm", "pdftotext")]
    public void Create_ThirtyReasons_RenderedVerdictBoxHoldsItsTextAndSendsTheRestToPage2()
    {
        var document = ReportSamples.Document(extraReasons: 30);
        var path = Write(document);
        var prefix = Path.Combine(Path.GetDirectoryName(path)!, "page");

        var r = Peers.Run("pdftoppm", ["-r", "72", "-f", "1", "-singlefile", path, prefix]);

        Assert.Equal(0, r.ExitCode);
        var image = PixelImage.ReadPpm(prefix + ".ppm");
        var layout = ReportPage.Draw(new RecordingCanvas(ReportPage.Width, ReportPage.Height), document);
        var box = layout.Verdict!.Frame;
        var bottom = (int)Math.Ceiling(box.Y + box.Height);
        Assert.True(image.Count(140, (int)box.Y, 559, bottom, PixelImage.Ink) > 1500, "the reasons are drawn in the box");
        Assert.Equal(0, image.Count(36, bottom + 1, 559, (int)layout.PlotFrame.Y - 16, PixelImage.Ink)); // nothing spills below the box
        var text = Peers.Run("pdftotext", ["-layout", path, "-"]).StdOut;
        Assert.Contains($"{layout.Verdict.Hidden} more reasons: page 2", text);
        Assert.Contains("extra reason 29", text); // on page 2
    }
}
