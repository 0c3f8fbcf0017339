namespace MRSNode.Quantification.Fitting;

/// <summary>
/// The fit's baseline: <see cref="SplineBaseline"/>'s B-spline columns over the window with the second-difference
/// penalty λ·DᵀD, λ = stiffness × the mean diagonal of BᵀB. Immutable; <see cref="None"/> fits no baseline.
/// </summary>
internal sealed class PenalisedBaseline
{
    private PenalisedBaseline(double[][] columns, double[,] penalty, double lambda)
    {
        Columns = columns;
        Penalty = penalty;
        Lambda = lambda;
        int nb = columns.Length;
        Support = new (int, int)[nb];
        for (int j = 0; j < nb; j++)
        {
            int first = Array.FindIndex(columns[j], v => v != 0);
            int last = Array.FindLastIndex(columns[j], v => v != 0);
            Support[j] = first < 0 ? (0, 0) : (first, last - first + 1);
        }
        Gram = new double[nb, nb];
        for (int i = 0; i < nb; i++)
        {
            for (int j = 0; j < nb; j++)
            {
                Gram[i, j] = Vectors.Dot(columns[i], columns[j]) + lambda * penalty[i, j];
            }
        }
    }

    public static PenalisedBaseline None { get; } = new([], new double[0, 0], 0);

    public int Count => Columns.Length;

    public double[][] Columns { get; }

    /// <summary>
    /// Where each column is non-zero (a B-spline spans four knot intervals, a sixth of the window or less): a dot
    /// product with it needs only that range.
    /// </summary>
    public (int Start, int Length)[] Support { get; }

    /// <summary>DᵀD of the coefficients' second differences (without λ).</summary>
    public double[,] Penalty { get; }

    public double Lambda { get; }

    /// <summary>BᵀB + λ·DᵀD.</summary>
    public double[,] Gram { get; }

    /// <summary>Rows of the penalty in the residual: one per second difference.</summary>
    public int PenaltyRows => Math.Max(0, Count - 2);

    /// <summary>Relative stiffness (<see cref="FitOptions.BaselineStiffness"/>'s scale) this baseline was made with; 0 for <see cref="None"/>.</summary>
    public double Stiffness { get; private init; }

    /// <summary>The baseline over the window of <paramref name="ppm"/>, or <see cref="None"/> when the options fit none.</summary>
    public static PenalisedBaseline Create(double[] ppm, FitOptions options) => Create(ppm, options, options.BaselineStiffness);

    /// <summary>As <see cref="Create(double[], FitOptions)"/> with another relative stiffness.</summary>
    public static PenalisedBaseline Create(double[] ppm, FitOptions options, double stiffness)
    {
        if (options.KnotSpacingPpm <= 0)
        {
            return None;
        }
        var spline = new SplineBaseline(ppm, options.LowPpm, options.HighPpm, options.KnotSpacingPpm);
        double diag = 0;
        foreach (var col in spline.Columns)
        {
            diag += col.Sum(v => v * v);
        }
        return new PenalisedBaseline(spline.Columns, spline.SecondDifferencePenalty(), stiffness * diag / spline.Count) { Stiffness = stiffness };
    }

    /// <summary>Effective degrees of freedom of the penalised baseline: tr((BᵀB + λP)⁻¹BᵀB).</summary>
    public double EffectiveDof()
    {
        if (Count == 0)
        {
            return 0;
        }
        int nb = Count;
        var btb = new double[nb, nb];
        var h = new double[nb, nb];
        for (int i = 0; i < nb; i++)
        {
            for (int j = 0; j < nb; j++)
            {
                btb[i, j] = Vectors.Dot(Columns[i], Columns[j]);
                h[i, j] = btb[i, j] + Lambda * Penalty[i, j];
            }
        }
        var inv = DenseSolve.InverseSymmetric(h);
        double trace = 0;
        for (int i = 0; i < nb; i++)
        {
            for (int k = 0; k < nb; k++)
            {
                trace += inv[i, k] * btb[k, i];
            }
        }
        return trace;
    }

    /// <summary>λ·DᵀD, the penalty's share of the Fisher matrix.</summary>
    public double[,] ScaledPenalty()
    {
        var r = (double[,])Penalty.Clone();
        for (int i = 0; i < r.GetLength(0); i++)
        {
            for (int j = 0; j < r.GetLength(1); j++)
            {
                r[i, j] *= Lambda;
            }
        }
        return r;
    }
}
