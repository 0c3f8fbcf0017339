using System.Numerics.Tensors;

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
    /// <param name="vectorised">SIMD dot products in the Cholesky factorisations (the MRSI profile; the last digits differ).</param>
    public static double[] Solve(double[,] g, double[] h, bool[] free, int maxIterations = 0, bool[]? startPassive = null, bool vectorised = false)
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
            var z = SolvePassive(g, h, guess, vectorised);
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
            x = SolvePassive(g, h, passive, vectorised);
        }
        var w = new double[n];
        double threshold = 1e-12 * (1 + h.Max(Math.Abs));
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            Gradient(g, h, x, passive, w);
            int best = -1;
            double bestW = threshold;
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
                var z = SolvePassive(g, h, passive, vectorised);
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

    /// <summary>
    /// w = h − G·x where it is read: at the variables not in the passive set, over the passive ones (x is zero
    /// elsewhere, so the sums are those of the full product).
    /// </summary>
    private static void Gradient(double[,] g, double[] h, double[] x, bool[] passive, double[] w)
    {
        int n = h.Length;
        for (int i = 0; i < n; i++)
        {
            if (passive[i])
            {
                continue;
            }
            double s = h[i];
            for (int j = 0; j < n; j++)
            {
                if (x[j] != 0)
                {
                    s -= g[i, j] * x[j];
                }
            }
            w[i] = s;
        }
    }

    /// <summary>
    /// The normal equations restricted to the passive set. Called several times per fit evaluation, so the sub-matrix
    /// and its factor live in one flat buffer on the stack (the 2-D arrays' allocation and zeroing were a fifth of an MRSI
    /// fit); the arithmetic is <see cref="DenseSolve.SolveSymmetric"/>'s, to which it falls back when the sub-matrix
    /// needs a ridge.
    /// </summary>
    /// <summary>Work space up to this many doubles (64 kB: a passive set of ~90) lives on the stack.</summary>
    private const int StackDoubles = 8192;

    private static double[] SolvePassive(double[,] g, double[] h, bool[] passive, bool vectorised)
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
        int size = m * m + 2 * m;
        Span<double> buffer = size <= StackDoubles ? stackalloc double[size] : new double[size];
        var l = buffer[..(m * m)];
        var y = buffer.Slice(m * m, m);
        var z = buffer.Slice(m * m + m, m);
        if (!(vectorised ? VectorisedCholeskySolve(g, h, idx[..m], l, y, z) : CholeskySolve(g, h, idx[..m], l, y, z)))
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
        BackSubstitute(l, m, y, z);
        return true;
    }

    /// <summary>
    /// <see cref="CholeskySolve"/> with the sub-matrix copied into <paramref name="l"/> first and factored in place,
    /// each inner product a SIMD dot product of two contiguous rows (rounding differs in the last digits).
    /// </summary>
    private static bool VectorisedCholeskySolve(double[,] g, double[] h, ReadOnlySpan<int> idx, Span<double> l, Span<double> y, Span<double> z)
    {
        int m = idx.Length;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                l[i * m + j] = g[idx[i], idx[j]];
            }
        }
        for (int i = 0; i < m; i++)
        {
            var rowI = l.Slice(i * m, m);
            for (int j = 0; j <= i; j++)
            {
                double s = rowI[j] - TensorPrimitives.Dot<double>(rowI[..j], l.Slice(j * m, j));
                if (i == j)
                {
                    if (!(s > 0))
                    {
                        return false;
                    }
                    rowI[i] = Math.Sqrt(s);
                }
                else
                {
                    rowI[j] = s / l[j * m + j];
                }
            }
        }
        for (int i = 0; i < m; i++)
        {
            y[i] = (h[idx[i]] - TensorPrimitives.Dot<double>(l.Slice(i * m, i), y[..i])) / l[i * m + i];
        }
        BackSubstitute(l, m, y, z);
        return true;
    }

    /// <summary>z with Lᵀz = y (L row-major lower, m × m): the Cholesky solve's second half, column reads of L.</summary>
    private static void BackSubstitute(ReadOnlySpan<double> l, int m, ReadOnlySpan<double> y, Span<double> z)
    {
        for (int i = m - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < m; k++)
            {
                s -= l[k * m + i] * z[k];
            }
            z[i] = s / l[i * m + i];
        }
    }
}
