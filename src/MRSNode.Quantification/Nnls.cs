namespace MRSNode.Quantification;

/// <summary>
/// Lawson–Hanson non-negative least squares on the normal equations (G = AᵀA + penalty, h = Aᵀy),
/// with variables marked free (e.g. baseline coefficients) unconstrained: they start, and stay, in the passive set.
/// </summary>
internal static class Nnls
{
    public static double[] Solve(double[,] g, double[] h, bool[] free, int maxIterations = 0)
    {
        int n = h.Length;
        if (maxIterations <= 0)
        {
            maxIterations = 3 * n + 10;
        }
        var passive = (bool[])free.Clone();
        var x = new double[n];
        // Start from the unconstrained solution of the free variables.
        if (free.Any(f => f))
        {
            x = SolvePassive(g, h, passive);
        }
        var w = new double[n];
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            Gradient(g, h, x, w);
            int best = -1;
            double bestW = 1e-12 * (1 + h.Max(Math.Abs));
            for (int i = 0; i < n; i++)
            {
                if (!passive[i] && w[i] > bestW)
                {
                    bestW = w[i];
                    best = i;
                }
            }
            if (best < 0)
            {
                break;
            }
            passive[best] = true;
            while (true)
            {
                var z = SolvePassive(g, h, passive);
                double alpha = 1;
                int blocking = -1;
                for (int i = 0; i < n; i++)
                {
                    if (passive[i] && !free[i] && z[i] <= 0)
                    {
                        double a = x[i] / (x[i] - z[i]);
                        if (a < alpha)
                        {
                            alpha = a;
                            blocking = i;
                        }
                    }
                }
                if (blocking < 0)
                {
                    x = z;
                    break;
                }
                for (int i = 0; i < n; i++)
                {
                    x[i] += alpha * (z[i] - x[i]);
                    if (passive[i] && !free[i] && (x[i] <= 1e-15 * (1 + Math.Abs(z[i])) || i == blocking))
                    {
                        passive[i] = false;
                        x[i] = 0;
                    }
                }
            }
        }
        return x;
    }

    private static void Gradient(double[,] g, double[] h, double[] x, double[] w)
    {
        int n = h.Length;
        for (int i = 0; i < n; i++)
        {
            double s = h[i];
            for (int j = 0; j < n; j++)
            {
                s -= g[i, j] * x[j];
            }
            w[i] = s;
        }
    }

    private static double[] SolvePassive(double[,] g, double[] h, bool[] passive)
    {
        int n = h.Length;
        var idx = Enumerable.Range(0, n).Where(i => passive[i]).ToArray();
        int m = idx.Length;
        var a = new double[m, m];
        var b = new double[m];
        for (int i = 0; i < m; i++)
        {
            b[i] = h[idx[i]];
            for (int j = 0; j < m; j++)
            {
                a[i, j] = g[idx[i], idx[j]];
            }
        }
        var s = DenseSolve.SolveSymmetric(a, b);
        var x = new double[n];
        for (int i = 0; i < m; i++)
        {
            x[idx[i]] = s[i];
        }
        return x;
    }
}

/// <summary>Small dense symmetric solves (Cholesky with a tiny ridge on failure) and inverses.</summary>
internal static class DenseSolve
{
    public static double[] SolveSymmetric(double[,] a, double[] b)
    {
        int n = b.Length;
        if (n == 0)
        {
            return [];
        }
        double ridge = 0;
        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            scale = Math.Max(scale, Math.Abs(a[i, i]));
        }
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var l = Cholesky(a, ridge);
            if (l is not null)
            {
                return CholeskySolve(l, b);
            }
            ridge = ridge == 0 ? 1e-12 * (scale + 1e-300) : ridge * 100;
        }
        return new double[n];
    }

    /// <summary>
    /// Inverse of a symmetric positive (semi)definite matrix by Cholesky, with a growing ridge when it is singular;
    /// when no ridge helps every entry is <paramref name="unsolvable"/> (0 where a caller needs a usable matrix, NaN
    /// where a zero would read as certainty, as for a CRLB).
    /// </summary>
    public static double[,] InverseSymmetric(double[,] a, double unsolvable = 0)
    {
        int n = a.GetLength(0);
        var inverse = new double[n, n];
        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            scale = Math.Max(scale, Math.Abs(a[i, i]));
        }
        double ridge = 0;
        double[,]? l = null;
        for (int attempt = 0; attempt < 8 && l is null; attempt++)
        {
            l = Cholesky(a, ridge);
            ridge = ridge == 0 ? 1e-12 * (scale + 1e-300) : ridge * 100;
        }
        if (l is null)
        {
            if (unsolvable != 0)
            {
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        inverse[i, j] = unsolvable;
                    }
                }
            }
            return inverse;
        }
        var e = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            var col = CholeskySolve(l, e);
            for (int i = 0; i < n; i++)
            {
                inverse[i, j] = col[i];
            }
        }
        return inverse;
    }

    private static double[,]? Cholesky(double[,] a, double ridge)
    {
        int n = a.GetLength(0);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[i, j] + (i == j ? ridge : 0);
                for (int k = 0; k < j; k++)
                {
                    s -= l[i, k] * l[j, k];
                }
                if (i == j)
                {
                    if (!(s > 0))
                    {
                        return null;
                    }
                    l[i, i] = Math.Sqrt(s);
                }
                else
                {
                    l[i, j] = s / l[j, j];
                }
            }
        }
        return l;
    }

    private static double[] CholeskySolve(double[,] l, double[] b)
    {
        int n = b.Length;
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++)
            {
                s -= l[i, k] * y[k];
            }
            y[i] = s / l[i, i];
        }
        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < n; k++)
            {
                s -= l[k, i] * x[k];
            }
            x[i] = s / l[i, i];
        }
        return x;
    }
}
