namespace MRSNode.Quantification;

/// <summary>
/// A smooth baseline: uniform cubic B-splines over the fit window (knot spacing in ppm), with a
/// second-difference penalty on the coefficients (P-spline). Columns are evaluated at given ppm values.
/// </summary>
internal sealed class SplineBaseline
{
    public SplineBaseline(double[] ppm, double lowPpm, double highPpm, double knotSpacingPpm)
    {
        int intervals = Math.Max(1, (int)Math.Round((highPpm - lowPpm) / knotSpacingPpm));
        double h = (highPpm - lowPpm) / intervals;
        Count = intervals + 3;
        Columns = new double[Count][];
        for (int j = 0; j < Count; j++)
        {
            Columns[j] = new double[ppm.Length];
        }
        for (int i = 0; i < ppm.Length; i++)
        {
            double u = (ppm[i] - lowPpm) / h;
            for (int j = 0; j < Count; j++)
            {
                // B-spline j is centred at knot (j − 1) in units of h.
                Columns[j][i] = CubicB(u - (j - 1));
            }
        }
    }

    public int Count { get; }

    public double[][] Columns { get; }

    /// <summary>DᵀD for the second differences of the coefficients.</summary>
    public double[,] SecondDifferencePenalty()
    {
        var p = new double[Count, Count];
        for (int k = 0; k + 2 < Count; k++)
        {
            int[] idx = [k, k + 1, k + 2];
            double[] d = [1, -2, 1];
            for (int a = 0; a < 3; a++)
            {
                for (int b = 0; b < 3; b++)
                {
                    p[idx[a], idx[b]] += d[a] * d[b];
                }
            }
        }
        return p;
    }

    private static double CubicB(double x)
    {
        x = Math.Abs(x);
        if (x >= 2)
        {
            return 0;
        }
        if (x >= 1)
        {
            double t = 2 - x;
            return t * t * t / 6;
        }
        return (4 - 6 * x * x + 3 * x * x * x) / 6;
    }
}
