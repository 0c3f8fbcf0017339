namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// A path in pixel space as straight edges, built by MoveTo/LineTo/QuadTo/Close: quadratic Béziers are
/// flattened here (segment count from the curve's deviation, so chords stay within 0.05 px at any size).
/// Keeps its bounding box so a fill only touches the pixels it can reach. Reused between draws.
/// </summary>
internal sealed class EdgeList
{
    private const int MaxCurveSegments = 64;
    private const double MaxFlatteningError = 0.05; // pixels

    private double[] _edges = new double[1024];
    private double _startX, _startY, _x, _y;
    private bool _open;

    /// <summary>Number of stored edges (horizontal ones are dropped: they add no area).</summary>
    public int Count { get; private set; }

    public double MinX { get; private set; } = double.PositiveInfinity;
    public double MinY { get; private set; } = double.PositiveInfinity;
    public double MaxX { get; private set; } = double.NegativeInfinity;
    public double MaxY { get; private set; } = double.NegativeInfinity;

    public bool IsEmpty => Count == 0;

    /// <summary>Edges as (x0, y0, x1, y1) quadruples.</summary>
    public ReadOnlySpan<double> Edges => _edges.AsSpan(0, 4 * Count);

    public void Clear()
    {
        Count = 0;
        _open = false;
        MinX = MinY = double.PositiveInfinity;
        MaxX = MaxY = double.NegativeInfinity;
    }

    public void MoveTo(double x, double y)
    {
        if (_open)
        {
            Close();
        }
        (_startX, _startY, _x, _y, _open) = (x, y, x, y, true);
        Include(x, y);
    }

    public void LineTo(double x, double y)
    {
        AddEdge(_x, _y, x, y);
        (_x, _y) = (x, y);
    }

    public void QuadTo(double cx, double cy, double x, double y)
    {
        // n chords of a quadratic stray at most |p0 − 2c + p2| / (4n²) from it: choose n for 0.05 px.
        double devX = _x - 2 * cx + x, devY = _y - 2 * cy + y;
        double deviation = Math.Sqrt(devX * devX + devY * devY);
        if (!(deviation > 4 * MaxFlatteningError))
        {
            LineTo(x, y);
            return;
        }
        int n = (int)Math.Min(MaxCurveSegments, Math.Ceiling(Math.Sqrt(deviation / (4 * MaxFlatteningError))));
        double x0 = _x, y0 = _y;
        for (int i = 1; i < n; i++)
        {
            double t = (double)i / n, u = 1 - t;
            LineTo(u * u * x0 + 2 * t * u * cx + t * t * x, u * u * y0 + 2 * t * u * cy + t * t * y);
        }
        LineTo(x, y);
    }

    /// <summary>Closes the current contour back to its start.</summary>
    public void Close()
    {
        if (_open)
        {
            LineTo(_startX, _startY);
            _open = false;
        }
    }

    /// <summary>A closed polygon through the given corners.</summary>
    public void Polygon(ReadOnlySpan<double> xy)
    {
        MoveTo(xy[0], xy[1]);
        for (int i = 2; i + 1 < xy.Length; i += 2)
        {
            LineTo(xy[i], xy[i + 1]);
        }
        Close();
    }

    private void AddEdge(double x0, double y0, double x1, double y1)
    {
        Include(x1, y1);
        // Horizontal edges add no area; non-finite ones (a NaN in plotted data) are dropped rather than poisoning the fill.
        if (y0 == y1 || !double.IsFinite(x0 + y0 + x1 + y1))
        {
            return;
        }
        if (4 * Count + 4 > _edges.Length)
        {
            Array.Resize(ref _edges, _edges.Length * 2);
        }
        var e = _edges.AsSpan(4 * Count, 4);
        (e[0], e[1], e[2], e[3]) = (x0, y0, x1, y1);
        Count++;
    }

    private void Include(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            return;
        }
        MinX = Math.Min(MinX, x);
        MaxX = Math.Max(MaxX, x);
        MinY = Math.Min(MinY, y);
        MaxY = Math.Max(MaxY, y);
    }
}
