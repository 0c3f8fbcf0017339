using System.Numerics;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification.Fitting;

/// <summary>
/// Where the nonlinear fit starts: the options' widths and seeded group deviations, and a starting shift found by
/// matching magnitude spectra (phase-independent) over integer bin lags. Immutable.
/// </summary>
internal sealed class StartingPoint
{
    /// <summary>The region the starting shift is matched over (ppm): NAA at 2.01, Cr at 3.03, Cho at 3.2.</summary>
    private const double StartShiftLowPpm = 1.8, StartShiftHighPpm = 3.4;

    private readonly SpectralAxis _axis;
    private readonly Complex[][] _fids;
    private readonly int[] _groupOf;
    private readonly IReadOnlyList<string> _groupNames;
    private readonly FitOptions _options;
    private readonly LineshapeModel _model;
    private readonly LineshapePriors _priors;
    private readonly int[] _window;
    private readonly double[] _ppm;
    private readonly Lazy<double[][]> _templates;

    public StartingPoint(SpectralAxis axis, Complex[][] fids, int[] groupOf, IReadOnlyList<string> groupNames, FitOptions options,
        LineshapeModel model, LineshapePriors priors, int[] window, double[] ppm)
    {
        _axis = axis;
        _fids = fids;
        _groupOf = groupOf;
        _groupNames = groupNames;
        _options = options;
        _model = model;
        _priors = priors;
        _window = window;
        _ppm = ppm;
        _templates = new(Templates, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The components' magnitude spectra at the start's lineshape: they depend on the options alone, so they are
    /// computed once per fitter (once per batch, not per spectrum).
    /// </summary>
    private double[][] Templates()
    {
        // Seeded per-component lineshapes (FitOptions.InitialDeviations) shape the templates too: searched with every
        // component on the common lineshape, the lag would follow the strongest peak's own shift, and the seeded
        // deviations would then be counted twice (catastrophic when components move ±10 Hz on their own).
        var start = Parameters(0, 0);
        var common = _model.Envelope(start[0], start[1], start[2]);
        var mags = new double[_fids.Length][];
        var work = new Complex[_axis.Points];
        for (int j = 0; j < _fids.Length; j++)
        {
            int g = _groupOf[j];
            var env = _options.InitialDeviations is null || g < 0 || _groupNames.Count == 0
                ? common
                : _model.Envelope(start[0] + start[LineshapeParameters.GroupShift(g)], Math.Max(0, start[1] + start[LineshapeParameters.GroupDamping(g)]), start[2]);
            for (int n = 0; n < work.Length; n++)
            {
                work[n] = _fids[j][n] * env[n];
            }
            mags[j] = SpectralAxis.Spectrum(work).Select(z => z.Magnitude).ToArray();
        }
        return mags;
    }

    /// <summary>The start at a shift and zero-order phase: the options' widths, the seeded group deviations, recentred.</summary>
    public double[] Parameters(double shift, double phase)
    {
        var p = new double[_model.ParameterCount];
        p[LineshapeParameters.ShiftHz] = shift;
        p[LineshapeParameters.LorentzHz] = _options.InitialLorentzHz;
        p[LineshapeParameters.GaussSquaredHz2] = _options.InitialGaussHz * _options.InitialGaussHz;
        p[LineshapeParameters.Phase0Rad] = phase;
        for (int g = 0; g < _groupNames.Count; g++)
        {
            if (_model.GroupGaussParameter(g) is int own and >= 0)
            {
                // Widths of its own start where the common ones do.
                p[LineshapeParameters.GroupDamping(g)] = _options.InitialLorentzHz;
                p[own] = p[LineshapeParameters.GaussSquaredHz2];
            }
            else if (_options.InitialDeviations?.TryGetValue(_groupNames[g], out var d) == true)
            {
                p[LineshapeParameters.GroupShift(g)] = d.ShiftHz;
                p[LineshapeParameters.GroupDamping(g)] = d.DampingHz;
            }
        }
        _priors.Recentre(p);
        return p;
    }

    /// <summary>
    /// The starting shift: for integer bin lags over ±<see cref="FitOptions.ShiftSearchPpm"/>, a non-negative fit of the
    /// data's magnitude spectrum by the components' magnitude spectra (phase-independent); the lag of least residual.
    /// </summary>
    public double Shift(Complex[] dataWindow, CancellationToken cancellationToken)
    {
        var mags = _templates.Value;
        // Matched over the singlets' region (NAA, Cr, Cho: LCModel's reference peaks), not the whole window: at the
        // window's upfield end the macromolecules and whatever water removal left dominate the magnitudes, and there a
        // fit of the Siemens test scan once preferred the search's edge (+31 Hz) to the true −1.5 Hz.
        var rows = Enumerable.Range(0, _window.Length).Where(k => _ppm[k] >= StartShiftLowPpm && _ppm[k] <= StartShiftHighPpm).ToArray();
        if (rows.Length < 16)
        {
            rows = Enumerable.Range(0, _window.Length).ToArray();
        }
        var y = rows.Select(k => dataWindow[k].Magnitude).ToArray();
        // A lag beyond the spectrum's length matches nothing; the bound also keeps a damaged axis (SW 1e-300 Hz) from
        // making this loop run for billions of lags.
        int maxLag = (int)Math.Min(Math.Ceiling(_options.ShiftSearchPpm * _axis.FrequencyMHz / _axis.HzPerPoint), _axis.Points);
        int nc = _fids.Length;
        double bestCost = double.PositiveInfinity;
        int bestLag = 0;
        var free = new bool[nc];
        bool mrsi = _options.Profile == FitProfile.Mrsi;
        var previous = new bool[nc];
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            cancellationToken.ThrowIfCancellationRequested();
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
                h[i] = Vectors.Dot(cols[i], y, mrsi);
                for (int j = 0; j <= i; j++)
                {
                    g[i, j] = g[j, i] = Vectors.Dot(cols[i], cols[j], mrsi);
                }
            }
            // The MRSI profile starts each lag's NNLS from the previous lag's positive set (neighbouring lags select
            // nearly the same templates; same minimum, fewer one-at-a-time additions) and sums its dots with SIMD.
            var x = Nnls.Solve(g, h, free, 0, mrsi ? previous : null, mrsi);
            if (mrsi)
            {
                for (int i = 0; i < nc; i++)
                {
                    previous[i] = x[i] > 0;
                }
            }
            double cost = Vectors.Dot(y, y);
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
}
