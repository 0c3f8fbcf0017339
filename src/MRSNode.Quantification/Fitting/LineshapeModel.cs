using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification.Fitting;

/// <summary>
/// The forward model of the fit and its analytic derivatives. Component j's column is the real part, over the window,
/// of the spectrum of fid_j(t)·env_g(t), where the common envelope is e^{(2πiS − π|L|)t − c·G²t²} (S shift, L and G the
/// Lorentzian and Gaussian FWHM, c = π²/(4 ln 2); the parameter is G², see <see cref="LineshapeParameters.GaussSquaredHz2"/>)
/// and group g's is that times e^{(2πiδ_g − πε_g)t}; a group with widths of its own (the lipids', whose lines are not
/// the metabolites': <see cref="LineshapeParameters.GroupGauss"/>) has e^{(2πi(S + δ_g) − πε_g)t − c·γ_g·t²}, ε_g its
/// Lorentzian and γ_g its Gaussian FWHM² in place of the common ones. The data are phased by φ_k = φ0 + φ1·(ppm_k − pivot):
/// y_k = Re(d_k·e^{−iφ_k}). Immutable: one instance serves every fit.
/// </summary>
internal sealed class LineshapeModel
{
    private readonly Complex[][] _fids;
    private readonly int[] _groupOf;
    private readonly int[] _window;
    private readonly double[] _phaseOffset;
    private readonly double[] _time;
    private readonly int _points;
    private readonly Batch.IModelColumns? _columns;
    private readonly bool _amplitudesFirst;
    private readonly int[] _gaussIndexOf;

    /// <param name="fids">Each component's FID on the data's grid.</param>
    /// <param name="groupOf">Each component's group (its own shift and damping), −1 for the common lineshape; all 0 with no groups.</param>
    /// <param name="groupCount">How many groups carry their own shift and damping (0: one lineshape for all).</param>
    /// <param name="window">The spectral indices fitted.</param>
    /// <param name="phaseOffset">ppm − pivot at each window point.</param>
    /// <param name="spectralWidthHz">The data's spectral width (the time step is its inverse).</param>
    /// <param name="columnEngine">Computes <see cref="Columns"/> (an accelerator); null: this model's own FFTs.</param>
    /// <param name="ownWidths">Which groups have a Lorentzian and Gaussian width of their own (null: none).</param>
    /// <param name="amplitudesFirst">
    /// The MRSI profile's derivative sums: Σ aⱼ·fidⱼ first, then one product with t·envelope (a real scaling per
    /// component instead of a complex product; the last digits differ from the full fit's).
    /// </param>
    public LineshapeModel(Complex[][] fids, int[] groupOf, int groupCount, int[] window, double[] phaseOffset, double spectralWidthHz, Batch.IModelColumnEngine? columnEngine = null, bool amplitudesFirst = false, bool[]? ownWidths = null)
    {
        _gaussIndexOf = new int[groupCount];
        for (int g = 0, k = 0; g < groupCount; g++)
        {
            _gaussIndexOf[g] = ownWidths is not null && ownWidths[g] ? k++ : -1;
        }
        OwnGaussianCount = _gaussIndexOf.Count(k => k >= 0);
        _amplitudesFirst = amplitudesFirst;
        _fids = fids;
        _groupOf = groupOf;
        GroupCount = groupCount;
        _window = window;
        _phaseOffset = phaseOffset;
        _points = fids[0].Length;
        _time = Enumerable.Range(0, _points).Select(n => n / spectralWidthHz).ToArray();
        int envelopes = groupCount > 0 ? groupCount + 1 : 1;
        _columns = columnEngine?.Prepare(fids, Enumerable.Range(0, fids.Length).Select(j => EnvelopeOf(j, envelopes)).ToArray(),
            window.Select(w => (w + _points / 2) % _points).ToArray());
    }

    /// <summary>c in e^{−c·G²t²}: a Gaussian of FWHM G Hz in frequency is e^{−π²G²t²/(4 ln 2)} in time.</summary>
    private static readonly double GaussianRate = Math.PI * Math.PI / (4 * Math.Log(2));

    public int GroupCount { get; }

    /// <summary>How many groups have widths of their own (each adds its Gaussian FWHM² to the parameters).</summary>
    public int OwnGaussianCount { get; }

    public int ParameterCount => LineshapeParameters.Count(GroupCount, OwnGaussianCount);

    /// <summary>The parameter index of group g's own Gaussian FWHM², −1 if the group is on the common widths.</summary>
    public int GroupGaussParameter(int g) => _gaussIndexOf[g] < 0 ? -1 : LineshapeParameters.GroupGauss(GroupCount, _gaussIndexOf[g]);

    /// <summary>The common envelope e^{(2πi·shift − π·lorentz)t − c·gauss²t²} on the time grid.</summary>
    public Complex[] Envelope(double shiftHz, double lorentzHz, double gaussSquaredHz2)
    {
        var env = new Complex[_points];
        double g = GaussianRate * gaussSquaredHz2;
        for (int n = 0; n < env.Length; n++)
        {
            double t = _time[n];
            double mag = Math.Exp(-Math.PI * lorentzHz * t - g * t * t);
            double arg = 2 * Math.PI * shiftHz * t;
            env[n] = new Complex(mag * Math.Cos(arg), mag * Math.Sin(arg));
        }
        return env;
    }

    /// <summary>Real-part columns of every component over the window.</summary>
    public double[][] Columns(double[] p)
    {
        var envelopes = GroupEnvelopes(p);
        if (_columns is not null)
        {
            return _columns.Columns(envelopes);
        }
        var columns = new double[_fids.Length][];
        var work = new Complex[_points];
        for (int j = 0; j < _fids.Length; j++)
        {
            var fid = _fids[j];
            var env = envelopes[EnvelopeOf(j, envelopes)];
            for (int n = 0; n < work.Length; n++)
            {
                work[n] = fid[n] * env[n];
            }
            Fourier.Forward(work, FourierOptions.NoScaling);
            columns[j] = RealOverWindow(work);
        }
        return columns;
    }

    /// <summary>The data over the window phased by the parameters' zero- and first-order phase: Re(d·e^{−iφ}).</summary>
    public double[] PhasedData(double[] p, Complex[] dataWindow)
    {
        var y = new double[_window.Length];
        for (int k = 0; k < _window.Length; k++)
        {
            double phi = Phase(p, k);
            var d = dataWindow[k];
            // Re(d · e^{−iφ})
            y[k] = d.Real * Math.Cos(phi) + d.Imaginary * Math.Sin(phi);
        }
        return y;
    }

    /// <summary>Each group's envelope: the common one times e^{(2πiδ − πε)t}; the common one last (alone without groups).</summary>
    public Complex[][] GroupEnvelopes(double[] p)
    {
        var env = Envelope(p[LineshapeParameters.ShiftHz], Math.Abs(p[LineshapeParameters.LorentzHz]), p[LineshapeParameters.GaussSquaredHz2]);
        int groups = GroupCount;
        if (groups == 0)
        {
            return [env];
        }
        var result = new Complex[groups + 1][];
        result[groups] = env;
        for (int g = 0; g < groups; g++)
        {
            double delta = p[LineshapeParameters.GroupShift(g)];
            double eps = p[LineshapeParameters.GroupDamping(g)];
            int gq = GroupGaussParameter(g);
            if (gq >= 0)
            {
                result[g] = Envelope(p[LineshapeParameters.ShiftHz] + delta, Math.Max(0, eps), Math.Max(0, p[gq]));
                continue;
            }
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
    /// d(model)/dp over the window at fixed amplitudes, for every parameter in <see cref="LineshapeParameters"/> order
    /// (the phases move the data, not the model: their columns are zero). With T_e = Σ_{j on envelope e} a_j·fid_j·env_e·t,
    /// one FFT each: a group's shift gives Re(FFT(2πi·T_g)) = −2π·Im(FFT(T_g)) and its damping Re(FFT(−π·T_g)) =
    /// −π·Re(FFT(T_g)); the global shift and Lorentzian act on every component, so theirs are the same over Σ_e T_e
    /// (|L| makes L's sign the Lorentzian column's); G²'s is Re(FFT(−c·t·Σ_e T_e)). A group with widths of its own takes
    /// no part in L's and G²'s sums; its γ's column is Re(FFT(−c·t·T_g)).
    /// </summary>
    public double[][] ModelDerivatives(double[] p, double[] amplitudes)
    {
        var result = new double[ParameterCount][];
        var envelopes = GroupEnvelopes(p);
        var total = new Complex[_points];
        var common = new Complex[_points]; // the envelopes on the common widths
        var timeSquared = new Complex[_points];
        for (int e = 0; e < envelopes.Length; e++)
        {
            int gq = e < GroupCount ? GroupGaussParameter(e) : -1;
            var ownTimeSquared = gq < 0 ? null : new Complex[_points];
            var transform = TimeWeightedSum(e, envelopes[e], amplitudes, ownTimeSquared ?? timeSquared);
            if (ownTimeSquared is not null)
            {
                Forward(ownTimeSquared);
                result[gq] = RealOverWindow(ownTimeSquared).Select(v => -GaussianRate * v).ToArray();
            }
            if (e < GroupCount)
            {
                result[LineshapeParameters.GroupShift(e)] = ShiftDerivative(transform);
                result[LineshapeParameters.GroupDamping(e)] = DampingDerivative(transform);
            }
            for (int n = 0; n < total.Length; n++)
            {
                total[n] += transform[n];
                if (gq < 0)
                {
                    common[n] += transform[n];
                }
            }
        }
        result[LineshapeParameters.ShiftHz] = ShiftDerivative(total);
        double lorentzSign = p[LineshapeParameters.LorentzHz] < 0 ? -1 : 1; // right-hand derivative at 0
        result[LineshapeParameters.LorentzHz] = DampingDerivative(common).Select(v => lorentzSign * v).ToArray();
        Forward(timeSquared);
        result[LineshapeParameters.GaussSquaredHz2] = RealOverWindow(timeSquared).Select(v => -GaussianRate * v).ToArray();
        result[LineshapeParameters.Phase0Rad] = new double[_window.Length];
        result[LineshapeParameters.Phase1RadPerPpm] = new double[_window.Length];
        return result;
    }

    /// <summary>
    /// d(phased data)/dp over the window: Im(d·e^{−iφ}) for φ0 and that times (ppm − pivot) for φ1; null for the
    /// parameters the data do not depend on.
    /// </summary>
    public double[]?[] PhasedDataDerivatives(double[] p, Complex[] dataWindow)
    {
        var d0 = new double[_window.Length];
        var d1 = new double[_window.Length];
        for (int k = 0; k < _window.Length; k++)
        {
            double phi = Phase(p, k);
            var d = dataWindow[k];
            d0[k] = d.Imaginary * Math.Cos(phi) - d.Real * Math.Sin(phi);
            d1[k] = d0[k] * _phaseOffset[k];
        }
        var result = new double[]?[ParameterCount];
        result[LineshapeParameters.Phase0Rad] = d0;
        result[LineshapeParameters.Phase1RadPerPpm] = d1;
        return result;
    }

    /// <summary>FFT of T_e = Σ a_j·t·fid_j·env_e over the components on envelope e (amplitudes at zero skipped); adds t·T_e to <paramref name="timeSquared"/> when given.</summary>
    private Complex[] TimeWeightedSum(int envelope, Complex[] env, double[] amplitudes, Complex[]? timeSquared = null)
    {
        var work = new Complex[_points];
        for (int j = 0; j < _fids.Length; j++)
        {
            if (EnvelopeOf(j, GroupCount + 1) != envelope || amplitudes[j] == 0)
            {
                continue;
            }
            var fid = _fids[j];
            double a = amplitudes[j];
            if (_amplitudesFirst)
            {
                for (int n = 0; n < work.Length; n++)
                {
                    work[n] += a * fid[n];
                }
            }
            else
            {
                for (int n = 0; n < work.Length; n++)
                {
                    work[n] += a * _time[n] * fid[n] * env[n];
                }
            }
        }
        if (_amplitudesFirst)
        {
            for (int n = 0; n < work.Length; n++)
            {
                work[n] *= _time[n] * env[n];
            }
        }
        if (timeSquared is not null)
        {
            for (int n = 0; n < work.Length; n++)
            {
                timeSquared[n] += _time[n] * work[n];
            }
        }
        Forward(work);
        return work;
    }

    /// <summary>The unscaled forward FFT: the column engine's when there is one (the same transform the columns use).</summary>
    private void Forward(Complex[] data)
    {
        if (_columns is not null)
        {
            _columns.Forward(data);
        }
        else
        {
            Fourier.Forward(data, FourierOptions.NoScaling);
        }
    }

    private double[] ShiftDerivative(Complex[] transform)
    {
        int half = _points / 2;
        var d = new double[_window.Length];
        for (int k = 0; k < _window.Length; k++)
        {
            d[k] = -2 * Math.PI * transform[(_window[k] + half) % _points].Imaginary;
        }
        return d;
    }

    private double[] DampingDerivative(Complex[] transform)
    {
        int half = _points / 2;
        var d = new double[_window.Length];
        for (int k = 0; k < _window.Length; k++)
        {
            d[k] = -Math.PI * transform[(_window[k] + half) % _points].Real;
        }
        return d;
    }

    /// <summary>The real part over the window of an unshifted FFT (index k of the window is bin (k + N/2) mod N).</summary>
    private double[] RealOverWindow(Complex[] spectrum)
    {
        int half = _points / 2;
        var col = new double[_window.Length];
        for (int k = 0; k < _window.Length; k++)
        {
            col[k] = spectrum[(_window[k] + half) % spectrum.Length].Real;
        }
        return col;
    }

    /// <summary>φ_k = φ0 + φ1·(ppm_k − pivot).</summary>
    private double Phase(double[] p, int k) => p[LineshapeParameters.Phase0Rad] + p[LineshapeParameters.Phase1RadPerPpm] * _phaseOffset[k];

    private int EnvelopeOf(int component, Complex[][] envelopes) => EnvelopeOf(component, envelopes.Length);

    /// <summary>Component j's envelope among <paramref name="envelopes"/> (the common one last).</summary>
    private int EnvelopeOf(int component, int envelopes) => _groupOf[component] < 0 ? envelopes - 1 : _groupOf[component];
}
