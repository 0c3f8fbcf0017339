namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// A glyph's outline in font units (y up), as TrueType stores it: points with on/off-curve flags
/// (off-curve = quadratic control point), grouped into closed contours. Composite glyphs are
/// already resolved into their components' transformed points.
/// </summary>
internal sealed class GlyphOutline
{
    public GlyphOutline(float[] x, float[] y, bool[] onCurve, int[] contourEnds)
    {
        X = x;
        Y = y;
        OnCurve = onCurve;
        ContourEnds = contourEnds;
        if (x.Length > 0)
        {
            (XMin, XMax, YMin, YMax) = (x.Min(), x.Max(), y.Min(), y.Max());
        }
    }

    public static GlyphOutline Empty { get; } = new([], [], [], []);

    public float[] X { get; }
    public float[] Y { get; }
    public bool[] OnCurve { get; }

    /// <summary>Index of the last point of each contour (ascending).</summary>
    public int[] ContourEnds { get; }

    public int PointCount => X.Length;

    /// <summary>Bounds of the points (control points included, so possibly a little larger than the ink).</summary>
    public float XMin { get; }
    public float XMax { get; }
    public float YMin { get; }
    public float YMax { get; }

    /// <summary>
    /// Appends the outline to <paramref name="path"/> scaled to pixels: the glyph origin goes to
    /// (<paramref name="originX"/>, <paramref name="originY"/>) and y is flipped (pixels run down).
    /// </summary>
    public void AppendTo(EdgeList path, double scale, double originX, double originY)
    {
        int first = 0;
        foreach (int last in ContourEnds)
        {
            AppendContour(path, first, last, scale, originX, originY);
            first = last + 1;
        }
    }

    private void AppendContour(EdgeList path, int first, int last, double scale, double ox, double oy)
    {
        int n = last - first + 1;
        if (n < 2)
        {
            return;
        }
        double Px(int i) => ox + X[i] * scale;
        double Py(int i) => oy - Y[i] * scale;
        // Start on an on-curve point; when both ends are off-curve, start at their implied midpoint.
        double sx, sy;
        int begin;
        if (OnCurve[first])
        {
            (sx, sy, begin) = (Px(first), Py(first), first + 1);
        }
        else if (OnCurve[last])
        {
            (sx, sy, begin) = (Px(last), Py(last), first);
        }
        else
        {
            (sx, sy, begin) = ((Px(first) + Px(last)) / 2, (Py(first) + Py(last)) / 2, first);
        }
        path.MoveTo(sx, sy);
        bool pending = false;
        double cx = 0, cy = 0;
        for (int k = 0; k < n; k++)
        {
            int i = begin + k;
            if (i > last)
            {
                i -= n;
            }
            double x = Px(i), y = Py(i);
            if (OnCurve[i])
            {
                if (pending)
                {
                    path.QuadTo(cx, cy, x, y);
                    pending = false;
                }
                else
                {
                    path.LineTo(x, y);
                }
            }
            else if (pending)
            {
                double mx = (cx + x) / 2, my = (cy + y) / 2;
                path.QuadTo(cx, cy, mx, my);
                (cx, cy) = (x, y);
            }
            else
            {
                (cx, cy, pending) = (x, y, true);
            }
        }
        if (pending)
        {
            path.QuadTo(cx, cy, sx, sy);
        }
        path.Close();
    }
}
