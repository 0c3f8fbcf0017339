using System.Numerics;
using MRSNode.Spectroscopy.Processing;

namespace MRSNode.Spectroscopy.Simulation;

/// <summary>
/// Simulates spectra from a basis set (Hatami et al. 2018, eq. 1, extended as in QNet):
/// y(t) = e^{iφ0}·[Σ_m a_m·x_m(t)·e^{(2πiΔf_m − πd_m)t} + s_MM·x_Mac(t)·e^{−πd_MM·t} + lipids + water]·e^{−(πgt)²/(4 ln 2)}
/// + baseline, a first-order phase applied in the frequency domain, plus complex white noise scaled to the
/// requested SNR (NAA peak height of the real, noise-free, correctly phased spectrum over the real noise SD).
/// Reproducible: one <see cref="Random"/> seeded by the caller draws each spectrum's own seed.
/// </summary>
public sealed class SpectrumSimulator
{
    private readonly BasisSet _basis;
    private readonly SimulationParameters _parameters;
    private readonly Dictionary<string, Complex[]> _fids = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _points;
    private readonly double _spectralWidth;

    public SpectrumSimulator(BasisSet basis, SimulationParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(basis);
        _basis = basis;
        _parameters = parameters ?? new SimulationParameters();
        _points = _parameters.Points ?? basis.Points;
        _spectralWidth = _parameters.SpectralWidthHz ?? basis.SpectralWidthHz;
        if (_points < 64 || _points > 1 << 20)
        {
            throw new ArgumentException($"{_points} points is outside 64..1048576.", nameof(parameters));
        }
        if (!(_spectralWidth > 0))
        {
            throw new ArgumentException($"Spectral width {_spectralWidth} Hz is not positive.", nameof(parameters));
        }
        if (basis.Find("NAA") is null)
        {
            throw new ArgumentException("The basis set has no NAA entry: the SNR is defined on NAA.", nameof(basis));
        }
        bool resample = Math.Abs(_spectralWidth - basis.SpectralWidthHz) > 1e-9 * basis.SpectralWidthHz;
        foreach (var m in basis.Metabolites)
        {
            var fid = _parameters.RemoveBasisReference ? BasisReferenceLine.Remove(m, basis.Axis) : m.Fid;
            _fids[m.Name] = resample ? Resample(fid, basis.SpectralWidthHz, _points, _spectralWidth) : Fit(fid, _points);
        }
    }

    public SpectralAxis Axis => new(_points, _spectralWidth, _basis.FrequencyMHz, _basis.ReferencePpm);

    /// <summary><paramref name="count"/> spectra from <paramref name="seed"/>: the same seed gives identical spectra.</summary>
    public IReadOnlyList<SimulatedSpectrum> Simulate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var master = new Random(seed);
        var result = new List<SimulatedSpectrum>(count);
        for (int i = 0; i < count; i++)
        {
            result.Add(SimulateOne(i, master.Next()));
        }
        return result;
    }

    /// <summary>One spectrum from its own seed.</summary>
    public SimulatedSpectrum SimulateOne(int index, int seed)
    {
        var p = _parameters;
        var random = new Random(seed);
        double dwell = 1 / _spectralWidth;
        var axis = Axis;
        var amplitudes = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var shifts = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var dampings = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var signal = new Complex[_points];
        var naaOnly = new Complex[_points];
        var creatine = Complex.Zero;
        double mmScale = 0, mmDamping = 0;
        foreach (var m in _basis.Metabolites)
        {
            var fid = _fids[m.Name];
            if (string.Equals(m.Name, p.MacromoleculeName, StringComparison.OrdinalIgnoreCase))
            {
                mmScale = p.MmScale.Sample(random);
                mmDamping = p.MmExtraDampingHz.Sample(random);
                AddDamped(signal, fid, mmScale, 0, mmDamping, dwell);
                continue;
            }
            double a = p.Amplitudes.TryGetValue(m.Name, out var range) ? Math.Max(0, range.Sample(random)) : 0;
            double shift = p.FrequencyShiftHz.Sample(random);
            double damping = p.DampingHz.Sample(random);
            amplitudes[m.Name] = a;
            shifts[m.Name] = shift;
            dampings[m.Name] = damping;
            AddDamped(signal, fid, a, shift, damping, dwell);
            if (string.Equals(m.Name, "Cr", StringComparison.OrdinalIgnoreCase) || string.Equals(m.Name, "PCr", StringComparison.OrdinalIgnoreCase))
            {
                creatine += a * fid[0];
            }
            if (string.Equals(m.Name, "NAA", StringComparison.OrdinalIgnoreCase))
            {
                AddDamped(naaOnly, fid, a, shift, damping, dwell);
            }
        }
        double naaIntegral = naaOnly[0].Magnitude;

        var lipids = new List<LipidPeak>();
        if (p.Lipids)
        {
            foreach (var ppm in new[] { 0.9, 1.3 })
            {
                var lipid = new LipidPeak(ppm, p.LipidAmplitude.Sample(random) * naaIntegral, p.LipidWidthHz.Sample(random));
                lipids.Add(lipid);
                double f = (axis.ReferencePpm - ppm) * axis.FrequencyMHz;
                for (int t = 0; t < _points; t++)
                {
                    double time = t * dwell;
                    double g = Math.PI * lipid.WidthHz * time;
                    signal[t] += Complex.FromPolarCoordinates(lipid.Amplitude * Math.Exp(-g * g / (4 * Math.Log(2))), 2 * Math.PI * f * time);
                }
            }
        }

        var lipidLines = AddLipidLines(signal, creatine.Magnitude, dwell);

        double waterAmplitude = 0, waterPpm = 0, waterPhase = 0, waterDamping = 0;
        if (p.ResidualWater)
        {
            waterAmplitude = p.WaterAmplitude.Sample(random) * naaIntegral;
            waterPpm = p.WaterPpm.Sample(random);
            waterPhase = random.NextDouble() * 2 * Math.PI - Math.PI;
            waterDamping = p.WaterDampingHz.Sample(random);
            double f = (axis.ReferencePpm - waterPpm) * axis.FrequencyMHz;
            for (int t = 0; t < _points; t++)
            {
                double time = t * dwell;
                signal[t] += Complex.FromPolarCoordinates(waterAmplitude * Math.Exp(-Math.PI * waterDamping * time), waterPhase + 2 * Math.PI * f * time);
            }
        }

        double gaussian = p.GaussianHz.Sample(random);
        var gauss = ZeroFillApodize.Window(_points, dwell, 0, gaussian);
        for (int t = 0; t < _points; t++)
        {
            signal[t] *= gauss[t];
            naaOnly[t] *= gauss[t];
        }

        // Baseline: a polynomial over the whole axis (x from −1 to 1), relative to the NAA height.
        var spectrum = SpectralAxis.Spectrum(signal);
        double naaHeight = FidMath.NaaPeakHeight(SpectralAxis.Spectrum(naaOnly), axis, out _);
        var coefficients = new double[p.Baseline ? p.BaselineOrder + 1 : 0];
        for (int j = 0; j < coefficients.Length; j++)
        {
            coefficients[j] = p.BaselineCoefficient.Sample(random) * naaHeight;
        }
        for (int k = 0; k < _points && coefficients.Length > 0; k++)
        {
            double x = 2.0 * k / (_points - 1) - 1, value = 0, power = 1;
            foreach (var c in coefficients)
            {
                value += c * power;
                power *= x;
            }
            spectrum[k] += value;
        }

        // The SNR's peak height: the noise-free signal (with baseline) before phase errors, measured as QC measures it
        // (FidMath.NaaSnr), so a spectrum simulated at SNR x reads x there, up to the noise's own share of the peak.
        double height = FidMath.NaaPeakHeight(spectrum, axis, out _);

        double phi0 = p.ZeroOrderPhase.Sample(random);
        double phi1 = p.FirstOrderPhaseDegPerPpm.Sample(random);
        ApplyPhases(spectrum, axis, phi0, phi1, p.FirstOrderPivotPpm);
        var fidOut = FidMath.FromSpectrum(spectrum);

        double snr = p.Snr.Sample(random);
        double noiseSd = snr > 0 && double.IsFinite(snr) ? height / (snr * Math.Sqrt(_points)) : 0;
        for (int t = 0; t < _points; t++)
        {
            fidOut[t] += new Complex(noiseSd * StandardNormal.Draw(random), noiseSd * StandardNormal.Draw(random));
        }

        var acquisition = new MrsAcquisition(fidOut, _points)
        {
            SpectralWidthHz = _spectralWidth,
            TransmitterFrequencyMHz = _basis.FrequencyMHz,
            ReferencePpm = _basis.ReferencePpm,
            EchoTimeMs = _basis.EchoTimeMs,
            AcquiredAverages = 1,
            Role = AcquisitionRole.Metabolite,
            Localization = new Localization
            {
                Technique = "PRESS",
                VoxelSizeMm = [20, 20, 20],
                PositionMm = [0, 0, 0],
                Orientation = [1, 0, 0, 0, 1, 0],
            },
            Provenance = new Provenance
            {
                SourceFormat = "MRSNode simulation",
                Manufacturer = "MRSNode",
                Model = "SpectrumSimulator",
                SeriesDescription = $"simulated from {Path.GetFileName(_basis.Source)}",
                ProtocolName = "simulation",
            },
        };
        var truth = new SimulationTruth
        {
            Index = index,
            Seed = seed,
            Amplitudes = amplitudes,
            ShiftsHz = shifts,
            DampingsHz = dampings,
            GaussianHz = gaussian,
            ZeroOrderPhaseRad = phi0,
            FirstOrderPhaseDegPerPpm = phi1,
            FirstOrderPivotPpm = p.FirstOrderPivotPpm,
            Snr = snr,
            NoiseSd = noiseSd,
            NaaPeakHeight = height,
            MmScale = mmScale,
            MmExtraDampingHz = mmDamping,
            Lipids = lipids,
            LipidLines = lipidLines,
            WaterAmplitude = waterAmplitude,
            WaterPpm = waterPpm,
            WaterPhaseRad = waterPhase,
            WaterDampingHz = waterDamping,
            BaselineCoefficients = coefficients,
        };
        return new SimulatedSpectrum(acquisition, truth);
    }

    /// <summary>
    /// Each basis entry's own noise-free FID at unit amplitude as <paramref name="truth"/> drew it: its shift and damping
    /// (the MM entry its extra damping), the Gaussian and the phases. The metabolite and MM part of the simulated FID is
    /// Σ a_m·component_m + s_MM·component_MM; lipids, water and baseline are not included. Evaluation uses these to
    /// ask what the amplitudes alone can give when everything else is known (<c>LineshapeOracle</c>).
    /// </summary>
    public IReadOnlyDictionary<string, Complex[]> Components(SimulationTruth truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        double dwell = 1 / _spectralWidth;
        var gauss = ZeroFillApodize.Window(_points, dwell, 0, truth.GaussianHz);
        var result = new Dictionary<string, Complex[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in _basis.Metabolites)
        {
            var component = new Complex[_points];
            if (string.Equals(m.Name, _parameters.MacromoleculeName, StringComparison.OrdinalIgnoreCase))
            {
                AddDamped(component, _fids[m.Name], 1, 0, truth.MmExtraDampingHz, dwell);
            }
            else if (truth.ShiftsHz.TryGetValue(m.Name, out var shift) && truth.DampingsHz.TryGetValue(m.Name, out var damping))
            {
                AddDamped(component, _fids[m.Name], 1, shift, damping, dwell);
            }
            else
            {
                continue;
            }
            result[m.Name] = AsObserved(component, gauss, truth);
        }
        return result;
    }

    /// <summary>
    /// Each of <paramref name="truth"/>'s added lipid lines (<see cref="SimulationTruth.LipidLines"/>) at its simulated area,
    /// with the spectrum's Gaussian and phases: the lipid-line part of the simulated FID is their sum. Evaluation uses them
    /// as components of known shape and free amplitude.
    /// </summary>
    public IReadOnlyList<Complex[]> LipidLineComponents(SimulationTruth truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        double dwell = 1 / _spectralWidth;
        var gauss = ZeroFillApodize.Window(_points, dwell, 0, truth.GaussianHz);
        return truth.LipidLines.Select(added =>
        {
            var component = new Complex[_points];
            AddLipidLine(component, added.Line, added.Area, dwell);
            return AsObserved(component, gauss, truth);
        }).ToList();
    }

    /// <summary>A component as the simulated spectrum has it: times the Gaussian window, then the phase errors.</summary>
    private Complex[] AsObserved(Complex[] component, double[] gauss, SimulationTruth truth)
    {
        for (int t = 0; t < _points; t++)
        {
            component[t] *= gauss[t];
        }
        if (truth.ZeroOrderPhaseRad == 0 && truth.FirstOrderPhaseDegPerPpm == 0)
        {
            return component;
        }
        var spectrum = SpectralAxis.Spectrum(component);
        ApplyPhases(spectrum, Axis, truth.ZeroOrderPhaseRad, truth.FirstOrderPhaseDegPerPpm, truth.FirstOrderPivotPpm);
        return FidMath.FromSpectrum(spectrum);
    }

    /// <summary>Adds <see cref="SimulationParameters.LipidLines"/> (Voigt lines, areas relative to the creatine area) and returns them with their areas.</summary>
    private List<AddedLipidLine> AddLipidLines(Complex[] signal, double creatineArea, double dwell)
    {
        var added = new List<AddedLipidLine>();
        if (_parameters.LipidLines.Count > 0 && !(creatineArea > 0))
        {
            throw new InvalidOperationException("Lipid lines are sized against creatine, and this spectrum has none (no Cr or PCr amplitude).");
        }
        foreach (var line in _parameters.LipidLines)
        {
            double area = line.AreaRelativeToCreatine * creatineArea;
            AddLipidLine(signal, line, area, dwell);
            added.Add(new AddedLipidLine(line, area));
        }
        return added;
    }

    /// <summary>Adds one Voigt lipid line of <paramref name="area"/> (its FID's first point).</summary>
    private void AddLipidLine(Complex[] signal, LipidLine line, double area, double dwell)
    {
        var axis = Axis;
        double f = (axis.ReferencePpm - line.Ppm) * axis.FrequencyMHz;
        for (int t = 0; t < _points; t++)
        {
            double time = t * dwell;
            double g = Math.PI * line.GaussianHz * time;
            signal[t] += Complex.FromPolarCoordinates(area * Math.Exp(-Math.PI * line.LorentzianHz * time - g * g / (4 * Math.Log(2))), 2 * Math.PI * f * time);
        }
    }

    /// <summary>Zero-order (rad) and first-order (degrees per ppm about <paramref name="pivotPpm"/>) phase errors, applied in place.</summary>
    private static void ApplyPhases(Complex[] spectrum, SpectralAxis axis, double zeroOrderRad, double firstOrderDegPerPpm, double pivotPpm)
    {
        for (int k = 0; k < spectrum.Length; k++)
        {
            spectrum[k] *= Complex.FromPolarCoordinates(1, zeroOrderRad + firstOrderDegPerPpm * Math.PI / 180 * (axis.Ppm(k) - pivotPpm));
        }
    }

    /// <summary>Adds <paramref name="amplitude"/> × the basis FID moved by <paramref name="shiftHz"/> and damped by <paramref name="dampingHz"/> (Lorentzian).</summary>
    private static void AddDamped(Complex[] target, Complex[] fid, double amplitude, double shiftHz, double dampingHz, double dwell)
    {
        if (amplitude == 0)
        {
            return;
        }
        var step = Complex.FromPolarCoordinates(Math.Exp(-Math.PI * dampingHz * dwell), 2 * Math.PI * shiftHz * dwell);
        var factor = new Complex(amplitude, 0);
        for (int t = 0; t < target.Length; t++)
        {
            target[t] += fid[t] * factor;
            factor *= step;
        }
    }

    private static Complex[] Fit(Complex[] fid, int points)
    {
        var result = new Complex[points];
        fid.AsSpan(0, Math.Min(points, fid.Length)).CopyTo(result);
        return result;
    }

    /// <summary>
    /// The basis FID at another dwell time: the band-limited interpolation Σ_k S_k e^{2πi f_k t}/N of its spectrum,
    /// keeping only the bins inside the new spectral width (an ideal anti-alias filter).
    /// </summary>
    internal static Complex[] Resample(Complex[] fid, double spectralWidth, int points, double newSpectralWidth)
    {
        int n = fid.Length;
        var spectrum = SpectralAxis.Spectrum(fid);
        var result = new Complex[points];
        double hzPerPoint = spectralWidth / n;
        for (int k = 0; k < n; k++)
        {
            double f = (k - n / 2) * hzPerPoint;
            if (Math.Abs(f) >= newSpectralWidth / 2 || spectrum[k] == Complex.Zero)
            {
                continue;
            }
            var step = Complex.FromPolarCoordinates(1, 2 * Math.PI * f / newSpectralWidth);
            var value = spectrum[k] / n;
            int length = Math.Min(points, (int)Math.Ceiling(n / spectralWidth * newSpectralWidth));
            for (int t = 0; t < length; t++)
            {
                result[t] += value;
                value *= step;
            }
        }
        return result;
    }
}
