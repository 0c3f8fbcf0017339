using MRSNode.Reporting.Pdf;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Reporting.Tests.Rendering.Raster;

/// <summary>
/// The report page drawn on our raster canvas at 2 px/pt beside poppler's rendering of the PDF of the
/// same page at 144 dpi: two independent renderers of one layout must agree pixel for pixel, up to
/// anti-aliasing and hinting at the edges. The PDF places glyphs by advance alone (a Tj string),
/// so the canvas is made without kerning here; with kerning, lines differ by the kerned pairs.
/// </summary>
[InteropTest]
public class PdfAgreementTests(ITestOutputHelper output)
{
    [PeerFact("pdftoppm")]
    public void ReportPage_RasterAndPdf_SamePageAtTwoPixelsPerPoint()
    {
        var document = ReportSamples.Document();
        var raster = new RasterCanvas(1191, 1684, kerning: false); // 595.28 × 841.89 pt at 2 px/pt, rounded up as pdftoppm does
        ReportPage.Draw(new ScaledCanvas(raster, 2), document);
        var folder = TestData.NewTempFolder();
        var pdf = Path.Combine(folder, "report.pdf");
        File.WriteAllBytes(pdf, PdfReportWriter.Create(document));
        File.WriteAllBytes(Path.Combine(folder, "raster.png"), raster.ToPng());

        var r = Peers.Run("pdftoppm", ["-r", "144", "-singlefile", pdf, Path.Combine(folder, "page")]);

        Assert.Equal(0, r.ExitCode);
        var page = PixelImage.ReadPpm(Path.Combine(folder, "page.ppm"));
        Assert.Equal((raster.PixelWidth, raster.PixelHeight), (page.Width, page.Height));
        double sum = 0;
        int differing = 0, inkOurs = 0, inkPdf = 0;
        for (int y = 0; y < page.Height; y++)
        {
            for (int x = 0; x < page.Width; x++)
            {
                var (r1, g1, b1) = page[x, y];
                var ours = raster.GetPixel(x, y);
                int d = Math.Abs(r1 - ours.R) + Math.Abs(g1 - ours.G) + Math.Abs(b1 - ours.B);
                sum += d / 3.0;
                differing += d / 3 > 64 ? 1 : 0;
                inkOurs += ours.R + ours.G + ours.B < 3 * 128 ? 1 : 0;
                inkPdf += r1 + g1 + b1 < 3 * 128 ? 1 : 0;
            }
        }
        double mean = sum / (page.Width * page.Height);
        output.WriteLine($"mean |Δ| {mean:F3} per channel, {differing} pixels differ by more than 64, dark pixels {inkOurs} (ours) vs {inkPdf} (poppler); images in {folder}");
        Assert.True(mean < 2, $"mean difference {mean:F3}");
        Assert.True(differing < 0.01 * page.Width * page.Height, $"{differing} pixels differ by more than a quarter");
        Assert.InRange((double)inkOurs / inkPdf, 0.9, 1.1);
    }
}
