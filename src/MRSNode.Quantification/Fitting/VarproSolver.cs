namespace MRSNode.Quantification.Fitting;

/// <summary>What <see cref="VarproSolver.Solve"/> found for given model columns: the linear parameters and the residual rows.</summary>
/// <param name="Residual">Data rows y − A·x, then the baseline penalty's rows, the ratio priors' rows, and the caller's rows (zero).</param>
/// <param name="Amplitudes">The components' amplitudes (≥ 0).</param>
/// <param name="Beta">The baseline's coefficients.</param>
/// <param name="Gram">The normal matrix of [components, baseline] (the baseline block with its penalty, the amplitudes' with the ratio priors).</param>
internal sealed record VarproSolution(double[] Residual, double[] Amplitudes, double[] Beta, double[,] Gram);

/// <summary>
/// The linear half of the variable-projection fit: for given model columns A (the components) and phased data y, the
/// amplitudes (non-negative, Lawson–Hanson) and the penalised baseline coefficients (free) minimising
/// ‖y − A·a − B·β‖² + λ‖Dβ‖² + Σ_k (σ w_k c_kᵀa)², and Kaufman's projection of Jacobian columns onto the complement
/// of that linear fit. Immutable.
/// </summary>
/// <param name="mrsiProfile">The MRSI profile's shortcuts: SIMD dot products and one factorisation for the projection (faster; the last digits differ from the full fit's).</param>
internal sealed class VarproSolver(PenalisedBaseline baseline, bool mrsiProfile = false)
{
    public PenalisedBaseline Baseline => baseline;

    /// <summary>Solves for the linear parameters; the residual has <paramref name="extraRows"/> zero rows at its end for the caller.</summary>
    /// <param name="activeGuess">Which amplitudes are likely positive (a nearby solution's), as <see cref="Nnls"/>'s start; null: none.</param>
    public VarproSolution Solve(double[][] columns, double[] y, RatioPriorRows ratio, int extraRows, bool[]? activeGuess = null)
    {
        int nc = columns.Length;
        int nb = baseline.Count;
        int n = nc + nb;
        var all = new double[n][];
        for (int j = 0; j < nc; j++)
        {
            all[j] = columns[j];
        }
        for (int j = 0; j < nb; j++)
        {
            all[nc + j] = baseline.Columns[j];
        }
        var g = new double[n, n];
        var h = new double[n];
        for (int i = 0; i < n; i++)
        {
            h[i] = Dot(i, nc, all[i], y);
            for (int j = 0; j <= Math.Min(i, nc - 1); j++)
            {
                double v = Dot(i, nc, all[i], all[j]);
                g[i, j] = v;
                g[j, i] = v;
            }
        }
        for (int i = 0; i < nb; i++)
        {
            for (int j = 0; j < nb; j++)
            {
                g[nc + i, nc + j] = baseline.Gram[i, j];
            }
        }
        ratio.AddTo(g);
        var free = new bool[n];
        for (int i = nc; i < n; i++)
        {
            free[i] = true;
        }
        var x = Nnls.Solve(g, h, free, 0, activeGuess is null ? null : [.. activeGuess, .. new bool[nb]], mrsiProfile);
        var m = y.Length;
        int penaltyRows = baseline.PenaltyRows;
        var r = new double[m + penaltyRows + ratio.Count + extraRows];
        for (int k = 0; k < m; k++)
        {
            double s = y[k];
            for (int j = 0; j < n; j++)
            {
                s -= all[j][k] * x[j];
            }
            r[k] = s;
        }
        double sl = Math.Sqrt(baseline.Lambda);
        for (int k = 0; k < penaltyRows; k++)
        {
            r[m + k] = sl * (x[nc + k] - 2 * x[nc + k + 1] + x[nc + k + 2]);
        }
        for (int k = 0; k < ratio.Count; k++)
        {
            r[m + penaltyRows + k] = ratio.Row(k, x); // x: amplitudes first
        }
        return new VarproSolution(r, x[..nc], x[nc..], g);
    }

    /// <summary>
    /// Kaufman's variable-projection Jacobian columns: for each v (the residual's derivative at fixed linear parameters,
    /// data rows), [v; 0] − Ã·G⁻¹·Ãᵀv, Ã the active amplitude columns and the baseline's with their penalty and prior
    /// rows. Each column is as long as the solution's residual (its caller's rows left zero).
    /// </summary>
    public double[][] ProjectColumns(VarproSolution solution, double[][] columns, RatioPriorRows ratio, double[][] vs)
    {
        int nc = columns.Length;
        int nb = baseline.Count;
        var active = new List<int>();
        for (int j = 0; j < nc; j++)
        {
            if (solution.Amplitudes[j] > 0)
            {
                active.Add(j);
            }
        }
        for (int j = 0; j < nb; j++)
        {
            active.Add(nc + j);
        }
        int na = active.Count;
        double[] Column(int i) => i < nc ? columns[i] : baseline.Columns[i - nc];
        var g = new double[na, na];
        for (int i = 0; i < na; i++)
        {
            for (int j = 0; j < na; j++)
            {
                g[i, j] = solution.Gram[active[i], active[j]];
            }
        }
        // The MRSI profile factors once and solves per column (cheaper than forming G⁻¹ for a Jacobian's few columns;
        // the last digits differ); the full fit keeps G⁻¹. A G no ridge can factor gives z = 0 either way.
        var factor = mrsiProfile && na > 0 ? DenseSolve.FactorWithRidge(g) : null;
        var inverse = mrsiProfile || na == 0 ? null : DenseSolve.InverseSymmetric(g);
        int m = columns.Length > 0 ? columns[0].Length : 0;
        int penaltyRows = baseline.PenaltyRows;
        double sl = Math.Sqrt(baseline.Lambda);
        var result = new double[vs.Length][];
        for (int q = 0; q < vs.Length; q++)
        {
            var v = vs[q];
            var h = new double[na];
            for (int i = 0; i < na; i++)
            {
                h[i] = Dot(active[i], nc, Column(active[i]), v);
            }
            var z = factor is not null ? DenseSolve.SolveFactored(factor, h) : inverse is not null ? Multiply(inverse, h) : new double[na];
            var zb = new double[nb];
            for (int i = 0; i < na; i++)
            {
                if (active[i] >= nc)
                {
                    zb[active[i] - nc] = z[i];
                }
            }
            var col = new double[solution.Residual.Length];
            Array.Copy(v, col, m);
            for (int i = 0; i < na; i++)
            {
                var c = Column(active[i]);
                double zi = z[i];
                for (int k = 0; k < m; k++)
                {
                    col[k] -= c[k] * zi;
                }
            }
            // The penalty rows are √λ·Dβ = 0 − (−√λ·D)·β: Ã's rows there are −√λ·D, and [v; 0] − Ã·z leaves +√λ·D·z_b.
            for (int k = 0; k < penaltyRows; k++)
            {
                col[m + k] = sl * (zb[k] - 2 * zb[k + 1] + zb[k + 2]);
            }
            for (int k = 0; k < ratio.Count; k++)
            {
                var c = ratio.Constraint(k);
                double s = 0;
                for (int i = 0; i < na && active[i] < nc; i++)
                {
                    s += c[active[i]] * z[i];
                }
                col[m + penaltyRows + k] = ratio.ProjectedRow(k, s);
            }
            result[q] = col;
        }
        return result;
    }

    private static double[] Multiply(double[,] a, double[] h)
    {
        var z = new double[h.Length];
        for (int i = 0; i < z.Length; i++)
        {
            double s = 0;
            for (int j = 0; j < h.Length; j++)
            {
                s += a[i, j] * h[j];
            }
            z[i] = s;
        }
        return z;
    }

    /// <summary>
    /// Column <paramref name="index"/> of [components (<paramref name="nc"/>), baseline] dotted with b: under the MRSI
    /// profile a baseline column only over its support (<see cref="PenalisedBaseline.Support"/>), SIMD-summed; otherwise
    /// as <see cref="Vectors.Dot(double[], double[], bool)"/>.
    /// </summary>
    private double Dot(int index, int nc, double[] column, double[] b) =>
        mrsiProfile && index >= nc ? Vectors.Dot(column, b, baseline.Support[index - nc]) : Vectors.Dot(column, b, mrsiProfile);
}
