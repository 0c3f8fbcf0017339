using MRSNode.Reporting.Rendering.Raster;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Rendering.Raster;

[UnitTest]
public class CoverageRasterizerTests
{
    /// <summary>Fills the path over a window and returns the coverage as [y, x].</summary>
    private static float[,] Fill(EdgeList path, int width, int height)
    {
        path.Close();
        var r = new CoverageRasterizer();
        r.Reset(width, height);
        r.AddEdges(path, 0, 0);
        var result = new float[height, width];
        var row = new float[width];
        for (int y = 0; y < height; y++)
        {
            row.AsSpan().Clear();
            var (start, end) = r.TakeRow(y, row);
            for (int x = start; x < end; x++)
            {
                result[y, x] = row[x];
            }
        }
        return result;
    }

    private static EdgeList Rect(double x0, double y0, double x1, double y1, bool reverse = false)
    {
        var p = new EdgeList();
        AddRect(p, x0, y0, x1, y1, reverse);
        return p;
    }

    private static void AddRect(EdgeList p, double x0, double y0, double x1, double y1, bool reverse = false)
    {
        if (reverse)
        {
            p.Polygon([x0, y0, x0, y1, x1, y1, x1, y0]);
        }
        else
        {
            p.Polygon([x0, y0, x1, y0, x1, y1, x0, y1]);
        }
    }

    private static double Sum(float[,] c) => c.Cast<float>().Sum(v => (double)v);

    [Fact]
    public void TakeRow_RectangleOnHalfPixels_EdgesHalfCornersQuarterInsideOne()
    {
        var c = Fill(Rect(2.5, 1.5, 6.5, 4.5), 10, 8);

        Assert.Equal(0.25f, c[1, 2], 6);
        Assert.Equal(0.5f, c[1, 3], 6);
        Assert.Equal(0.5f, c[2, 2], 6);
        Assert.Equal(1f, c[2, 3], 6);
        Assert.Equal(1f, c[3, 5], 6);
        Assert.Equal(0.5f, c[3, 6], 6);
        Assert.Equal(0.25f, c[4, 6], 6);
        Assert.Equal(0f, c[0, 3]);
        Assert.Equal(0f, c[2, 7]);
        Assert.Equal(0f, c[5, 3]);
        Assert.Equal(4 * 3, Sum(c), 5);
    }

    [Fact]
    public void TakeRow_ArbitraryRectangle_EachPixelIsItsOverlapArea()
    {
        var c = Fill(Rect(1.2, 0.7, 5.9, 3.35), 8, 5);

        for (int y = 0; y < 5; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                double overlap = Math.Max(0, Math.Min(5.9, x + 1) - Math.Max(1.2, x)) * Math.Max(0, Math.Min(3.35, y + 1) - Math.Max(0.7, y));
                Assert.Equal(overlap, c[y, x], 5);
            }
        }
    }

    [Fact]
    public void TakeRow_Triangle_CoverageSumsToItsArea()
    {
        var p = new EdgeList();
        p.Polygon([1.3, 1.7, 18.9, 2.2, 4.1, 13.6]);
        double area = Math.Abs((18.9 - 1.3) * (13.6 - 1.7) - (4.1 - 1.3) * (2.2 - 1.7)) / 2;

        var c = Fill(p, 20, 15);

        Assert.Equal(area, Sum(c), 4);
        Assert.All(c.Cast<float>(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void TakeRow_Circle_CoverageSumsToPiRSquared()
    {
        var p = new EdgeList();
        StrokeGeometry.AddJoin(p, 20.3, 19.6, 15);
        // The polygon's own area by trapezoids (horizontal edges, which the list drops, add none).
        var e = p.Edges;
        double polygonArea = 0;
        for (int i = 0; i < e.Length; i += 4)
        {
            polygonArea += (e[i] + e[i + 2]) / 2 * (e[i + 3] - e[i + 1]);
        }
        polygonArea = Math.Abs(polygonArea);

        var c = Fill(p, 40, 40);

        Assert.Equal(polygonArea, Sum(c), 3);
        // The polygon stays within 0.05 px of the circle: at most perimeter × 0.05 px² short of it.
        Assert.InRange(Math.PI * 15 * 15 - Sum(c), 0, 2 * Math.PI * 15 * 0.05);
    }

    [Fact]
    public void TakeRow_OverlappingSameDirection_NonZeroStaysOne()
    {
        var p = Rect(1, 1, 6, 4);
        AddRect(p, 3, 2, 8, 5);

        var c = Fill(p, 10, 6);

        Assert.Equal(1f, c[2, 4], 6); // in both
        Assert.Equal(5 * 3 + 5 * 3 - 3 * 2, Sum(c), 4);
    }

    [Fact]
    public void TakeRow_InnerContourOppositeDirection_CutsAHole()
    {
        var p = Rect(1, 1, 9, 7);
        AddRect(p, 3, 3, 6, 5, reverse: true);

        var c = Fill(p, 10, 8);

        Assert.Equal(0f, c[3, 4], 6);
        Assert.Equal(1f, c[2, 4], 6);
        Assert.Equal(8 * 6 - 3 * 2, Sum(c), 4);
    }

    [Fact]
    public void TakeRow_ShapeBeyondEveryBorder_ClippedToTheWindow()
    {
        // From x −5 to 3.5 and y −3 to 2.25, and a second one past the right and bottom edges.
        var p = Rect(-5, -3, 3.5, 2.25);
        AddRect(p, 7.5, 4, 30, 12);

        var c = Fill(p, 10, 6);

        Assert.Equal(1f, c[0, 0], 6);
        Assert.Equal(0.5f, c[1, 3], 6);
        Assert.Equal(0.25f, c[2, 0], 6);
        Assert.Equal(0.125f, c[2, 3], 6);
        Assert.Equal(0.5f, c[5, 7], 6);
        Assert.Equal(1f, c[5, 9], 6);
        Assert.Equal(3.5 * 2.25 + 2.5 * 2, Sum(c), 4);
    }

    [Fact]
    public void TakeRow_SlopedEdgesCrossingBorders_AreaOfTheClippedPolygon()
    {
        // A diamond centred on the window's left border: only its right half is inside.
        var p = new EdgeList();
        p.Polygon([-4, 5, 0, 1, 4, 5, 0, 9]);

        var c = Fill(p, 10, 10);

        Assert.Equal(16, Sum(c), 4);
    }

    [Fact]
    public void TakeRow_NonFiniteEdge_IgnoredRestStillFilled()
    {
        var p = Rect(1, 1, 3, 3);
        p.MoveTo(double.NaN, 2);
        p.LineTo(5, double.PositiveInfinity);

        var c = Fill(p, 5, 5);

        Assert.Equal(4, Sum(c), 5);
    }

    [Fact]
    public void Reset_AfterAnUnreadFill_StartsClean()
    {
        var r = new CoverageRasterizer();
        r.Reset(6, 6);
        r.AddEdges(Rect(0, 0, 6, 6), 0, 0); // never read
        r.Reset(6, 6);
        var row = new float[6];

        var (start, end) = r.TakeRow(3, row);

        Assert.Equal(0, end - start);
    }
}
