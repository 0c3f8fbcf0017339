using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification;

/// <summary>Options of the linear-combination fit.</summary>
public sealed record FitOptions
{
    public double LowPpm { get; init; } = 0.2;
    /// <summary>Upper end of the window; 4.0 as LCModel's default PPMST.</summary>
    public double HighPpm { get; init; } = 4.0;
    /// <summary>Baseline B-spline knot spacing (ppm); ≤ 0 fits no baseline.</summary>
    public double KnotSpacingPpm { get; init; } = 0.15;
    /// <summary>
    /// Weight of the second-difference penalty, relative to the mean diagonal of the baseline's BᵀB. 50 makes a
    /// stiff baseline (as LCModel's usually is) that leaves broad metabolite multiplets (Glx, Ins) to the basis;
    /// chosen on the LCModel 6.3 regression case (values 20–100 tried; see the tests).
    /// </summary>
    public double BaselineStiffness { get; init; } = 50.0;
    public double InitialLorentzHz { get; init; } = 1.0;
    public double InitialGaussHz { get; init; } = 4.0;
    /// <summary>Frequency search range (ppm) for the starting shift.</summary>
    public double ShiftSearchPpm { get; init; } = 0.25;
    public int MaxIterations { get; init; } = 60;
    /// <summary>
    /// Run the nonlinear fit from this many of the best zero-order phase starts (30° grid, each scored by the
    /// linear fit at the starting shift); 1 (default) is a single start, more is a multi-start at that many times the cost.
    /// </summary>
    public int PhaseStarts { get; init; } = 1;
    /// <summary>Pivot of the first-order phase (ppm).</summary>
    public double PhasePivotPpm { get; init; } = 2.2;
    public static FitOptions Default { get; } = new();
}

/// <summary>
/// The nonlinear parameters: global frequency shift (Hz, added to every component), extra Lorentzian
/// and Gaussian broadening (FWHM, Hz), zero-order phase (rad, at the pivot) and first-order phase (rad/ppm).
/// </summary>
public readonly record struct FitParameters(double ShiftHz, double LorentzHz, double GaussHz, double Phase0Rad, double Phase1RadPerPpm)
{
    internal double[] ToArray() => [ShiftHz, LorentzHz, GaussHz, Phase0Rad, Phase1RadPerPpm];

    internal static FitParameters FromArray(double[] p) => new(p[0], Math.Abs(p[1]), Math.Abs(p[2]), p[3], p[4]);
}

/// <summary>A fit component: a name and its FID on the data's grid and axis.</summary>
public sealed record FitComponent(string Name, Complex[] Fid);

/// <summary>The fit: amplitudes (in basis units), spectra over the window (real part, data phased by the fitted phase), parameters.</summary>
public sealed class FitResult
{
    public required IReadOnlyList<string> Names { get; init; }
    public required double[] Amplitudes { get; init; }
    public required double[] BaselineCoefficients { get; init; }
    public required FitParameters Parameters { get; init; }
    public required double[] Ppm { get; init; }
    public required double[] Data { get; init; }
    public required double[] Fit { get; init; }
    public required double[] Baseline { get; init; }
    public required double[] Residual { get; init; }
    /// <summary>Each component's fitted spectrum (amplitude × column), for plotting.</summary>
    public required double[][] ComponentSpectra { get; init; }
    public required int Iterations { get; init; }
    public required int ModelEvaluations { get; init; }
    /// <summary>‖residual‖ / ‖data − baseline‖ over the window.</summary>
    public double RelativeResidual { get; init; }
    /// <summary>Residual SD, √(Σr² / (m − p)) with p the non-zero amplitudes, the baseline's effective and the nonlinear parameters.</summary>
    public double ResidualSd { get; init; }
    /// <summary>The Jacobian of the model over the window with respect to [amplitudes, baseline coefficients, nonlinear parameters], row-major per point.</summary>
    internal double[][] Jacobian { get; init; } = [];
    internal double[,] BaselinePenalty { get; init; } = new double[0, 0];
}

/// <summary>
/// LCModel-style linear-combination fit of the real part of the spectrum over a ppm window. Nonlinear
/// parameters (shift, Lorentzian and Gaussian broadening, zero/first-order phase) by Levenberg–Marquardt
/// on the variable-projection residual: for given nonlinear parameters the amplitudes (non-negative,
/// Lawson–Hanson) and the penalised B-spline baseline (free) are solved linearly.
/// </summary>
public sealed class LinearCombinationFitter
{
    private const int NonlinearCount = 5;
    private readonly SpectralAxis _axis;
    private readonly FitComponent[] _components;
    private readonly FitOptions _options;
    private readonly int[] _window;
    private readonly double[] _ppm;
    private readonly double[] _phaseOffset;
    private readonly SplineBaseline? _baseline;
    private readonly double[,] _penalty;
    private readonly double _lambda;
    private readonly double[] _time;
    private readonly double[,] _baselineGram;
    private Complex[] _dataWindow = [];
    private int _evaluations;

    public LinearCombinationFitter(SpectralAxis axis, IEnumerable<FitComponent> components, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        _axis = axis;
        _components = [.. components];
        if (_components.Length == 0 || _components.Any(c => c.Fid.Length != axis.Points))
        {
            throw new ArgumentException("Every component needs a FID with the data's points.", nameof(components));
        }
        _options = options ?? FitOptions.Default;
        int a = (int)Math.Clamp(Math.Ceiling(axis.IndexOf(_options.HighPpm)), 0, axis.Points - 1);
        int b = (int)Math.Clamp(Math.Floor(axis.IndexOf(_options.LowPpm)), 0, axis.Points - 1);
        _window = Enumerable.Range(a, b - a + 1).ToArray();
        _ppm = _window.Select(i => axis.Ppm(i)).ToArray();
        _phaseOffset = _ppm.Select(p => p - _options.PhasePivotPpm).ToArray();
        _time = Enumerable.Range(0, axis.Points).Select(n => n / axis.SpectralWidthHz).ToArray();
        if (_options.KnotSpacingPpm > 0)
        {
            _baseline = new SplineBaseline(_ppm, _options.LowPpm, _options.HighPpm, _options.KnotSpacingPpm);
            _penalty = _baseline.SecondDifferencePenalty();
            double diag = 0;
            foreach (var col in _baseline.Columns)
            {
                diag += col.Sum(v => v * v);
            }
            _lambda = _options.BaselineStiffness * diag / _baseline.Count;
            int nb = _baseline.Count;
            _baselineGram = new double[nb, nb];
            for (int i = 0; i < nb; i++)
            {
                for (int j = 0; j < nb; j++)
                {
                    _baselineGram[i, j] = Dot(_baseline.Columns[i], _baseline.Columns[j]) + _lambda * _penalty[i, j];
                }
            }
        }
        else
        {
            _penalty = new double[0, 0];
            _baselineGram = new double[0, 0];
        }
    }

    public IReadOnlyList<double> WindowPpm => _ppm;

    /// <summary>Fits one FID (already averaged and coil-combined) on this fitter's axis.</summary>
    public FitResult Fit(ReadOnlySpan<Complex> fid)
    {
        var spectrum = SpectralAxis.Spectrum(fid);
        _dataWindow = _window.Select(i => spectrum[i]).ToArray();
        _evaluations = 0;

        double shift = StartShift();
        var starts = new List<(double Cost, double Phase)>();
        for (int k = 0; k < 12; k++)
        {
            double phase = k * Math.PI / 6;
            var p = new[] { shift, _options.InitialLorentzHz, _options.InitialGaussHz, phase, 0 };
            starts.Add((Evaluate(p).Cost, phase));
        }
        Evaluation? best = null;
        double[]? bestP = null;
        int iterations = 0;
        foreach (var start in starts.OrderBy(s => s.Cost).Take(Math.Max(1, _options.PhaseStarts)))
        {
            var p = new[] { shift, _options.InitialLorentzHz, _options.InitialGaussHz, start.Phase, 0 };
            var (e, it) = LevenbergMarquardt(p);
            iterations += it;
            if (best is null || e.Cost < best.Cost)
            {
                best = e;
                bestP = p;
            }
        }
        return BuildResult(best!, bestP!, iterations);
    }

    /// <summary>
    /// The starting shift: for integer bin lags over ±<see cref="FitOptions.ShiftSearchPpm"/>, a non-negative fit of the
    /// data's magnitude spectrum by the components' magnitude spectra (phase-independent); the lag of least residual.
    /// </summary>
    private double StartShift()
    {
        var env = Envelope(0, _options.InitialLorentzHz, _options.InitialGaussHz);
        var mags = new double[_components.Length][];
        var work = new Complex[_axis.Points];
        for (int j = 0; j < _components.Length; j++)
        {
            for (int n = 0; n < work.Length; n++)
            {
                work[n] = _components[j].Fid[n] * env[n];
            }
            mags[j] = SpectralAxis.Spectrum(work).Select(z => z.Magnitude).ToArray();
        }
        var y = _dataWindow.Select(z => z.Magnitude).ToArray();
        int maxLag = (int)Math.Ceiling(_options.ShiftSearchPpm * _axis.FrequencyMHz / _axis.HzPerPoint);
        int nc = _components.Length;
        double bestCost = double.PositiveInfinity;
        int bestLag = 0;
        var free = new bool[nc];
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            var cols = new double[nc][];
            for (int j = 0; j < nc; j++)
            {
                cols[j] = new double[_window.Length];
                for (int k = 0; k < _window.Length; k++)
                {
                    int i = _window[k] - lag;
                    cols[j][k] = i >= 0 && i < _axis.Points ? mags[j][i] : 0;
                }
            }
            var g = new double[nc, nc];
            var h = new double[nc];
            for (int i = 0; i < nc; i++)
            {
                h[i] = Dot(cols[i], y);
                for (int j = 0; j <= i; j++)
                {
                    g[i, j] = g[j, i] = Dot(cols[i], cols[j]);
                }
            }
            var x = Nnls.Solve(g, h, free);
            double cost = Dot(y, y);
            for (int i = 0; i < nc; i++)
            {
                cost -= 2 * x[i] * h[i];
                for (int j = 0; j < nc; j++)
                {
                    cost += x[i] * g[i, j] * x[j];
                }
            }
            if (cost < bestCost)
            {
                bestCost = cost;
                bestLag = lag;
            }
        }
        // A positive lag moves data bins to higher indices, i.e. lower ppm, i.e. a higher frequency.
        return bestLag * _axis.HzPerPoint;
    }

    private Complex[] Envelope(double shiftHz, double lorentzHz, double gaussHz)
    {
        var env = new Complex[_axis.Points];
        double g = Math.PI * gaussHz * Math.PI * gaussHz / (4 * Math.Log(2));
        for (int n = 0; n < env.Length; n++)
        {
            double t = _time[n];
            double mag = Math.Exp(-Math.PI * lorentzHz * t - g * t * t);
            double arg = 2 * Math.PI * shiftHz * t;
            env[n] = new Complex(mag * Math.Cos(arg), mag * Math.Sin(arg));
        }
        return env;
    }

    /// <summary>Real-part columns of every component over the window, and the phased data.</summary>
    private (double[][] Columns, double[] Y) Model(double[] p)
    {
        var par = FitParameters.FromArray(p);
        var env = Envelope(par.ShiftHz, par.LorentzHz, par.GaussHz);
        var columns = new double[_components.Length][];
        var work = new Complex[_axis.Points];
        int half = _axis.Points / 2;
        for (int j = 0; j < _components.Length; j++)
        {
            var fid = _components[j].Fid;
            for (int n = 0; n < work.Length; n++)
            {
                work[n] = fid[n] * env[n];
            }
            Fourier.Forward(work, FourierOptions.NoScaling);
            var col = new double[_window.Length];
            for (int k = 0; k < _window.Length; k++)
            {
                col[k] = work[(_window[k] + half) % work.Length].Real;
            }
            columns[j] = col;
        }
        var y = new double[_window.Length];
        for (int k = 0; k < _window.Length; k++)
        {
            double phi = par.Phase0Rad + par.Phase1RadPerPpm * _phaseOffset[k];
            var d = _dataWindow[k];
            // Re(d · e^{−iφ})
            y[k] = d.Real * Math.Cos(phi) + d.Imaginary * Math.Sin(phi);
        }
        return (columns, y);
    }

    private sealed record Evaluation(double Cost, double[] Residual, double[] Amplitudes, double[] Beta, double[][] Columns, double[] Y);

    private Evaluation Evaluate(double[] p)
    {
        _evaluations++;
        var (columns, y) = Model(p);
        int nc = columns.Length;
        int nb = _baseline?.Count ?? 0;
        int n = nc + nb;
        var all = new double[n][];
        for (int j = 0; j < nc; j++)
        {
            all[j] = columns[j];
        }
        for (int j = 0; j < nb; j++)
        {
            all[nc + j] = _baseline!.Columns[j];
        }
        var g = new double[n, n];
        var h = new double[n];
        for (int i = 0; i < n; i++)
        {
            h[i] = Dot(all[i], y);
            for (int j = 0; j <= Math.Min(i, nc - 1); j++)
            {
                double v = Dot(all[i], all[j]);
                g[i, j] = v;
                g[j, i] = v;
            }
        }
        for (int i = 0; i < nb; i++)
        {
            for (int j = 0; j < nb; j++)
            {
                g[nc + i, nc + j] = _baselineGram[i, j];
            }
        }
        var free = new bool[n];
        for (int i = nc; i < n; i++)
        {
            free[i] = true;
        }
        var x = Nnls.Solve(g, h, free);
        var m = y.Length;
        int penaltyRows = Math.Max(0, nb - 2);
        var r = new double[m + penaltyRows];
        for (int k = 0; k < m; k++)
        {
            double s = y[k];
            for (int j = 0; j < n; j++)
            {
                s -= all[j][k] * x[j];
            }
            r[k] = s;
        }
        double sl = Math.Sqrt(_lambda);
        for (int k = 0; k < penaltyRows; k++)
        {
            r[m + k] = sl * (x[nc + k] - 2 * x[nc + k + 1] + x[nc + k + 2]);
        }
        double cost = r.Sum(v => v * v);
        return new Evaluation(cost, r, x[..nc], x[nc..], columns, y);
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    private static readonly double[] Steps = [0.05, 0.05, 0.05, 1e-3, 1e-3];

    private (Evaluation Best, int Iterations) LevenbergMarquardt(double[] p)
    {
        var current = Evaluate(p);
        double mu = 1e-3;
        int iteration = 0;
        for (; iteration < _options.MaxIterations; iteration++)
        {
            var jac = new double[NonlinearCount][];
            for (int q = 0; q < NonlinearCount; q++)
            {
                var pp = (double[])p.Clone();
                pp[q] += Steps[q];
                var e = Evaluate(pp);
                jac[q] = new double[e.Residual.Length];
                for (int k = 0; k < jac[q].Length; k++)
                {
                    jac[q][k] = (e.Residual[k] - current.Residual[k]) / Steps[q];
                }
            }
            var a = new double[NonlinearCount, NonlinearCount];
            var grad = new double[NonlinearCount];
            for (int i = 0; i < NonlinearCount; i++)
            {
                grad[i] = -Dot(jac[i], current.Residual);
                for (int j = 0; j < NonlinearCount; j++)
                {
                    a[i, j] = Dot(jac[i], jac[j]);
                }
            }
            bool accepted = false;
            double previous = current.Cost;
            for (int tries = 0; tries < 10 && !accepted; tries++)
            {
                var damped = (double[,])a.Clone();
                for (int i = 0; i < NonlinearCount; i++)
                {
                    damped[i, i] += mu * (a[i, i] + 1e-12);
                }
                var step = DenseSolve.SolveSymmetric(damped, grad);
                var trial = p.Zip(step, (x, d) => x + d).ToArray();
                var e = Evaluate(trial);
                if (e.Cost < current.Cost)
                {
                    Array.Copy(trial, p, p.Length);
                    current = e;
                    mu = Math.Max(mu / 3, 1e-9);
                    accepted = true;
                }
                else
                {
                    mu *= 4;
                }
            }
            if (!accepted || (previous - current.Cost) <= 1e-9 * previous)
            {
                break;
            }
        }
        return (current, iteration + 1);
    }

    private FitResult BuildResult(Evaluation e, double[] p, int iterations)
    {
        int m = e.Y.Length;
        int nc = _components.Length;
        int nb = _baseline?.Count ?? 0;
        var baseline = new double[m];
        for (int j = 0; j < nb; j++)
        {
            for (int k = 0; k < m; k++)
            {
                baseline[k] += e.Beta[j] * _baseline!.Columns[j][k];
            }
        }
        var fit = new double[m];
        var componentSpectra = new double[nc][];
        for (int j = 0; j < nc; j++)
        {
            componentSpectra[j] = e.Columns[j].Select(v => v * e.Amplitudes[j]).ToArray();
            for (int k = 0; k < m; k++)
            {
                fit[k] += componentSpectra[j][k];
            }
        }
        var residual = new double[m];
        for (int k = 0; k < m; k++)
        {
            fit[k] += baseline[k];
            residual[k] = e.Y[k] - fit[k];
        }
        // Jacobian of the model over the window: amplitude columns, baseline columns, nonlinear derivatives (model and phased data).
        var jac = new double[nc + nb + NonlinearCount][];
        for (int j = 0; j < nc; j++)
        {
            jac[j] = e.Columns[j];
        }
        for (int j = 0; j < nb; j++)
        {
            jac[nc + j] = _baseline!.Columns[j];
        }
        for (int q = 0; q < NonlinearCount; q++)
        {
            var pp = (double[])p.Clone();
            pp[q] += Steps[q];
            var (cols, y) = Model(pp);
            var d = new double[m];
            for (int k = 0; k < m; k++)
            {
                double model = 0;
                for (int j = 0; j < nc; j++)
                {
                    model += cols[j][k] * e.Amplitudes[j];
                }
                // d(residual)/dq = d(y)/dq − d(model)/dq; the Jacobian of the model is its negative.
                d[k] = -(((y[k] - model) - (e.Y[k] - (fit[k] - baseline[k]))) / Steps[q]);
            }
            jac[nc + nb + q] = d;
        }
        int active = e.Amplitudes.Count(a => a > 0);
        double rss = residual.Sum(v => v * v);
        double dof = Math.Max(1, m - active - NonlinearCount - EffectiveBaselineDof());
        double signal = 0;
        for (int k = 0; k < m; k++)
        {
            signal += (e.Y[k] - baseline[k]) * (e.Y[k] - baseline[k]);
        }
        return new FitResult
        {
            Names = _components.Select(c => c.Name).ToArray(),
            Amplitudes = e.Amplitudes,
            BaselineCoefficients = e.Beta,
            Parameters = FitParameters.FromArray(p),
            Ppm = _ppm,
            Data = e.Y,
            Fit = fit,
            Baseline = baseline,
            Residual = residual,
            ComponentSpectra = componentSpectra,
            Iterations = iterations,
            ModelEvaluations = _evaluations,
            RelativeResidual = Math.Sqrt(rss / Math.Max(signal, 1e-300)),
            ResidualSd = Math.Sqrt(rss / dof),
            Jacobian = jac,
            BaselinePenalty = Scale(_penalty, _lambda),
        };
    }

    /// <summary>Effective degrees of freedom of the penalised baseline: tr((BᵀB + λP)⁻¹BᵀB).</summary>
    private double EffectiveBaselineDof()
    {
        if (_baseline is null)
        {
            return 0;
        }
        int nb = _baseline.Count;
        var btb = new double[nb, nb];
        var h = new double[nb, nb];
        for (int i = 0; i < nb; i++)
        {
            for (int j = 0; j < nb; j++)
            {
                btb[i, j] = Dot(_baseline.Columns[i], _baseline.Columns[j]);
                h[i, j] = btb[i, j] + _lambda * _penalty[i, j];
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

    private static double[,] Scale(double[,] a, double s)
    {
        var r = (double[,])a.Clone();
        for (int i = 0; i < r.GetLength(0); i++)
        {
            for (int j = 0; j < r.GetLength(1); j++)
            {
                r[i, j] *= s;
            }
        }
        return r;
    }
}
