namespace MRSNode.Quantification;

/// <summary>
/// The quantification's one dense solver: Cholesky factorisation of small symmetric positive (semi)definite matrices
/// (normal equations of the fit, the NNLS passive sets, the CRLB's Fisher matrix, the neural least-squares layer), with
/// a growing ridge where a matrix is singular to working precision.
/// </summary>
internal static class DenseSolve
{
    private const int RidgeAttempts = 8;

    /// <summary>
    /// Solves a·x = b; false when no ridge up to 100·max|aᵢᵢ| makes <paramref name="a"/> factorable (then
    /// <paramref name="x"/> is empty: a caller must say so, not step by zeros).
    /// </summary>
    public static bool TrySolveSymmetric(double[,] a, double[] b, out double[] x)
    {
        if (b.Length == 0)
        {
            x = [];
            return true;
        }
        var l = FactorWithRidge(a);
        x = l is null ? [] : SolveFactored(l, b);
        return l is not null;
    }

    /// <summary>Solves a·x = b; zeros when the matrix cannot be factored (for callers whose zero is a safe answer).</summary>
    public static double[] SolveSymmetric(double[,] a, double[] b) => TrySolveSymmetric(a, b, out var x) ? x : new double[b.Length];

    /// <summary>
    /// Inverse of a symmetric positive (semi)definite matrix by Cholesky, with a growing ridge when it is singular;
    /// when no ridge helps every entry is <paramref name="unsolvable"/> (0 where a caller needs a usable matrix, NaN
    /// where a zero would read as certainty, as for a CRLB).
    /// </summary>
    public static double[,] InverseSymmetric(double[,] a, double unsolvable = 0)
    {
        int n = a.GetLength(0);
        var inverse = new double[n, n];
        var l = FactorWithRidge(a);
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
            var col = SolveFactored(l, e);
            for (int i = 0; i < n; i++)
            {
                inverse[i, j] = col[i];
            }
        }
        return inverse;
    }

    /// <summary>The lower Cholesky factor L of a = LLᵀ (no ridge), or null when a is not positive definite.</summary>
    public static double[,]? Factor(double[,] a) => Factor(a, 0);

    /// <summary>x with LLᵀx = b, by forward and back substitution.</summary>
    public static double[] SolveFactored(double[,] l, double[] b)
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

    /// <summary>L for a + ridge·I: no ridge first, then 1e-12·max|aᵢᵢ| growing a hundredfold a time, or null.</summary>
    public static double[,]? FactorWithRidge(double[,] a)
    {
        int n = a.GetLength(0);
        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            scale = Math.Max(scale, Math.Abs(a[i, i]));
        }
        double ridge = 0;
        for (int attempt = 0; attempt < RidgeAttempts; attempt++)
        {
            var l = Factor(a, ridge);
            if (l is not null)
            {
                return l;
            }
            ridge = ridge == 0 ? 1e-12 * (scale + 1e-300) : ridge * 100;
        }
        return null;
    }

    private static double[,]? Factor(double[,] a, double ridge)
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
}
