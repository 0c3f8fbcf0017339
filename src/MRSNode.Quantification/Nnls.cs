using System.Buffers;

namespace MRSNode.Quantification;

/// <summary>
/// Lawson–Hanson non-negative least squares on the normal equations (G = AᵀA + penalty, h = Aᵀy),
/// with variables marked free (e.g. baseline coefficients) unconstrained: they start, and stay, in the passive set.
/// </summary>
internal static class Nnls
{
    /// <param name="startPassive">
    /// A guess of the solution's passive set (e.g. the previous evaluation's positive amplitudes): taken as the start when
    /// its solution is feasible, which skips most of the one-at-a-time additions; the optimality checks still run, so
    /// the answer is the same minimum (to rounding). Null: Lawson–Hanson's own start.
    /// </param>
    public static double[] Solve(double[,] g, double[] h, bool[] free, int maxIterations = 0, bool[]? startPassive = null)
    {
        int n = h.Length;
        if (maxIterations <= 0)
        {
            maxIterations = 3 * n + 10;
        }
        var passive = (bool[])free.Clone();
        var x = new double[n];
        bool started = false;
        if (startPassive is not null && startPassive.Any(p => p))
        {
            var guess = free.Zip(startPassive, (f, p) => f || p).ToArray();
            var z = SolvePassive(g, h, guess);
            if (Enumerable.Range(0, n).All(i => !guess[i] || free[i] || z[i] > 0))
            {
                passive = guess;
                x = z;
                started = true;
            }
        }
        // Otherwise start from the unconstrained solution of the free variables.
        if (!started && free.Any(f => f))
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

    /// <summary>
    /// The normal equations restricted to the passive set. Called several times per fit evaluation, so the sub-matrix
    /// and its factor live in one pooled flat buffer (the 2-D arrays' allocation and zeroing were a fifth of an MRSI
    /// fit); the arithmetic is <see cref="DenseSolve.SolveSymmetric"/>'s, to which it falls back when the sub-matrix
    /// needs a ridge.
    /// </summary>
    private static double[] SolvePassive(double[,] g, double[] h, bool[] passive)
    {
        int n = h.Length;
        Span<int> idx = n <= 256 ? stackalloc int[n] : new int[n];
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (passive[i])
            {
                idx[m++] = i;
            }
        }
        var x = new double[n];
        var buffer = ArrayPool<double>.Shared.Rent(m * m + 2 * m);
        try
        {
            var l = buffer.AsSpan(0, m * m);
            var y = buffer.AsSpan(m * m, m);
            var z = buffer.AsSpan(m * m + m, m);
            if (!CholeskySolve(g, h, idx[..m], l, y, z))
            {
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
                DenseSolve.SolveSymmetric(a, b).CopyTo(z);
            }
            for (int i = 0; i < m; i++)
            {
                x[idx[i]] = z[i];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
        return x;
    }

    /// <summary>z = G[idx, idx]⁻¹·h[idx] by Cholesky (row-major lower factor in <paramref name="l"/>); false when not positive definite.</summary>
    private static bool CholeskySolve(double[,] g, double[] h, ReadOnlySpan<int> idx, Span<double> l, Span<double> y, Span<double> z)
    {
        int m = idx.Length;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = g[idx[i], idx[j]];
                for (int k = 0; k < j; k++)
                {
                    s -= l[i * m + k] * l[j * m + k];
                }
                if (i == j)
                {
                    if (!(s > 0))
                    {
                        return false;
                    }
                    l[i * m + i] = Math.Sqrt(s);
                }
                else
                {
                    l[i * m + j] = s / l[j * m + j];
                }
            }
        }
        for (int i = 0; i < m; i++)
        {
            double s = h[idx[i]];
            for (int k = 0; k < i; k++)
            {
                s -= l[i * m + k] * y[k];
            }
            y[i] = s / l[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < m; k++)
            {
                s -= l[k * m + i] * z[k];
            }
            z[i] = s / l[i * m + i];
        }
        return true;
    }
}
