using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Rendering.Raster;

[UnitTest]
public class RasterCanvasTests
{
    private static readonly ReportColor Black = ReportColor.Black;

    /// <summary>Total darkness in pixel units: 1 for a black pixel, 0.5 for a mid-grey one (red channel).</summary>
    internal static double Ink(RasterCanvas c)
    {
        double ink = 0;
        var p = c.Pixels;
        for (int i = 0; i < p.Length; i += 3)
        {
            ink += (255 - p[i]) / 255.0;
        }
        return ink;
    }

    /// <summary>Bounds (inclusive) of the pixels that are not white; null when there are none.</summary>
    internal static (int X0, int Y0, int X1, int Y1)? InkBounds(RasterCanvas c)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int y = 0; y < c.PixelHeight; y++)
        {
            for (int x = 0; x < c.PixelWidth; x++)
            {
                if (c.GetPixel(x, y) != ReportColor.White)
                {
                    (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                }
            }
        }
        return x1 < 0 ? null : (x0, y0, x1, y1);
    }

    private static int MaxDifference(RasterCanvas a, RasterCanvas b)
    {
        int max = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a.Pixels[i] - b.Pixels[i]));
        }
        return max;
    }

    [Fact]
    public void Constructor_NewCanvas_WhiteRgbBuffer()
    {
        var c = new RasterCanvas(30, 20);

        Assert.Equal(30 * 20 * 3, c.Pixels.Length);
        Assert.All(c.Pixels.ToArray(), b => Assert.Equal(255, b));
        Assert.Equal((30.0, 20.0), (c.Width, c.Height));
    }

    [Fact]
    public void FillRectangle_HalfPixelEdges_EdgesHalfCornersQuarter()
    {
        var c = new RasterCanvas(40, 40);

        c.FillRectangle(10.5, 20.5, 5, 3, Black);

        Assert.Equal(191, c.GetPixel(10, 20).R); // corner: 1/4 covered
        Assert.Equal(128, c.GetPixel(12, 20).R); // edge: 1/2
        Assert.Equal(0, c.GetPixel(12, 21).R);
        Assert.Equal(128, c.GetPixel(15, 22).R);
        Assert.Equal(191, c.GetPixel(15, 23).R);
        Assert.Equal(255, c.GetPixel(9, 21).R);
        Assert.Equal(255, c.GetPixel(12, 24).R);
        Assert.Equal(15.0, Ink(c), 1);
    }

    [Fact]
    public void FillRectangle_HalfCoveredOverColour_BlendsLinearly()
    {
        var c = new RasterCanvas(10, 10);
        c.FillRectangle(0, 0, 10, 10, new ReportColor(200, 100, 0));

        c.FillRectangle(2, 2.5, 5, 5, new ReportColor(0, 0, 255));

        Assert.Equal(new ReportColor(100, 50, 128), c.GetPixel(3, 2)); // half: (200+0)/2, (100+0)/2, (0+255)/2 rounded
        Assert.Equal(new ReportColor(0, 0, 255), c.GetPixel(3, 3));
        Assert.Equal(new ReportColor(200, 100, 0), c.GetPixel(7, 3));
    }

    [Fact]
    public void FillRectangle_OverAStripe_EdgeColumnsBlendWithWhatIsUnderEachRow()
    {
        var c = new RasterCanvas(10, 10);
        c.FillRectangle(0, 4, 10, 1, Black);

        c.FillRectangle(2.5, 1, 5, 8, new ReportColor(255, 0, 0));

        Assert.Equal(new ReportColor(128, 0, 0), c.GetPixel(2, 4)); // half red over black
        Assert.Equal(new ReportColor(255, 128, 128), c.GetPixel(2, 3)); // half red over white
        Assert.Equal(new ReportColor(255, 0, 0), c.GetPixel(4, 4));
    }

    [Fact]
    public void DrawLine_HorizontalThick_SameAsTheRectangleItCovers()
    {
        var line = new RasterCanvas(40, 40);
        var rect = new RasterCanvas(40, 40);

        line.DrawLine(10.5, 22, 15.5, 22, Black, 3);
        rect.FillRectangle(10.5, 20.5, 5, 3, Black);

        Assert.True(MaxDifference(line, rect) <= 1);
        Assert.Equal(15.0, Ink(line), 1);
    }

    [Theory]
    [InlineData(20.3, 30.7, 180.2, 120.9, 2.5)]
    [InlineData(190, 10, 15, 140, 1)]
    [InlineData(10, 75, 190, 76, 0.6)]
    public void DrawLine_Diagonal_InkIsLengthTimesWidth(double x1, double y1, double x2, double y2, double width)
    {
        var c = new RasterCanvas(200, 150);

        c.DrawLine(x1, y1, x2, y2, Black, width);

        double expected = Math.Sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)) * width;
        Assert.Equal(expected, Ink(c), expected * 0.005);
    }

    [Fact]
    public void DrawLine_ZeroWidth_OnePixelHairline()
    {
        var c = new RasterCanvas(100, 20);

        c.DrawLine(10, 10.5, 90, 10.5, Black, 0);

        Assert.Equal(80.0, Ink(c), 1);
        Assert.Equal(0, c.GetPixel(50, 10).R);
    }

    [Fact]
    public void StrokeRectangle_OnPixelCentres_CrispOnePixelFrame()
    {
        var c = new RasterCanvas(40, 30);

        c.StrokeRectangle(10.5, 10.5, 20, 10, Black, 1);

        Assert.Equal(0, c.GetPixel(10, 15).R);
        Assert.Equal(0, c.GetPixel(30, 15).R);
        Assert.Equal(0, c.GetPixel(20, 10).R);
        Assert.Equal(0, c.GetPixel(20, 20).R);
        Assert.Equal(0, c.GetPixel(30, 20).R); // square corner
        Assert.Equal(255, c.GetPixel(20, 15).R);
        Assert.Equal(255, c.GetPixel(9, 15).R);
        Assert.Equal(21 * 11 - 19 * 9, Ink(c), 3);
    }

    [Fact]
    public void StrokeRectangle_WiderThanTheBox_FillsIt()
    {
        var c = new RasterCanvas(20, 20);

        c.StrokeRectangle(5, 5, 2, 2, Black, 4);

        Assert.Equal(6 * 6, Ink(c), 3);
    }

    [Fact]
    public void DrawPolyline_CollinearPoints_SameAsOneLine()
    {
        var poly = new RasterCanvas(120, 60);
        var line = new RasterCanvas(120, 60);

        poly.DrawPolyline([10, 30.3, 55, 80.7, 110], [10, 18.12, 28, 38.28, 50], Black, 2); // on y = 10 + 0.4 (x − 10)
        line.DrawLine(10, 10, 110, 50, Black, 2);

        Assert.True(MaxDifference(poly, line) <= 1, $"max difference {MaxDifference(poly, line)}");
    }

    [Fact]
    public void DrawPolyline_SharpBend_RoundJoinFillsTheOuterCorner()
    {
        var c = new RasterCanvas(100, 100);

        c.DrawPolyline([20, 50, 80], [80, 20, 80], Black, 6);

        // The quads alone end 1.3 px below the apex's circle: row 17 has ink only through the join.
        Assert.True(c.GetPixel(50, 17).R < 64, $"apex pixel {c.GetPixel(50, 17)}");
        Assert.Equal(0, c.GetPixel(50, 20).R);
        Assert.Equal(255, c.GetPixel(50, 15).R);
    }

    [Fact]
    public void DrawPolyline_Spike_OverlapsStayOpaqueNotDoubled()
    {
        var c = new RasterCanvas(60, 100);

        // Up and straight back down: the two quads cover the same strip; non-zero winding keeps it one layer.
        c.DrawPolyline([30.5, 30.5, 30.5], [90, 10, 90], Black, 3);

        // 80 × 3 plus the half of the round join that sticks out at the tip (a polygon: a little under πr²/2).
        Assert.Equal(80 * 3 + Math.PI * 1.5 * 1.5 / 2, Ink(c), 0.3);
    }

    [Fact]
    public void DrawPolyline_NaNPoint_LeavesAGap()
    {
        var gap = new RasterCanvas(100, 20);
        var two = new RasterCanvas(100, 20);

        gap.DrawPolyline([10, 40, 50, 60, 90], [10, 10, double.NaN, 10, 10], Black, 2);
        two.DrawLine(10, 10, 40, 10, Black, 2);
        two.DrawLine(60, 10, 90, 10, Black, 2);

        Assert.Equal(0, MaxDifference(gap, two));
        Assert.Equal(120, Ink(gap), 1);
    }

    [Fact]
    public void DrawPolyline_LengthsDiffer_Throws()
    {
        var c = new RasterCanvas(10, 10);

        Assert.Throws<ArgumentException>(() => c.DrawPolyline([1, 2, 3], [1, 2], Black, 1));
    }

    [Fact]
    public void DrawLine_FarOutsideAndHuge_NoInkNoError()
    {
        var c = new RasterCanvas(50, 50);

        c.DrawLine(-1e12, -5e11, -1e6, 1e9, Black, 3);
        c.DrawLine(double.NaN, 0, 10, 10, Black, 3);
        c.FillRectangle(double.NegativeInfinity, 0, 10, 10, Black);
        c.DrawLine(-1e9, 25.5, 1e9, 25.5, Black, 1);

        Assert.Equal(50, Ink(c), 1); // only the last one, across the whole canvas
    }

    [Fact]
    public void PushClip_FillEverything_OnlyTheClipIsPainted()
    {
        var c = new RasterCanvas(50, 50);

        c.PushClip(10, 12, 20, 15);
        c.FillRectangle(0, 0, 50, 50, Black);
        c.DrawLine(0, 0, 50, 50, Black, 5);
        c.PopClip();

        Assert.Equal((10, 12, 29, 26), InkBounds(c));
        Assert.Equal(20 * 15, Ink(c), 3);
    }

    [Fact]
    public void PushClip_Nested_IntersectsAndPopRestores()
    {
        var c = new RasterCanvas(50, 50);

        c.PushClip(10, 10, 30, 30);
        c.PushClip(20, 0, 50, 25);
        c.FillRectangle(0, 0, 50, 50, Black);
        c.PopClip();
        c.FillRectangle(0, 45, 50, 5, Black); // outside the outer clip: nothing
        c.FillRectangle(10, 38, 5, 2, Black); // inside the outer clip only
        c.PopClip();
        c.FillRectangle(0, 48, 1, 1, Black); // no clip left

        Assert.Equal(20 * 15 + 5 * 2 + 1, Ink(c), 3);
        Assert.Equal(0, c.GetPixel(20, 10).R);
        Assert.Equal(255, c.GetPixel(19, 10).R);
        Assert.Equal(255, c.GetPixel(20, 25).R);
    }

    [Fact]
    public void PushClip_FractionalEdges_SnapToNearestPixel()
    {
        var c = new RasterCanvas(20, 20);

        c.PushClip(2.4, 2.6, 5.2, 5);
        c.FillRectangle(0, 0, 20, 20, Black);

        Assert.Equal((2, 3, 7, 7), InkBounds(c));
    }

    [Fact]
    public void PopClip_WithoutPush_Throws()
    {
        var c = new RasterCanvas(10, 10);

        Assert.Throws<InvalidOperationException>(c.PopClip);
    }

    [Fact]
    public void ScaledCanvas_PointsLayoutAtTwoPixelsPerPoint_LandsOnTwiceThePixels()
    {
        var c = new RasterCanvas(100, 60);
        var points = new ScaledCanvas(c, 2);

        points.FillRectangle(1, 1, 2, 2, Black);

        Assert.Equal((50.0, 30.0), (points.Width, points.Height));
        Assert.Equal((2, 2, 5, 5), InkBounds(c));
        Assert.Equal(2671.0 * 10 / 2048, points.MeasureText("AV", 10), 9); // in the layout's units, whatever the scale
    }

    [Fact]
    public void MeasureText_AtUnitsPerEm_AdvancesPlusKerningInFontUnits()
    {
        var c = new RasterCanvas(10, 10);

        Assert.Equal(1401 + 1401 - 131, c.MeasureText("AV", 2048));
        Assert.Equal(1585 + 1585 - 139, c.MeasureText("AV", 2048, bold: true));
        Assert.Equal(0, c.MeasureText("", 12));
        Assert.Equal((1303 + 651 + 1716) * 12 / 2048.0, c.MeasureText("µ ≥", 12), 12);
    }

    [Fact]
    public void MeasureText_KerningOff_AdvancesOnly()
    {
        var c = new RasterCanvas(10, 10, kerning: false);

        Assert.Equal(1401 + 1401, c.MeasureText("AV", 2048));
    }

    [Fact]
    public void DrawText_KerningOff_SecondGlyphNotPulledIn()
    {
        var kerned = new RasterCanvas(200, 60);
        var plain = new RasterCanvas(200, 60, kerning: false);

        kerned.DrawText("AV", 10, 45, 40, Black);
        plain.DrawText("AV", 10, 45, 40, Black);

        // V's ink ends 131/2048 em (2.56 px) further right without kerning.
        Assert.InRange(InkBounds(plain)!.Value.X1 - InkBounds(kerned)!.Value.X1, 2, 3);
    }

    [Fact]
    public void DrawText_RectilinearGlyph_InkExactlyOnItsScaledBounds()
    {
        var c = new RasterCanvas(200, 160);
        var font = ReportTypefaces.Regular;
        var (xMin, yMin, xMax, yMax) = font.GlyphBounds(font.GlyphIndex('H'));
        double s = 100.0 / 2048;

        c.DrawText("H", 10.25, 120, 100, Black);

        var expected = ((int)Math.Floor(10.25 + xMin * s), (int)Math.Floor(120 - yMax * s), (int)Math.Ceiling(10.25 + xMax * s) - 1, (int)Math.Ceiling(120 - yMin * s) - 1);
        Assert.Equal(expected, InkBounds(c));
    }

    [Theory]
    [InlineData("Hamburgefonstiv µ≥ AVTo", false)]
    [InlineData("NAA/tCr 1.32 (0.97–1.80) Ågç", true)]
    public void DrawText_Line_InkInsideTheMeasuredBoxAndNothingOutside(string text, bool bold)
    {
        var c = new RasterCanvas(500, 100);
        double x = 20.3, baseline = 60, size = 24;

        c.DrawText(text, x, baseline, size, Black, bold);

        var ink = InkBounds(c)!.Value;
        double width = c.MeasureText(text, size, bold);
        Assert.InRange(ink.X0, Math.Floor(x), x + 3);
        Assert.InRange(ink.X1, x + width - 4, Math.Ceiling(x + width));
        Assert.InRange(ink.Y0, baseline - Math.Ceiling(1901 * size / 2048), baseline - 15); // ascender; accents reach above cap height
        Assert.InRange(ink.Y1, baseline + 4, baseline + Math.Ceiling(483 * size / 2048)); // descender
        Assert.InRange(Ink(c), 0.1 * width * 10, 0.3 * width * size);
    }

    [Fact]
    public void DrawText_Bold_MoreInkThanRegular()
    {
        var regular = new RasterCanvas(300, 40);
        var bold = new RasterCanvas(300, 40);

        regular.DrawText("Concentration 12.3 mM", 5, 30, 18, Black);
        bold.DrawText("Concentration 12.3 mM", 5, 30, 18, Black, bold: true);

        Assert.InRange(Ink(bold) / Ink(regular), 1.3, 1.8);
    }

    [Theory]
    [InlineData(TextAlign.Right, 1.0)]
    [InlineData(TextAlign.Center, 0.5)]
    public void DrawText_Aligned_SameAsLeftShiftedByTheWidth(TextAlign align, double fraction)
    {
        const string text = "tNAA/tCr ≥ 1.4";
        var aligned = new RasterCanvas(300, 40);
        var shifted = new RasterCanvas(300, 40);

        aligned.DrawText(text, 250, 30, 16, Black, align: align);
        shifted.DrawText(text, 250 - fraction * shifted.MeasureText(text, 16), 30, 16, Black);

        Assert.Equal(0, MaxDifference(aligned, shifted));
        Assert.NotNull(InkBounds(aligned));
    }

    [Fact]
    public void DrawText_FractionalBaseline_SnapsToThePixelRow()
    {
        var a = new RasterCanvas(100, 40);
        var b = new RasterCanvas(100, 40);

        a.DrawText("Hx", 5, 29.8, 20, Black);
        b.DrawText("Hx", 5, 30, 20, Black);

        Assert.Equal(0, MaxDifference(a, b));
        Assert.Equal(29, InkBounds(a)!.Value.Y1); // the baseline row is the last with ink for H and x
    }

    [Fact]
    public void DrawText_MissingCharacter_DrawsNotdefBox()
    {
        var c = new RasterCanvas(60, 40);

        c.DrawText("\uE000", 10, 30, 20, Black);

        Assert.True(Ink(c) > 10);
    }
}
