using System.Numerics;

namespace MRSNode.Quantification.Neural.Physics;

/// <summary>What <see cref="SpectralLeastSquares.Solve"/> found, with what its backward pass needs.</summary>
public sealed class LeastSquaresSolution
{
    internal LeastSquaresSolution(double[] theta, double[] amplitudes, double[] baseline, Complex[] fit)
    {
        Theta = theta;
        Amplitudes = amplitudes;
        Baseline = baseline;
        Fit = fit;
    }

    public double[] Theta { get; }

    /// <summary>Per basis entry, in normalised units (× input scale / κ for basis units); 0 where projected out.</summary>
    public double[] Amplitudes { get; }

    /// <summary>Coefficients of the complex polynomial baseline: real parts of T₀…T_{J−1}, then imaginary parts.</summary>
    public double[] Baseline { get; }

    /// <summary>The model spectrum over the window (basis part + baseline).</summary>
    public Complex[] Fit { get; }

    internal Complex[][] TimeSignals { get; init; } = [];
    internal Complex[][] Columns { get; init; } = [];
    internal Complex[] Phase { get; init; } = [];
    internal int[] Active { get; init; } = [];
    internal double[,] Factor { get; init; } = new double[0, 0];
    internal double[] ActiveSolution { get; init; } = [];
    internal double[] Residual { get; init; } = [];
}

/// <summary>
/// QNet's physics layer: applies the imperfection factors θ (<see cref="Imperfections"/>) to the basis FIDs on the
/// model grid — x̃ₘ(t) = xₘ(t)·e^{(2πiΔf_g − πd_g)t − (πγt)²/4ln2}, FFT, window, phase e^{i(φ₀ + φ₁(ppm − pivot))} —
/// and solves the normalised spectrum for the amplitudes and a complex polynomial baseline (Chebyshev T₀…T_{J−1} over
/// the window) by ridge-regularised normal equations (λ = ridge × mean ‖column‖² of the unperturbed basis: constant,
/// so it has no gradient).
/// <para>
/// Non-negativity: a projected active-set solve — after the unconstrained solve, entries with negative amplitude
/// are fixed at 0 and the rest re-solved, up to <c>projectionRounds</c> times (Lawson–Hanson's removal step without
/// re-admission; exact NNLS whenever no entry needs to come back). The active set is locally constant, so the backward
/// pass is the exact analytic gradient of the final solve: with H = A_FᵀA_F + λI, a = H⁻¹A_Fᵀb, v = H⁻¹∂L/∂a and
/// r = b − A_F a, ∂L/∂A_F = r·vᵀ − A_F v·aᵀ, carried to θ through the phase factor and, for the time-domain factors,
/// through one extra FFT per entry (the adjoint of the window DFT).
/// </para>
/// Computation in double: it is a small per-spectrum solve, and the gradient check runs at 1e-6.
/// </summary>
public sealed class SpectralLeastSquares
{
    private readonly GridBasis _basis;
    private readonly double[] _ppmOffset;
    private readonly double[][] _chebyshev;
    private readonly double _lambda;

    public SpectralLeastSquares(GridBasis basis, int baselineTerms = 4, double pivotPpm = 4.7, double ridge = 1e-6, int projectionRounds = 5)
    {
        ArgumentNullException.ThrowIfNull(basis);
        _basis = basis;
        Ridge = ridge;
        BaselineTerms = baselineTerms;
        PivotPpm = pivotPpm;
        ProjectionRounds = projectionRounds;
        Layout = new Imperfections(basis.GroupCount);
        int w = basis.Grid.Count;
        _ppmOffset = Enumerable.Range(0, w).Select(k => basis.Grid.Ppm(k) - pivotPpm).ToArray();
        _chebyshev = new double[baselineTerms][];
        for (int j = 0; j < baselineTerms; j++)
        {
            _chebyshev[j] = new double[w];
            for (int k = 0; k < w; k++)
            {
                double u = w > 1 ? 2.0 * k / (w - 1) - 1 : 0;
                _chebyshev[j][k] = Math.Cos(j * Math.Acos(Math.Clamp(u, -1, 1)));
            }
        }
        var neutral = new double[Layout.Length];
        var columns = Columns(neutral, out _, out _);
        _lambda = ridge * columns.Average(c => c.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary));
    }

    public Imperfections Layout { get; }

    public int BaselineTerms { get; }

    public double PivotPpm { get; }

    /// <summary>λ relative to the mean squared norm of the basis columns.</summary>
    public double Ridge { get; }

    public int ProjectionRounds { get; }

    public GridBasis Basis => _basis;

    public LeastSquaresSolution Solve(ReadOnlySpan<double> theta, ReadOnlySpan<Complex> data)
    {
        if (theta.Length != Layout.Length || data.Length != _basis.Grid.Count)
        {
            throw new ArgumentException($"θ has {theta.Length} values (expected {Layout.Length}), data {data.Length} bins (expected {_basis.Grid.Count})");
        }
        var thetaCopy = theta.ToArray();
        var columns = Columns(thetaCopy, out var timeSignals, out var phase);
        int w = data.Length, m = _basis.Count, total = m + 2 * BaselineTerms;
        var b = new double[2 * w];
        for (int k = 0; k < w; k++)
        {
            b[k] = data[k].Real;
            b[w + k] = data[k].Imaginary;
        }
        var active = Enumerable.Range(0, total).ToList();
        double[,] factor;
        double[] solution;
        int round = 0;
        while (true)
        {
            (factor, solution) = SolveActive(columns, active, b);
            var negative = active.Select((c, i) => (c, i)).Where(x => x.c < m && solution[x.i] < 0).Select(x => x.c).ToHashSet();
            if (negative.Count == 0 || round++ >= ProjectionRounds)
            {
                break;
            }
            active.RemoveAll(negative.Contains);
        }
        if (round > ProjectionRounds)
        {
            // Last round still had negatives: clip them (their gradient is 0, as for a fixed 0).
            for (int i = 0; i < active.Count; i++)
            {
                solution[i] = active[i] < m ? Math.Max(0, solution[i]) : solution[i];
            }
        }
        var amplitudes = new double[m];
        var baseline = new double[2 * BaselineTerms];
        var fit = new Complex[w];
        var residual = (double[])b.Clone();
        for (int i = 0; i < active.Count; i++)
        {
            int c = active[i];
            if (c < m)
            {
                amplitudes[c] = solution[i];
            }
            else
            {
                baseline[c - m] = solution[i];
            }
            var col = Column(columns, c, w);
            for (int r = 0; r < 2 * w; r++)
            {
                residual[r] -= col[r] * solution[i];
            }
        }
        for (int k = 0; k < w; k++)
        {
            fit[k] = new Complex(b[k] - residual[k], b[w + k] - residual[w + k]);
        }
        return new LeastSquaresSolution(thetaCopy, amplitudes, baseline, fit)
        {
            TimeSignals = timeSignals,
            Columns = columns,
            Phase = phase,
            Active = [.. active],
            Factor = factor,
            ActiveSolution = solution,
            Residual = residual,
        };
    }

    /// <summary>∂L/∂θ from ∂L/∂amplitudes (normalised units).</summary>
    public double[] Backward(LeastSquaresSolution solution, ReadOnlySpan<double> gradAmplitudes)
    {
        ArgumentNullException.ThrowIfNull(solution);
        int w = _basis.Grid.Count, m = _basis.Count, n = _basis.Grid.Points;
        var active = solution.Active;
        var g = new double[active.Length];
        for (int i = 0; i < active.Length; i++)
        {
            g[i] = active[i] < m ? gradAmplitudes[active[i]] : 0;
        }
        var v = DenseSolve.SolveFactored(solution.Factor, g);
        // q = A_F·v
        var q = new double[2 * w];
        for (int i = 0; i < active.Length; i++)
        {
            var col = Column(solution.Columns, active[i], w);
            for (int r = 0; r < 2 * w; r++)
            {
                q[r] += col[r] * v[i];
            }
        }
        var grad = new double[Layout.Length];
        double dt = _basis.Grid.DwellSeconds, gauss = solution.Theta[Layout.Gaussian];
        double ln2x4 = 4 * Math.Log(2), kappa = _basis.Kappa;
        var work = new Complex[n];
        for (int i = 0; i < active.Length; i++)
        {
            int c = active[i];
            if (c >= m)
            {
                continue;
            }
            // ∂L/∂S_c as a complex number per bin: ∂/∂Re + i∂/∂Im of r·v_i − q·a_i.
            double vi = v[i], ai = solution.ActiveSolution[i];
            var s = solution.Columns[c];
            double dPhase0 = 0, dPhase1 = 0;
            Array.Clear(work);
            for (int k = 0; k < w; k++)
            {
                var gk = new Complex(solution.Residual[k] * vi - q[k] * ai, solution.Residual[w + k] * vi - q[w + k] * ai);
                // Re(conj(G)·i·S)
                double rot = gk.Real * -s[k].Imaginary + gk.Imaginary * s[k].Real;
                dPhase0 += rot;
                dPhase1 += rot * _ppmOffset[k] * Math.PI / 180;
                work[_basis.Grid.First + k] = Complex.Conjugate(gk) * solution.Phase[k] / kappa;
            }
            grad[Imperfections.Phase0] += dPhase0;
            grad[Imperfections.Phase1] += dPhase1;
            Fft.Forward(work);
            var x = solution.TimeSignals[c];
            double dShift = 0, dDamping = 0, dGauss = 0;
            for (int t = 0; t < n; t++)
            {
                // W(t) = (−1)^t·FFT(c)(t); dL = Re Σ x̃(t)·∂(log x̃)·W(t).
                var xw = x[t] * ((t & 1) == 0 ? work[t] : -work[t]);
                double time = t * dt;
                dShift += -xw.Imaginary * 2 * Math.PI * time;
                dDamping += xw.Real * -Math.PI * time;
                dGauss += xw.Real * -2 * Math.PI * Math.PI * gauss * time * time / ln2x4;
            }
            int group = _basis.Groups[c];
            grad[Imperfections.Shift(group)] += dShift;
            grad[Layout.Damping(group)] += dDamping;
            grad[Layout.Gaussian] += dGauss;
        }
        return grad;
    }

    /// <summary>The transformed basis spectra over the window (÷κ), keeping the time signals and the phase factor.</summary>
    private Complex[][] Columns(double[] theta, out Complex[][] timeSignals, out Complex[] phase)
    {
        var grid = _basis.Grid;
        int n = grid.Points, w = grid.Count, m = _basis.Count;
        double dt = grid.DwellSeconds, gaussian = theta[Layout.Gaussian], ln2x4 = 4 * Math.Log(2);
        var envelopes = new Complex[_basis.GroupCount][];
        for (int g = 0; g < envelopes.Length; g++)
        {
            var env = new Complex[n];
            double shift = theta[Imperfections.Shift(g)], damping = theta[Layout.Damping(g)];
            for (int t = 0; t < n; t++)
            {
                double time = t * dt, gt = Math.PI * gaussian * time;
                env[t] = Complex.FromPolarCoordinates(Math.Exp(-Math.PI * damping * time - gt * gt / ln2x4), 2 * Math.PI * shift * time);
            }
            envelopes[g] = env;
        }
        phase = new Complex[w];
        for (int k = 0; k < w; k++)
        {
            phase[k] = Complex.FromPolarCoordinates(1, theta[Imperfections.Phase0] + theta[Imperfections.Phase1] * Math.PI / 180 * _ppmOffset[k]);
        }
        timeSignals = new Complex[m][];
        var columns = new Complex[m][];
        var work = new Complex[n];
        for (int c = 0; c < m; c++)
        {
            var fid = _basis.Fids[c];
            var env = envelopes[_basis.Groups[c]];
            var x = new Complex[n];
            for (int t = 0; t < n; t++)
            {
                x[t] = fid[t] * env[t];
                work[t] = (t & 1) == 0 ? x[t] : -x[t]; // (−1)^t: the FFT comes out fftshifted
            }
            Fft.Forward(work);
            var col = new Complex[w];
            for (int k = 0; k < w; k++)
            {
                col[k] = work[grid.First + k] * phase[k] / _basis.Kappa;
            }
            timeSignals[c] = x;
            columns[c] = col;
        }
        return columns;
    }

    /// <summary>Column c of the real design matrix [Re; Im] (length 2W).</summary>
    private double[] Column(Complex[][] columns, int c, int w)
    {
        var col = new double[2 * w];
        int m = _basis.Count;
        if (c < m)
        {
            for (int k = 0; k < w; k++)
            {
                col[k] = columns[c][k].Real;
                col[w + k] = columns[c][k].Imaginary;
            }
        }
        else
        {
            int j = c - m;
            var cheb = _chebyshev[j % BaselineTerms];
            cheb.CopyTo(col, j < BaselineTerms ? 0 : w);
        }
        return col;
    }

    private (double[,] Factor, double[] Solution) SolveActive(Complex[][] columns, List<int> active, double[] b)
    {
        int w = b.Length / 2, p = active.Count;
        var cols = active.Select(c => Column(columns, c, w)).ToArray();
        var h = new double[p, p];
        var rhs = new double[p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = 0;
                var ci = cols[i];
                var cj = cols[j];
                for (int r = 0; r < ci.Length; r++)
                {
                    sum += ci[r] * cj[r];
                }
                h[i, j] = sum + (i == j ? _lambda : 0);
            }
            double bs = 0;
            for (int r = 0; r < b.Length; r++)
            {
                bs += cols[i][r] * b[r];
            }
            rhs[i] = bs;
        }
        var l = DenseSolve.Factor(h) ?? throw new ArithmeticException("the least-squares normal matrix is not positive definite");
        return (l, DenseSolve.SolveFactored(l, rhs));
    }
}
