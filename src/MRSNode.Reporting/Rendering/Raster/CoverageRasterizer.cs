namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// Anti-aliased polygon fill with exact area coverage, by signed-area accumulation (the method of
/// font-rs and stb_truetype v2): each edge adds, to the cells it crosses in each scanline, the signed
/// area it sweeps; a running sum along the row then gives the winding-weighted covered fraction of
/// every pixel. |sum| clamped to 1 is non-zero winding: overlapping same-direction contours
/// (a glyph's components, the quads of a thick polyline) stay opaque, opposite ones cut holes.
/// Works on a window of <see cref="Width"/> × <see cref="Height"/> pixels; edges outside it are
/// clipped (left of it they still count, as they cover what lies to their right). Each row remembers
/// the cells it touched, so reading a row costs only its inked span and leaves the cells zeroed.
/// </summary>
internal sealed class CoverageRasterizer
{
    private float[] _cells = [];
    private int[] _rowMin = [];
    private int[] _rowMax = [];
    private int _stride;

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Starts a fill over a fresh window (the buffers are reused between fills).</summary>
    public void Reset(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        // Rows a previous fill left unread (it was interrupted) are cleared; the rest are already zero.
        for (int y = 0; y < Height; y++)
        {
            if (_rowMax[y] >= 0)
            {
                Array.Clear(_cells, y * _stride, _stride);
            }
        }
        Width = width;
        Height = height;
        // Two spare cells per row: an edge on the right border writes to x = width and width + 1.
        _stride = width + 2;
        int size = checked(_stride * height);
        if (_cells.Length < size)
        {
            _cells = new float[size];
        }
        if (_rowMin.Length < height)
        {
            _rowMin = new int[height];
            _rowMax = new int[height];
        }
        _rowMin.AsSpan(0, height).Fill(int.MaxValue);
        _rowMax.AsSpan(0, height).Fill(-1);
    }

    /// <summary>Adds every edge of the path, shifted by (−<paramref name="originX"/>, −<paramref name="originY"/>) into window coordinates.</summary>
    public void AddEdges(EdgeList path, double originX, double originY)
    {
        var e = path.Edges;
        for (int i = 0; i + 3 < e.Length; i += 4)
        {
            AddLine(e[i] - originX, e[i + 1] - originY, e[i + 2] - originX, e[i + 3] - originY);
        }
    }

    /// <summary>Adds one directed edge in window coordinates.</summary>
    public void AddLine(double x0, double y0, double x1, double y1)
    {
        if (y0 == y1 || !double.IsFinite(x0 + y0 + x1 + y1))
        {
            return;
        }
        double dir = 1;
        if (y0 > y1)
        {
            (x0, y0, x1, y1, dir) = (x1, y1, x0, y0, -1);
        }
        if (y1 <= 0 || y0 >= Height)
        {
            return;
        }
        // Clip to the window's rows.
        double dxdy = (x1 - x0) / (y1 - y0);
        if (y0 < 0)
        {
            (x0, y0) = (x0 - y0 * dxdy, 0);
        }
        if (y1 > Height)
        {
            (x1, y1) = (x1 - (y1 - Height) * dxdy, Height);
        }
        // Split where the edge crosses the left and right borders; each piece then lies on one side
        // and is clamped onto the border, which keeps its winding for the pixels inside.
        double ta = Crossing(x0, x1, 0), tb = Crossing(x0, x1, Width);
        if (ta > tb)
        {
            (ta, tb) = (tb, ta);
        }
        var (xa, ya) = ta < 1 ? (x0 + (x1 - x0) * ta, y0 + (y1 - y0) * ta) : (x1, y1);
        var (xb, yb) = tb < 1 ? (x0 + (x1 - x0) * tb, y0 + (y1 - y0) * tb) : (x1, y1);
        Clamped(x0, y0, xa, ya, dir);
        Clamped(xa, ya, xb, yb, dir);
        Clamped(xb, yb, x1, y1, dir);
    }

    /// <summary>The parameter in [0, 1] where x crosses <paramref name="border"/>, or 1 when it does not.</summary>
    private static double Crossing(double x0, double x1, double border) =>
        (x0 < border) != (x1 < border) ? (border - x0) / (x1 - x0) : 1;

    private void Clamped(double x0, double y0, double x1, double y1, double dir)
    {
        if (y1 <= y0)
        {
            return;
        }
        double w = Width;
        x0 = Math.Clamp(x0, 0, w);
        x1 = Math.Clamp(x1, 0, w);
        double dxdy = (x1 - x0) / (y1 - y0);
        var cells = _cells;
        double x = x0;
        int rowEnd = Math.Min(Height, (int)Math.Ceiling(y1));
        for (int y = (int)y0; y < rowEnd; y++)
        {
            int line = y * _stride;
            double dy = Math.Min(y + 1, y1) - Math.Max(y, y0);
            double xNext = Math.Clamp(x + dxdy * dy, 0, w);
            double d = dy * dir;
            (double xl, double xr) = x < xNext ? (x, xNext) : (xNext, x);
            double xlFloor = Math.Floor(xl), xrCeil = Math.Ceiling(xr);
            int xli = (int)xlFloor, xri = (int)xrCeil;
            _rowMin[y] = Math.Min(_rowMin[y], xli);
            _rowMax[y] = Math.Max(_rowMax[y], Math.Max(xli + 1, xri));
            if (xri <= xli + 1)
            {
                // Within one cell: the part right of the edge's mean x is covered.
                double xm = 0.5 * (x + xNext) - xlFloor;
                cells[line + xli] += (float)(d - d * xm);
                cells[line + xli + 1] += (float)(d * xm);
            }
            else
            {
                // Across several cells: a triangle in the first, trapezoids between, a triangle in the last.
                double s = 1 / (xr - xl);
                double xlFrac = xl - xlFloor;
                double a0 = 0.5 * s * (1 - xlFrac) * (1 - xlFrac);
                double xrFrac = xr - xrCeil + 1;
                double am = 0.5 * s * xrFrac * xrFrac;
                cells[line + xli] += (float)(d * a0);
                if (xri == xli + 2)
                {
                    cells[line + xli + 1] += (float)(d * (1 - a0 - am));
                }
                else
                {
                    double a1 = s * (1.5 - xlFrac);
                    cells[line + xli + 1] += (float)(d * (a1 - a0));
                    float step = (float)(d * s);
                    for (int xi = xli + 2; xi < xri - 1; xi++)
                    {
                        cells[line + xi] += step;
                    }
                    double a2 = a1 + (xri - xli - 3) * s;
                    cells[line + xri - 1] += (float)(d * (1 - a2 - am));
                }
                cells[line + xri] += (float)(d * am);
            }
            x = xNext;
        }
    }

    /// <summary>
    /// Coverage in [0, 1] (non-zero winding) of row <paramref name="y"/>, written to
    /// <paramref name="coverage"/>[start..end); outside that span the row is empty. The row's cells are
    /// zeroed for the next fill. For closed paths the running sum is back to zero after the last touched
    /// cell, which is why the span can stop there.
    /// </summary>
    public (int Start, int End) TakeRow(int y, Span<float> coverage)
    {
        int lo = _rowMin[y], hi = _rowMax[y];
        if (hi < 0)
        {
            return (0, 0);
        }
        var cells = _cells.AsSpan(y * _stride, _stride);
        int end = Math.Min(hi + 1, Width);
        float sum = 0;
        for (int x = lo; x < end; x++)
        {
            sum += cells[x];
            coverage[x] = Math.Min(Math.Abs(sum), 1f);
        }
        cells[lo..(hi + 1)].Clear();
        (_rowMin[y], _rowMax[y]) = (int.MaxValue, -1);
        return (Math.Min(lo, end), end);
    }
}
