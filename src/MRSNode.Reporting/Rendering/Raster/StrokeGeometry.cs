namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// Thick lines as polygons for the coverage fill: a segment is a quad (butt ends), a polyline is its
/// segments' quads plus a small disc at each bend (a round join), a rectangle outline is an outer and
/// an inner contour of opposite direction. Every piece is wound the same way, so overlaps stay
/// opaque under non-zero winding instead of cancelling.
/// </summary>
internal static class StrokeGeometry
{
    /// <summary>A segment of width 2·<paramref name="half"/>; nothing for a zero-length or non-finite one.</summary>
    public static bool AddSegment(EdgeList path, double x0, double y0, double x1, double y1, double half)
    {
        double dx = x1 - x0, dy = y1 - y0, length = Math.Sqrt(dx * dx + dy * dy);
        if (!(length > 0) || !double.IsFinite(length))
        {
            return false;
        }
        // Normal (−dy, dx): with this corner order every quad has the same (negative) signed area.
        double nx = -dy / length * half, ny = dx / length * half;
        path.Polygon([x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny]);
        return true;
    }

    /// <summary>A disc that fills the wedge between two segments meeting at (x, y); wound like the quads.</summary>
    public static void AddJoin(EdgeList path, double x, double y, double half)
    {
        // Enough sides that the polygon stays within ~0.05 px of the circle at report line widths.
        int sides = Math.Clamp((int)Math.Ceiling(Math.PI / Math.Acos(1 - Math.Min(0.05 / half, 1))), 6, 48);
        path.MoveTo(x + half, y);
        for (int k = 1; k < sides; k++)
        {
            double angle = -2 * Math.PI * k / sides; // decreasing angle: same winding as the quads
            path.LineTo(x + half * Math.Cos(angle), y + half * Math.Sin(angle));
        }
        path.Close();
    }

    /// <summary>A polyline through (x[i], y[i]); a non-finite point breaks it (a gap, as plotting tools draw missing data).</summary>
    public static void AddPolyline(EdgeList path, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double half)
    {
        bool previousDrawn = false;
        double pdx = 0, pdy = 0;
        for (int i = 1; i < x.Length; i++)
        {
            double dx = x[i] - x[i - 1], dy = y[i] - y[i - 1];
            bool drawn = AddSegment(path, x[i - 1], y[i - 1], x[i], y[i], half);
            // A join only where the direction changes: a straight run needs none.
            if (drawn && previousDrawn && !SameDirection(pdx, pdy, dx, dy))
            {
                AddJoin(path, x[i - 1], y[i - 1], half);
            }
            if (drawn)
            {
                (pdx, pdy) = (dx, dy);
            }
            // A zero-length step keeps the run going; a non-finite point ends it.
            previousDrawn = drawn || (previousDrawn && dx == 0 && dy == 0);
        }
    }

    private static bool SameDirection(double ax, double ay, double bx, double by)
    {
        double dot = ax * bx + ay * by;
        return dot > 0 && Math.Abs(ax * by - ay * bx) <= 1e-9 * dot;
    }

    /// <summary>The outline of a rectangle, centred on its edges, with mitred (square) corners.</summary>
    public static void AddRectangleOutline(EdgeList path, double x0, double y0, double x1, double y1, double half)
    {
        double ox0 = x0 - half, oy0 = y0 - half, ox1 = x1 + half, oy1 = y1 + half;
        path.Polygon([ox0, oy0, ox1, oy0, ox1, oy1, ox0, oy1]);
        double ix0 = x0 + half, iy0 = y0 + half, ix1 = x1 - half, iy1 = y1 - half;
        if (ix1 > ix0 && iy1 > iy0)
        {
            path.Polygon([ix0, iy0, ix0, iy1, ix1, iy1, ix1, iy0]); // opposite direction: the hole
        }
    }
}
