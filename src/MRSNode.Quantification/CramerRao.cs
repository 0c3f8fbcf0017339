namespace MRSNode.Quantification;

/// <summary>Which amplitudes the CRLB covariance treats as free.</summary>
public enum CrlbCovariance
{
    /// <summary>
    /// Every amplitude, those the fit put at zero included: the bound belongs to the model, not to the active set
    /// of one noisy fit. A partner at zero (PCh next to GPC, NAAG next to NAA) still widens its partner's bound.
    /// </summary>
    AllAmplitudes,

    /// <summary>Amplitudes at zero held fixed, as LCModel 6.3 does (its GPC 4 % with PCh at zero): comparable with LCModel, optimistic.</summary>
    ActiveAmplitudes,
}

/// <summary>The names the CLI (--crlb) and the node's configuration (Processing:Crlb) give <see cref="CrlbCovariance"/>.</summary>
public static class CrlbCovariances
{
    public static IReadOnlyList<string> Names { get; } = ["all", "active"];

    public static CrlbCovariance Parse(string name) => name switch
    {
        "all" => CrlbCovariance.AllAmplitudes,
        "active" => CrlbCovariance.ActiveAmplitudes,
        _ => throw new ArgumentException($"unknown CRLB covariance '{name}': use all or active"),
    };
}

/// <summary>
/// Cramér–Rao lower bounds at the fit's solution: covariance = (JᵀJ + λP + Π)⁻¹·σ² over the amplitudes, the
/// baseline coefficients and the nonlinear parameters (J the model's Jacobian over the window, P the baseline
/// penalty, Π the priors' precision: the ratio priors' over the amplitudes, as LCModel's %SD includes them, and the
/// nonlinear parameters'). σ is the fit's residual SD (LCModel's choice: it includes
/// misfit, so the bound is not optimistic where the model is incomplete); a caller may give σ from a noise region
/// instead. By default every amplitude is free (<see cref="CrlbCovariance.AllAmplitudes"/>): on 500 simulated
/// spectra (per-metabolite fit) that puts the observed SD within 0.76–1.33 of the mean CRLB for every entry at SNR 50
/// (0.96–1.49 with zero amplitudes held fixed) and NAA at 1.38 instead of 1.71 at SNR 10 (docs/accuracy.md).
/// An amplitude at zero reports CRLB% 999.
/// Pools propagate through the covariance: var(Σa) = 1ᵀ C 1.
/// </summary>
public sealed class CramerRao
{
    private readonly double[,] _covariance;
    private readonly int[] _map;

    private CramerRao(double[,] covariance, int[] map, double sigma, double[] amplitudes, double[] unconstrainedSd)
    {
        _covariance = covariance;
        _map = map;
        Sigma = sigma;
        Amplitudes = amplitudes;
        var sd = new double[amplitudes.Length];
        for (int j = 0; j < amplitudes.Length; j++)
        {
            sd[j] = map[j] >= 0 ? Math.Sqrt(Math.Max(0, covariance[map[j], map[j]])) : unconstrainedSd[j];
        }
        Absolute = sd;
    }

    public double Sigma { get; }
    public double[] Amplitudes { get; }
    /// <summary>CRLB (SD) of each amplitude, in amplitude units.</summary>
    public double[] Absolute { get; }

    /// <summary>CRLB as % of the amplitude (999 when the amplitude is zero or the bound is not finite).</summary>
    public double Percent(int index) => Amplitudes[index] > 0 && double.IsFinite(Absolute[index]) ? Math.Min(999, 100 * Absolute[index] / Amplitudes[index]) : 999;

    /// <summary>SD of the sum of the given amplitudes, from the covariance.</summary>
    public double PoolSd(IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var list = indices.ToList();
        double v = 0;
        foreach (int a in list)
        {
            foreach (int b in list)
            {
                if (_map[a] >= 0 && _map[b] >= 0)
                {
                    v += _covariance[_map[a], _map[b]];
                }
                else if (a == b)
                {
                    v += Absolute[a] * Absolute[a];
                }
            }
        }
        return Math.Sqrt(Math.Max(0, v));
    }

    /// <summary>The bounds of a fit; <paramref name="sigma"/> overrides the residual SD.</summary>
    public static CramerRao Compute(FitResult fit, double? sigma = null, CrlbCovariance covariance = CrlbCovariance.AllAmplitudes)
    {
        ArgumentNullException.ThrowIfNull(fit);
        double s = sigma ?? fit.ResidualSd;
        int nc = fit.Amplitudes.Length;
        int nb = fit.BaselineCoefficients.Length;
        var jac = fit.Jacobian;
        var map = new int[nc];
        var columns = new List<double[]>();
        var unconstrained = new double[nc];
        for (int j = 0; j < nc; j++)
        {
            unconstrained[j] = s / Math.Sqrt(Math.Max(1e-300, jac[j].Sum(v => v * v)));
            if (fit.Amplitudes[j] > 0 || covariance == CrlbCovariance.AllAmplitudes)
            {
                map[j] = columns.Count;
                columns.Add(jac[j]);
            }
            else
            {
                map[j] = -1;
            }
        }
        int baselineStart = columns.Count;
        for (int j = nc; j < jac.Length; j++)
        {
            columns.Add(jac[j]);
        }
        int n = columns.Count;
        var fisher = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double v = 0;
                var a = columns[i];
                var b = columns[j];
                for (int k = 0; k < a.Length; k++)
                {
                    v += a[k] * b[k];
                }
                fisher[i, j] = v;
                fisher[j, i] = v;
            }
        }
        for (int i = 0; i < nb; i++)
        {
            for (int j = 0; j < nb; j++)
            {
                fisher[baselineStart + i, baselineStart + j] += fit.BaselinePenalty[i, j];
            }
        }
        // Ratio priors on the amplitudes (LCModel's CHRATO): their precision over the amplitudes in the covariance.
        var ratio = fit.AmplitudePriorPrecision;
        for (int i = 0; i < ratio.GetLength(0); i++)
        {
            for (int j = 0; j < ratio.GetLength(1); j++)
            {
                if (map[i] >= 0 && map[j] >= 0)
                {
                    fisher[map[i], map[j]] += ratio[i, j];
                }
            }
        }
        // Priors of the nonlinear parameters (per-group shifts and dampings): their precision on the diagonal.
        int nonlinearStart = baselineStart + nb;
        for (int q = 0; q < fit.NonlinearPriorPrecision.Length && nonlinearStart + q < n; q++)
        {
            fisher[nonlinearStart + q, nonlinearStart + q] += fit.NonlinearPriorPrecision[q];
        }
        var inverse = DenseSolve.InverseSymmetric(fisher, double.NaN);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                inverse[i, j] *= s * s;
            }
        }
        return new CramerRao(inverse, map, s, fit.Amplitudes, unconstrained);
    }
}
