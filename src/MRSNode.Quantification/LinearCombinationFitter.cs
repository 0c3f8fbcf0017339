using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;

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
    /// <summary>
    /// Which components get their own frequency shift δ and Lorentzian damping deviation ε (total damping ≥ 0) around
    /// the global ones: none (default), each group (<see cref="LinearCombinationFitter.GroupOf"/>), or each basis
    /// component as LCModel does. Soft Gaussian priors (mean 0, SDs below) enter the Levenberg–Marquardt residual as
    /// extra rows weighted by the data's noise SD, so they weigh against χ² as a Bayesian prior would, and the CRLBs
    /// include them. Global is the default because it is the setting that reproduces LCModel 6.3 on its regression
    /// case (per-metabolite freedom with LCModel's own prior widths moves tNAA/tCr by −7 % and Ins/tCr by +7 % there);
    /// per-metabolite freedom is for data whose components really do move apart (simulations as Hatami's and QNet's).
    /// </summary>
    public LineshapeFreedom Freedom { get; init; } = LineshapeFreedom.Global;
    /// <summary>Prior SD of a component's own shift δ (Hz); default LCModel's 0.004 ppm at 3 T (NAA and NAAG get half).</summary>
    public double ShiftSdHz { get; init; } = 0.5;
    /// <summary>
    /// Prior SD of a component's damping deviation ε (FWHM, Hz); default LCModel's (SDT2 0.4 s⁻¹ at 85 MHz scaled by
    /// √(B0 ratio), as 1/T2 → FWHM = /π: 0.15 Hz at 3 T).
    /// </summary>
    public double DampingSdHz { get; init; } = 0.15;
    /// <summary>
    /// Macromolecule and lipid components' prior SDs are this times the above (below 1 keeps them from broadening
    /// into the baseline).
    /// </summary>
    public double MinorGroupPriorScale { get; init; } = 1.0;
    /// <summary>
    /// Starting shift and damping deviations (Hz) per group or component name, e.g. from a neural model's predicted
    /// imperfections; components not named start at the common lineshape. Ignored with <see cref="LineshapeFreedom.Global"/>.
    /// </summary>
    public IReadOnlyDictionary<string, (double ShiftHz, double DampingHz)>? InitialDeviations { get; init; }
    /// <summary>
    /// Soft priors on concentration ratios (LCModel's CHRATO; none unless given, e.g. LCModel's own set through
    /// <see cref="LcmOptions.RatioPriors"/>). With any that apply, the fit runs twice: once without, to size each
    /// prior's SD from the preliminary amplitudes (as LCModel does), then on from there with them.
    /// </summary>
    public IReadOnlyList<ConcentrationRatioPrior> RatioPriors { get; init; } = [];
    public static FitOptions Default { get; } = new();

    /// <summary>The names the CLI and the node's configuration give <see cref="LineshapeFreedom"/>'s values, in order.</summary>
    public static IReadOnlyList<string> FreedomNames => s_freedomNames;

    private static readonly string[] s_freedomNames = ["global", "group", "metabolite"];

    public static LineshapeFreedom ParseFreedom(string name) => Array.IndexOf(s_freedomNames, name) is int i and >= 0
        ? (LineshapeFreedom)i
        : throw new ArgumentException($"unknown lineshape '{name}': use {string.Join(", ", FreedomNames.SkipLast(1))} or {FreedomNames[^1]}");
}

/// <summary>
/// Where a per-component fit starts, e.g. from a QNet model's predicted imperfections: each component's shift and
/// damping deviation from the common lineshape, and that common lineshape's Lorentzian and Gaussian widths (FWHM Hz,
/// the simulator's conventions). Without the common widths the search starts at 1 Hz + 4 Hz whatever the data, and
/// components that sit several linewidths from their nominal place (Hatami's ±10 Hz) end in a far minimum.
/// </summary>
public sealed record LineshapeStart(IReadOnlyDictionary<string, (double ShiftHz, double DampingHz)> Deviations, double LorentzHz, double GaussHz)
{
    /// <summary>The options with this start; a global fit has no per-component lineshapes and is returned unchanged.</summary>
    public FitOptions ApplyTo(FitOptions fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return fit.Freedom == LineshapeFreedom.Global
            ? fit
            : fit with { InitialDeviations = Deviations, InitialLorentzHz = Math.Max(0, LorentzHz), InitialGaussHz = Math.Max(0, GaussHz) };
    }
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

/// <summary>Which components carry their own shift and extra damping in the fit.</summary>
public enum LineshapeFreedom
{
    /// <summary>One shift and one Lorentzian damping for every component.</summary>
    Global,
    /// <summary>One per metabolite group (tNAA, tCr, tCho, Glx, tIns, MM, other).</summary>
    PerGroup,
    /// <summary>One per basis component (LCModel's model).</summary>
    PerMetabolite,
}

/// <summary>
/// A fit component: a name, its FID on the data's grid and axis, and the concentration one unit of amplitude stands
/// for in the units ratio priors are stated in (1 for basis spectra; parametric lipids and macromolecules differ).
/// </summary>
public sealed record FitComponent(string Name, Complex[] Fid, double ConcentrationPerAmplitude = 1);

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
    /// <summary>Prior precision added to the diagonal of JᵀJ for each nonlinear parameter (same units as JᵀJ; 0 for the global ones).</summary>
    internal double[] NonlinearPriorPrecision { get; init; } = [];
    /// <summary>The ratio priors' precision over the amplitudes (same units as JᵀJ; empty when none applied).</summary>
    internal double[,] AmplitudePriorPrecision { get; init; } = new double[0, 0];
    /// <summary>The ratio priors that applied to this fit, each with how far the fit ended from it.</summary>
    public IReadOnlyList<AppliedRatioPrior> RatioPriorsUsed { get; init; } = [];
    /// <summary>The component groups that share a shift and an extra damping (empty when not fitted).</summary>
    public IReadOnlyList<string> GroupNames { get; init; } = [];
    /// <summary>Each group's own frequency shift (Hz), on top of <see cref="FitParameters.ShiftHz"/>.</summary>
    public double[] GroupShiftsHz { get; init; } = [];
    /// <summary>Each group's Lorentzian damping deviation (FWHM, Hz) from <see cref="FitParameters.LorentzHz"/> (the groups' mean is 0).</summary>
    public double[] GroupDampingsHz { get; init; } = [];
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
    private readonly int[] _groupOf;
    private readonly string[] _groupNames;
    private readonly int _parameterCount;
    private Complex[] _dataWindow = [];
    private int _evaluations;
    /// <summary>Noise SD of the data (frequency domain): the priors' residual rows are (parameter / prior SD) × this.</summary>
    private double _priorScale;
    private readonly ResolvedRatioPrior[] _ratioPriors;
    private readonly double[] _concentrationPerAmplitude;
    /// <summary>Each ratio prior's 1 / (ĉ_sum·SD) in the current pass; empty in the preliminary one.</summary>
    private double[] _ratioWeights = [];

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
        if (_options.Freedom != LineshapeFreedom.Global)
        {
            var groupKeys = _components
                .Select(c => _options.Freedom == LineshapeFreedom.PerGroup ? GroupOf(c.Name) : c.Name)
                .ToArray();
            _groupNames = groupKeys.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            _groupOf = groupKeys.Select(k => k is null ? -1 : Array.FindIndex(_groupNames, g => string.Equals(g, k, StringComparison.OrdinalIgnoreCase))).ToArray();
        }
        else
        {
            _groupNames = [];
            _groupOf = new int[_components.Length];
        }
        _parameterCount = NonlinearCount + 2 * _groupNames.Length;
        var names = _components.Select(c => c.Name).ToArray();
        _concentrationPerAmplitude = _components.Select(c => c.ConcentrationPerAmplitude).ToArray();
        _ratioPriors = _options.RatioPriors.Select(r => r.Resolve(names, _concentrationPerAmplitude)).OfType<ResolvedRatioPrior>().ToArray();
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

    /// <summary>
    /// The group whose shift and extra damping a component shares: NAA+NAAG, Cr+PCr+CrCH2, GPC+PCho(+PCh, Cho),
    /// Glu+Gln+GSH, Ins+Gly+sIns, macromolecules and lipids (Mac, MM…, Lip…) together, every other metabolite together ("other"):
    /// the catalog's <see cref="Metabolites.MetaboliteCatalog.LineshapeGroups"/>, names matched with their aliases.
    /// </summary>
    public static string? GroupOf(string name) => Metabolites.MetaboliteCatalog.Standard.LineshapeGroupOf(name);

    /// <summary>
    /// Noise SD of the real part of one spectral bin: from the bins outside −1…10 ppm where the band reaches them,
    /// otherwise (narrow-band scans, e.g. 1200 Hz at 3 T) from the last eighth of the FID, where the signal has
    /// decayed (an unscaled FFT of N points turns a time-domain SD σ into √N·σ per bin). First differences and
    /// the median make both robust to a slow baseline or a residual on-resonance signal.
    /// </summary>
    private double NoiseScale(ReadOnlySpan<Complex> fid, Complex[] spectrum)
    {
        double rms = Math.Sqrt(_dataWindow.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary) / Math.Max(1, _dataWindow.Length));
        // Noise-free (simulated) or extremely clean data: below 1 % of the window's RMS, model error rather than noise
        // limits the fit, and priors weighted by a vanishing noise SD would let the lineshapes run free.
        double floor = Math.Max(1e-2 * rms, 1e-300);
        var diffs = new List<double>();
        for (int i = 1; i < spectrum.Length; i++)
        {
            double a = _axis.Ppm(i - 1), b = _axis.Ppm(i);
            if ((a > 10 && b > 10) || (a < -1 && b < -1))
            {
                diffs.Add(spectrum[i].Real - spectrum[i - 1].Real);
                diffs.Add(spectrum[i].Imaginary - spectrum[i - 1].Imaginary);
            }
        }
        if (diffs.Count < 64)
        {
            // Narrow band: the FID's last eighth by the same statistic (FidMath's), × √N per bin. QC's LateNoiseSd
            // stops short of the last sixteenth; the priors keep the last eighth, which their tuning was measured with.
            return Math.Max(floor, FidMath.DifferenceNoiseSd(fid, fid.Length - fid.Length / 8, fid.Length) * Math.Sqrt(fid.Length));
        }
        diffs.Sort((x, y) => Math.Abs(x).CompareTo(Math.Abs(y)));
        // Median absolute first difference → SD of one value (difference of two: √2 σ; MAD → SD: 1.4826).
        double mad = Math.Abs(diffs[diffs.Count / 2]);
        return Math.Max(floor, 1.4826 * mad / Math.Sqrt(2));
    }

    private double[] StartParameters(double shift, double phase)
    {
        var p = new double[_parameterCount];
        p[0] = shift;
        p[1] = _options.InitialLorentzHz;
        p[2] = _options.InitialGaussHz;
        p[3] = phase;
        for (int g = 0; g < _groupNames.Length; g++)
        {
            if (_options.InitialDeviations?.TryGetValue(_groupNames[g], out var d) == true)
            {
                p[NonlinearCount + 2 * g] = d.ShiftHz;
                p[NonlinearCount + 2 * g + 1] = d.DampingHz;
            }
        }
        Recentre(p);
        return p;
    }

    /// <summary>Fits one FID (already averaged and coil-combined) on this fitter's axis.</summary>
    public FitResult Fit(ReadOnlySpan<Complex> fid)
    {
        var spectrum = SpectralAxis.Spectrum(fid);
        _dataWindow = _window.Select(i => spectrum[i]).ToArray();
        _evaluations = 0;
        _priorScale = NoiseScale(fid, spectrum);
        _ratioWeights = [];

        double shift = StartShift();
        var starts = new List<(double Cost, double Phase)>();
        for (int k = 0; k < 12; k++)
        {
            double phase = k * Math.PI / 6;
            var p = StartParameters(shift, phase);
            starts.Add((Evaluate(p).Cost, phase));
        }
        Evaluation? best = null;
        double[]? bestP = null;
        int iterations = 0;
        foreach (var start in starts.OrderBy(s => s.Cost).Take(Math.Max(1, _options.PhaseStarts)))
        {
            var p = StartParameters(shift, start.Phase);
            var (e, it) = LevenbergMarquardt(p);
            iterations += it;
            if (best is null || e.Cost < best.Cost)
            {
                best = e;
                bestP = p;
            }
        }
        if (_ratioPriors.Length > 0)
        {
            _ratioWeights = _ratioPriors.Select(r => r.Weight(best!.Amplitudes, _concentrationPerAmplitude)).ToArray();
            var (e, it) = LevenbergMarquardt(bestP!);
            iterations += it;
            best = e;
        }
        return BuildResult(best!, bestP!, iterations);
    }

    /// <summary>The region the starting shift is matched over (ppm): NAA at 2.01, Cr at 3.03, Cho at 3.2.</summary>
    private const double StartShiftLowPpm = 1.8, StartShiftHighPpm = 3.4;

    /// <summary>
    /// The starting shift: for integer bin lags over ±<see cref="FitOptions.ShiftSearchPpm"/>, a non-negative fit of the
    /// data's magnitude spectrum by the components' magnitude spectra (phase-independent); the lag of least residual.
    /// </summary>
    private double StartShift()
    {
        // Seeded per-component lineshapes (FitOptions.InitialDeviations) shape the templates too: searched with every
        // component on the common lineshape, the lag would follow the strongest peak's own shift, and the seeded
        // deviations would then be counted twice (catastrophic when components move ±10 Hz on their own).
        var start = StartParameters(0, 0);
        var common = Envelope(start[0], start[1], start[2]);
        var mags = new double[_components.Length][];
        var work = new Complex[_axis.Points];
        for (int j = 0; j < _components.Length; j++)
        {
            int g = _groupOf[j];
            var env = _options.InitialDeviations is null || g < 0 || _groupNames.Length == 0
                ? common
                : Envelope(start[0] + start[NonlinearCount + 2 * g], Math.Max(0, start[1] + start[NonlinearCount + 2 * g + 1]), start[2]);
            for (int n = 0; n < work.Length; n++)
            {
                work[n] = _components[j].Fid[n] * env[n];
            }
            mags[j] = SpectralAxis.Spectrum(work).Select(z => z.Magnitude).ToArray();
        }
        // Matched over the singlets' region (NAA, Cr, Cho: LCModel's reference peaks), not the whole window: at the
        // window's upfield end the macromolecules and whatever water removal left dominate the magnitudes, and there a
        // fit of the Siemens test scan once preferred the search's edge (+31 Hz) to the true −1.5 Hz.
        var rows = Enumerable.Range(0, _window.Length).Where(k => _ppm[k] >= StartShiftLowPpm && _ppm[k] <= StartShiftHighPpm).ToArray();
        if (rows.Length < 16)
        {
            rows = Enumerable.Range(0, _window.Length).ToArray();
        }
        var y = rows.Select(k => _dataWindow[k].Magnitude).ToArray();
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
                cols[j] = new double[rows.Length];
                for (int r = 0; r < rows.Length; r++)
                {
                    int i = _window[rows[r]] - lag;
                    cols[j][r] = i >= 0 && i < _axis.Points ? mags[j][i] : 0;
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
        var envelopes = GroupEnvelopes(p, par);
        var columns = new double[_components.Length][];
        var work = new Complex[_axis.Points];
        int half = _axis.Points / 2;
        for (int j = 0; j < _components.Length; j++)
        {
            var fid = _components[j].Fid;
            var env = envelopes[_groupOf[j] < 0 ? envelopes.Length - 1 : _groupOf[j]];
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

    /// <summary>Each group's envelope: the global one times e^{(2πiδ − π|ε|)t} (one envelope when there are no groups).</summary>
    private Complex[][] GroupEnvelopes(double[] p, FitParameters par)
    {
        var env = Envelope(par.ShiftHz, par.LorentzHz, par.GaussHz);
        int groups = _groupNames.Length;
        if (groups == 0)
        {
            return [env];
        }
        var result = new Complex[groups + 1][];
        result[groups] = env;
        for (int g = 0; g < groups; g++)
        {
            double delta = p[NonlinearCount + 2 * g];
            double eps = p[NonlinearCount + 2 * g + 1];
            var e = new Complex[env.Length];
            for (int n = 0; n < e.Length; n++)
            {
                double t = _time[n];
                double mag = Math.Exp(-Math.PI * eps * t);
                double arg = 2 * Math.PI * delta * t;
                e[n] = env[n] * new Complex(mag * Math.Cos(arg), mag * Math.Sin(arg));
            }
            result[g] = e;
        }
        return result;
    }

    /// <summary>
    /// d(model)/d(δ_g, ε_g) over the window at fixed amplitudes, analytically: one FFT per group of
    /// Σ_{j∈g} a_j·fid_j·env_g·t; Re(FFT(2πi·t·s)) = −2π·Im(S), Re(FFT(−π·t·s)) = −π·Re(S).
    /// </summary>
    private double[][] GroupDerivatives(double[] p, double[] amplitudes)
    {
        int groups = _groupNames.Length;
        var result = new double[2 * groups][];
        if (groups == 0)
        {
            return result;
        }
        var envelopes = GroupEnvelopes(p, FitParameters.FromArray(p));
        int half = _axis.Points / 2;
        var work = new Complex[_axis.Points];
        for (int g = 0; g < groups; g++)
        {
            Array.Clear(work);
            var env = envelopes[g];
            for (int j = 0; j < _components.Length; j++)
            {
                if (_groupOf[j] != g || amplitudes[j] == 0)
                {
                    continue;
                }
                var fid = _components[j].Fid;
                double a = amplitudes[j];
                for (int n = 0; n < work.Length; n++)
                {
                    work[n] += a * _time[n] * fid[n] * env[n];
                }
            }
            Fourier.Forward(work, FourierOptions.NoScaling);
            var dShift = new double[_window.Length];
            var dDamp = new double[_window.Length];
            for (int k = 0; k < _window.Length; k++)
            {
                var z = work[(_window[k] + half) % work.Length];
                dShift[k] = -2 * Math.PI * z.Imaginary;
                dDamp[k] = -Math.PI * z.Real;
            }
            result[2 * g] = dShift;
            result[2 * g + 1] = dDamp;
        }
        return result;
    }

    /// <summary>
    /// Every component is in a group, so the model depends only on shift + δ_g and Lorentz + ε_g: moving the mean δ into
    /// the global shift and the mean ε into the global Lorentzian leaves the model unchanged and lowers the priors' cost
    /// (the priors describe each component's deviation from the common lineshape, as LCModel's do).
    /// </summary>
    private void Recentre(double[] p)
    {
        int groups = _groupNames.Length;
        if (groups == 0 || _groupOf.Any(g => g < 0))
        {
            return;
        }
        double mean = 0, meanDamping = 0;
        for (int g = 0; g < groups; g++)
        {
            mean += p[NonlinearCount + 2 * g] / groups;
            meanDamping += p[NonlinearCount + 2 * g + 1] / groups;
        }
        p[0] += mean;
        p[1] = Math.Abs(p[1]) + meanDamping;
        for (int g = 0; g < groups; g++)
        {
            p[NonlinearCount + 2 * g] -= mean;
            p[NonlinearCount + 2 * g + 1] -= meanDamping;
        }
    }

    private const double MaxPriorDeviations = 5;

    private double PriorSd(int q)
    {
        double sd = q % 2 == 0 ? _options.ShiftSdHz : _options.DampingSdHz;
        string name = _groupNames[q / 2];
        if (GroupOf(name) == Metabolites.MetaboliteCatalog.MacromoleculeGroup)
        {
            return sd * _options.MinorGroupPriorScale;
        }
        // As LCModel: NAA and NAAG (whose singlets are 0.03 ppm apart) get half the shift freedom, to stay separable.
        return q % 2 == 0 && name is "NAA" or "NAAG" ? sd / 2 : sd;
    }

    private sealed record Evaluation(double Cost, double[] Residual, double[] Amplitudes, double[] Beta, double[][] Columns, double[] Y)
    {
        /// <summary>The Gram matrix of [components, baseline] (baseline block with its penalty).</summary>
        public double[,] Gram { get; init; } = new double[0, 0];
    }

    /// <summary>
    /// Kaufman's variable-projection Jacobian column: the residual's derivative v at fixed linear parameters (data rows),
    /// minus its projection on the active amplitude columns and the penalised baseline: [v; 0] − Ã·G⁻¹·Aᵀv.
    /// </summary>
    private double[][] ProjectColumns(Evaluation e, double[][] vs)
    {
        int nc = _components.Length;
        int nb = _baseline?.Count ?? 0;
        var active = new List<int>();
        for (int j = 0; j < nc; j++)
        {
            if (e.Amplitudes[j] > 0)
            {
                active.Add(j);
            }
        }
        for (int j = 0; j < nb; j++)
        {
            active.Add(nc + j);
        }
        int na = active.Count;
        double[] Column(int i) => i < nc ? e.Columns[i] : _baseline!.Columns[i - nc];
        var g = new double[na, na];
        for (int i = 0; i < na; i++)
        {
            for (int j = 0; j < na; j++)
            {
                g[i, j] = e.Gram[active[i], active[j]];
            }
        }
        var inverse = na > 0 ? DenseSolve.InverseSymmetric(g) : g;
        int m = _window.Length;
        int penaltyRows = Math.Max(0, nb - 2);
        double sl = Math.Sqrt(_lambda);
        var result = new double[vs.Length][];
        for (int q = 0; q < vs.Length; q++)
        {
            var v = vs[q];
            var h = new double[na];
            for (int i = 0; i < na; i++)
            {
                h[i] = Dot(Column(active[i]), v);
            }
            var z = new double[na];
            var zb = new double[nb];
            for (int i = 0; i < na; i++)
            {
                double s = 0;
                for (int j = 0; j < na; j++)
                {
                    s += inverse[i, j] * h[j];
                }
                z[i] = s;
                if (active[i] >= nc)
                {
                    zb[active[i] - nc] = s;
                }
            }
            var col = new double[e.Residual.Length];
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
            for (int k = 0; k < penaltyRows; k++)
            {
                col[m + k] = -sl * (zb[k] - 2 * zb[k + 1] + zb[k + 2]);
            }
            for (int k = 0; k < _ratioWeights.Length; k++)
            {
                var c = _ratioPriors[k].Constraint;
                double s = 0;
                for (int i = 0; i < na && active[i] < nc; i++)
                {
                    s += c[active[i]] * z[i];
                }
                col[m + penaltyRows + k] = -_priorScale * _ratioWeights[k] * s;
            }
            result[q] = col;
        }
        return result;
    }

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
        AddRatioPriors(g);
        var free = new bool[n];
        for (int i = nc; i < n; i++)
        {
            free[i] = true;
        }
        var x = Nnls.Solve(g, h, free);
        var m = y.Length;
        int penaltyRows = Math.Max(0, nb - 2);
        int ratioRows = _ratioWeights.Length;
        int priorRows = 2 * _groupNames.Length;
        var r = new double[m + penaltyRows + ratioRows + priorRows];
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
        for (int k = 0; k < ratioRows; k++)
        {
            r[m + penaltyRows + k] = _priorScale * _ratioWeights[k] * Dot(_ratioPriors[k].Constraint, x); // x: amplitudes first
        }
        for (int q = 0; q < priorRows; q++)
        {
            double v = p[NonlinearCount + q];
            r[m + penaltyRows + ratioRows + q] = _priorScale * v / PriorSd(q);
        }
        double cost = r.Sum(v => v * v);
        return new Evaluation(cost, r, x[..nc], x[nc..], columns, y) { Gram = g };
    }

    /// <summary>Adds the ratio priors' rows (σ·w_k·c_kᵀa) to the amplitude block of a Gram matrix: Σ (σ w_k)² c_k c_kᵀ.</summary>
    private void AddRatioPriors(double[,] gram)
    {
        for (int k = 0; k < _ratioWeights.Length; k++)
        {
            var c = _ratioPriors[k].Constraint;
            double s2 = _priorScale * _ratioWeights[k] * _priorScale * _ratioWeights[k];
            for (int i = 0; i < c.Length; i++)
            {
                for (int j = 0; j < c.Length; j++)
                {
                    gram[i, j] += s2 * c[i] * c[j];
                }
            }
        }
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

    /// <summary>
    /// Stop when an accepted step lowers the cost by less than this fraction: 1e-9 with the 5 global parameters;
    /// 1e-6 with per-component ones (tails of slow convergence change χ² by ≪ 0.01; 1e-9 changed no result on 100
    /// simulated spectra and took longer).
    /// </summary>
    private double ConvergenceTolerance => _groupNames.Length > 0 ? 1e-6 : 1e-9;

    private static readonly double[] Steps = [0.05, 0.05, 0.05, 1e-3, 1e-3];

    private (Evaluation Best, int Iterations) LevenbergMarquardt(double[] p)
    {
        var current = Evaluate(p);
        double mu = 1e-3;
        int iteration = 0;
        int np = _parameterCount;
        int m = _window.Length;
        for (; iteration < _options.MaxIterations; iteration++)
        {
            var jac = new double[np][];
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
            // Group shifts/dampings: analytic derivative at fixed amplitudes (exact gradient of the projected cost).
            var derivatives = GroupDerivatives(p, current.Amplitudes);
            int priorStart = current.Residual.Length - derivatives.Length;
            var projected = ProjectColumns(current, derivatives.Select(d => d.Select(v => -v).ToArray()).ToArray());
            for (int q = 0; q < derivatives.Length; q++)
            {
                var col = projected[q];
                col[priorStart + q] = _priorScale / PriorSd(q);
                jac[NonlinearCount + q] = col;
            }
            var a = new double[np, np];
            var grad = new double[np];
            for (int i = 0; i < np; i++)
            {
                grad[i] = -Dot(jac[i], current.Residual);
                for (int j = 0; j < np; j++)
                {
                    a[i, j] = Dot(jac[i], jac[j]);
                }
            }
            // A component's damping at its bound (total damping 0) whose descent direction points below it is held there for this iteration.
            for (int q = NonlinearCount + 1; q < np; q += 2)
            {
                if (p[q] <= -Math.Abs(p[1]) && grad[q] <= 0)
                {
                    for (int j = 0; j < np; j++)
                    {
                        a[q, j] = 0;
                        a[j, q] = 0;
                    }
                    a[q, q] = 1;
                    grad[q] = 0;
                }
            }
            bool accepted = false;
            double previous = current.Cost;
            for (int tries = 0; tries < 10 && !accepted; tries++)
            {
                var damped = (double[,])a.Clone();
                for (int i = 0; i < np; i++)
                {
                    damped[i, i] += mu * (a[i, i] + 1e-12);
                }
                var step = DenseSolve.SolveSymmetric(damped, grad);
                var trial = p.Zip(step, (x, d) => x + d).ToArray();
                for (int k = 0; k < np - NonlinearCount; k++)
                {
                    // Within five prior SDs: beyond, a component is no longer the basis spectrum it stands for.
                    double bound = MaxPriorDeviations * PriorSd(k);
                    int q = NonlinearCount + k;
                    trial[q] = Math.Clamp(trial[q], -bound, bound);
                    if (k % 2 == 1)
                    {
                        trial[q] = Math.Max(-Math.Abs(trial[1]), trial[q]); // a damping: the total stays ≥ 0
                    }
                }
                Recentre(trial);
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
            if (!accepted || (previous - current.Cost) <= ConvergenceTolerance * previous)
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
        int groupParameters = 2 * _groupNames.Length;
        var jac = new double[nc + nb + NonlinearCount + groupParameters][];
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
        var derivatives = GroupDerivatives(p, e.Amplitudes);
        var priorPrecision = new double[NonlinearCount + groupParameters];
        for (int q = 0; q < groupParameters; q++)
        {
            jac[nc + nb + NonlinearCount + q] = derivatives[q];
            double w = _priorScale / PriorSd(q);
            priorPrecision[NonlinearCount + q] = w * w;
        }
        int priorSize = _ratioWeights.Length > 0 ? nc : 0;
        var amplitudePrecision = new double[priorSize, priorSize];
        AddRatioPriors(amplitudePrecision);
        int active = e.Amplitudes.Count(a => a > 0);
        double rss = residual.Sum(v => v * v);
        double dof = Math.Max(1, m - active - NonlinearCount - groupParameters - EffectiveBaselineDof());
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
            NonlinearPriorPrecision = priorPrecision,
            AmplitudePriorPrecision = amplitudePrecision,
            RatioPriorsUsed = Enumerable.Range(0, _ratioWeights.Length).Where(k => _ratioWeights[k] > 0)
                .Select(k => new AppliedRatioPrior(_ratioPriors[k].Prior, _ratioWeights[k] * Dot(_ratioPriors[k].Constraint, e.Amplitudes)))
                .ToArray(),
            GroupNames = _groupNames,
            GroupShiftsHz = Enumerable.Range(0, _groupNames.Length).Select(g => p[NonlinearCount + 2 * g]).ToArray(),
            GroupDampingsHz = Enumerable.Range(0, _groupNames.Length).Select(g => p[NonlinearCount + 2 * g + 1]).ToArray(),
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
