using System.Globalization;
using MRSNode.Reporting.Fonts;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Rendering.Raster;

/// <summary>
/// Our glyphs beside FreeType's (through Pillow, basic layout) for the same font file and size.
/// FreeType hints (vertically, and rounds positions), we do not, so the comparison is by ink and
/// extent with tolerances; measured at 64 px: ink within 3 %, bounds within 1 px, L1 difference
/// at most 16 % of the ink (hinting moves curve edges by a fraction of a pixel).
/// </summary>
[InteropTest]
public class FreeTypeComparisonTests
{
    private const string Glyphs = "Ag@µ≥é%&Q";
    private const int Cell = 120, Size = 64, Left = 20, Baseline = 90;

    [PeerTheory("PIL", "numpy")]
    [InlineData(false)]
    [InlineData(true)]
    public void DrawText_SingleGlyphs_InkAndBoundsMatchFreeType(bool bold)
    {
        var folder = TestData.NewTempFolder();
        var fontPath = Path.Combine(folder, "font.ttf");
        File.WriteAllBytes(fontPath, bold ? ReportFonts.Bold : ReportFonts.Regular);
        var canvas = new RasterCanvas(Cell * Glyphs.Length, Cell);
        for (int i = 0; i < Glyphs.Length; i++)
        {
            canvas.DrawText(Glyphs[i].ToString(), Left + Cell * i, Baseline, Size, ReportColor.Black, bold);
        }
        var oursPath = Path.Combine(folder, "ours.png");
        File.WriteAllBytes(oursPath, canvas.ToPng());

        // Per glyph: our ink / FreeType's, the two ink boxes (pixels darker than 10 %), and L1 difference / FreeType ink.
        var script = $$"""
            from PIL import Image, ImageFont, ImageDraw
            import numpy as np
            font = ImageFont.truetype('{{fontPath}}', {{Size}}, layout_engine=ImageFont.Layout.BASIC)
            ours = 255 - np.asarray(Image.open('{{oursPath}}').convert('L'), dtype=float)
            def box(a):
                ys, xs = np.nonzero(a > 25)
                return [xs.min(), ys.min(), xs.max(), ys.max()]
            for i, ch in enumerate({{"'" + Glyphs + "'"}}):
                im = Image.new('L', ({{Cell}}, {{Cell}}), 255)
                ImageDraw.Draw(im).text(({{Left}}, {{Baseline}}), ch, font=font, fill=0, anchor='ls')
                ft = 255 - np.asarray(im, dtype=float)
                us = ours[:, {{Cell}} * i:{{Cell}} * (i + 1)]
                print(us.sum() / ft.sum(), np.abs(us - ft).sum() / ft.sum(), *box(ft), *box(us))
            """;
        var r = Peers.Run(Peers.Python, ["-c", script]);
        Assert.True(r.ExitCode == 0, r.StdErr);

        var lines = r.StdOut.Trim().Split('\n');
        Assert.Equal(Glyphs.Length, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            var v = lines[i].Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.True(Math.Abs(v[0] - 1) < 0.04, $"'{Glyphs[i]}': ink ratio {v[0]:F3}");
            Assert.True(v[1] < 0.2, $"'{Glyphs[i]}': L1 difference {v[1]:F3} of the ink");
            for (int k = 0; k < 4; k++)
            {
                Assert.True(Math.Abs(v[2 + k] - v[6 + k]) <= 1, $"'{Glyphs[i]}': ink box FreeType {string.Join(',', v[2..6])} ours {string.Join(',', v[6..10])}");
            }
        }
    }
}
