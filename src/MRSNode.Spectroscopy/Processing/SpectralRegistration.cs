using System.Numerics;

namespace MRSNode.Spectroscopy.Processing;

/// <summary>What the registration aligns to.</summary>
public enum RegistrationReference
{
    Median,
    Mean,
}

/// <summary>
/// Spectral registration (Near et al., MRM 2015): each transient is aligned in frequency and zero-order phase to
/// a reference (the median or mean transient) by least squares over the first <c>windowSeconds</c> of the FID.
/// For a fixed frequency the best phase has a closed form, so the fit maximises |Σ conj(ref)·s·e^{2πift}| over f
/// (coarse grid, then golden section). Two passes: the second aligns to the mean of the first pass's result.
/// Optionally corrupted transients (motion, a spike, lipid, a jump the search cannot follow) are dropped: those whose
/// residual against the median aligned transient lies more than <c>outlierSd</c> robust SDs (1.4826 × MAD) above the
/// median residual, as FID-A's rmbadaverages and Osprey do it (consensus: Near et al., NMR Biomed 2021). The residual
/// is taken over the metabolite range of the spectrum (<see cref="MetricLowPpm"/>–<see cref="MetricHighPpm"/>): residual
/// water settling over the first transients changes the FID a lot and the metabolites not at all (HLSVD removes it),
/// so it must not count. Median and MAD
/// are not pulled up by the outliers themselves, as mean and SD are (3 of 16 corrupted transients mask each other from
/// a mean + 3 SD rule). At most <see cref="MaxExcludedFraction"/> of the transients are dropped, the worst first.
/// With <c>ppmWindow</c> (the frequency-domain variant) the fit sees band-limited copies: each FID's spectrum
/// outside the window is zeroed before the inverse FFT; the corrections apply to the full FIDs.
/// Coils must be combined first.
/// </summary>
public sealed class SpectralRegistration(
    RegistrationReference reference = RegistrationReference.Median,
    double windowSeconds = 0.2,
    bool dropOutliers = false,
    double outlierSd = 3,
    double searchHz = 20,
    (double LowPpm, double HighPpm)? ppmWindow = null) : IPreprocessingStep
{
    /// <summary>
    /// More than a quarter "corrupt" means the whole acquisition is unstable, not a few transients: dropping more
    /// would keep an arbitrary subset; the rest stay in and the spectral QC judges the result.
    /// </summary>
    public const double MaxExcludedFraction = 0.25;

    /// <summary>The metabolite range the outlier residual is measured over: lipids (0.9, 1.3) to Cr CH2 (3.9), water (4.7) left out.</summary>
    public const double MetricLowPpm = 0.5;

    public const double MetricHighPpm = 4.0;

    /// <summary>
    /// A transient is dropped only when its residual is also at least this multiple of the median residual (which is
    /// about one transient's noise): a smaller excess is a deviation at most about the noise of a single transient,
    /// harmless once averaged, while a slow drift over a long acquisition (measured: 64 XA60 transients, robust z up
    /// to 2.8 at 1.46 × the median) must not cost transients.
    /// </summary>
    public const double MinResidualToMedian = 1.5;

    /// <summary>MAD × 1.4826 estimates the SD of normally distributed values.</summary>
    private const double MadToSd = 1.4826;

    public string Name => "Spectral registration";

    public (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Coils != 1)
        {
            throw new InvalidOperationException($"Spectral registration needs combined coils ({input.Coils} held): run coil combination first.");
        }
        int points = input.Points;
        int window = Math.Clamp((int)Math.Round(windowSeconds / input.DwellTimeSeconds), 8, points);
        double dwell = input.DwellTimeSeconds;
        var aligned = (Complex[])input.Data.Clone();
        var fitted = ppmWindow is { } band ? BandLimited(input, band.LowPpm, band.HighPpm) : aligned;
        var frequencies = new double[input.Voxels * input.Averages];
        var phases = new double[input.Voxels * input.Averages];
        var keep = new List<(int Voxel, int Average)>();
        var residuals = new double[input.Voxels * input.Averages];
        int excluded = 0;
        var excludedIndices = new SortedSet<int>();
        for (int v = 0; v < input.Voxels; v++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reference0 = Reference(fitted, v, input.Averages, points, window, reference);
            var totalShift = new double[input.Averages];
            var totalPhase = new double[input.Averages];
            for (int pass = 0; pass < 2; pass++)
            {
                var target = pass == 0 ? reference0 : Reference(fitted, v, input.Averages, points, window, RegistrationReference.Mean);
                for (int a = 0; a < input.Averages; a++)
                {
                    var fid = fitted.AsSpan((v * input.Averages + a) * points, points);
                    var (f, phi) = Fit(target, fid[..window], dwell, pass == 0 ? searchHz : 2);
                    FidMath.ShiftAndPhase(fid, dwell, f, phi);
                    if (!ReferenceEquals(fitted, aligned))
                    {
                        FidMath.ShiftAndPhase(aligned.AsSpan((v * input.Averages + a) * points, points), dwell, f, phi);
                    }
                    totalShift[a] += f;
                    totalPhase[a] += phi;
                }
            }
            var found = MetaboliteResiduals(aligned, v, input.Averages, points, input.Axis);
            for (int a = 0; a < input.Averages; a++)
            {
                int i = v * input.Averages + a;
                // Reported as each transient's offset from the reference (the negative of the correction).
                frequencies[i] = -totalShift[a];
                phases[i] = -Math.Atan2(Math.Sin(totalPhase[a]), Math.Cos(totalPhase[a]));
                residuals[i] = found[a];
            }
            var voxelResiduals = residuals.AsSpan(v * input.Averages, input.Averages).ToArray();
            var outliers = dropOutliers ? Outliers(voxelResiduals, outlierSd) : [];
            excluded += outliers.Count;
            for (int a = 0; a < input.Averages; a++)
            {
                if (outliers.Contains(a))
                {
                    excludedIndices.Add(a);
                    continue;
                }
                keep.Add((v, a));
            }
        }

        MrsAcquisition result;
        if (excluded == 0)
        {
            result = input.With(aligned, points, input.Averages, 1, input.Voxels);
        }
        else
        {
            // Every voxel must keep the same count: drop per voxel, then keep the smallest common count.
            int perVoxel = keep.GroupBy(k => k.Voxel).Min(g => g.Count());
            var data = new Complex[input.Voxels * perVoxel * points];
            for (int v = 0; v < input.Voxels; v++)
            {
                var kept = keep.Where(k => k.Voxel == v).Take(perVoxel).ToList();
                for (int j = 0; j < kept.Count; j++)
                {
                    aligned.AsSpan((v * input.Averages + kept[j].Average) * points, points).CopyTo(data.AsSpan((v * perVoxel + j) * points, points));
                }
            }
            result = input.With(data, points, perVoxel, 1, input.Voxels);
        }
        double frequencySd = FidMath.Sd(frequencies);
        double phaseSd = FidMath.CircularSd(phases) * 180 / Math.PI;
        var summary = $"aligned {input.Averages} averages: frequency SD {StepReport.F(frequencySd)} Hz, phase SD {StepReport.F(phaseSd, "0.#")}°, {excluded} outlier(s) excluded"
            + (excluded > 0 ? $" (transient {string.Join(", ", excludedIndices.Select(i => i + 1))}: residual over {StepReport.F(MetricLowPpm)}–{StepReport.F(MetricHighPpm)} ppm more than {StepReport.F(outlierSd)} robust SD above the median)" : "");
        var values = new Dictionary<string, double>
        {
            ["Averages"] = input.Averages,
            ["FrequencySdHz"] = frequencySd,
            ["PhaseSdDeg"] = phaseSd,
            ["MaxAbsFrequencyHz"] = frequencies.Max(Math.Abs),
            ["Excluded"] = excluded,
        };
        var series = new Dictionary<string, double[]>
        {
            ["FrequencyHz"] = frequencies,
            ["PhaseDeg"] = phases.Select(p => p * 180 / Math.PI).ToArray(),
            ["Residual"] = residuals,
        };
        return (result, new StepReport(Name, summary, values) { Series = series });
    }

    /// <summary>
    /// Each aligned transient's distance from the median transient (element-wise complex median, so the outliers do not
    /// pull the reference toward themselves), over the metabolite range of the spectrum.
    /// </summary>
    private static double[] MetaboliteResiduals(Complex[] aligned, int voxel, int averages, int points, SpectralAxis axis)
    {
        var (first, last) = FidMath.Bins(axis, MetricLowPpm, MetricHighPpm);
        int bins = last - first + 1;
        var spectra = new Complex[averages][];
        for (int a = 0; a < averages; a++)
        {
            spectra[a] = SpectralAxis.Spectrum(aligned.AsSpan((voxel * averages + a) * points, points)).AsSpan(first, bins).ToArray();
        }
        var re = new double[averages];
        var im = new double[averages];
        var residuals = new double[averages];
        for (int k = 0; k < bins; k++)
        {
            for (int a = 0; a < averages; a++)
            {
                re[a] = spectra[a][k].Real;
                im[a] = spectra[a][k].Imaginary;
            }
            var median = new Complex(FidMath.Median(re), FidMath.Median(im));
            for (int a = 0; a < averages; a++)
            {
                var d = spectra[a][k] - median;
                residuals[a] += d.Real * d.Real + d.Imaginary * d.Imaginary;
            }
        }
        return [.. residuals.Select(Math.Sqrt)];
    }

    /// <summary>
    /// The transients whose residual lies more than <paramref name="limit"/> robust SDs above the median and at least
    /// <see cref="MinResidualToMedian"/> times it, worst first,
    /// at most <see cref="MaxExcludedFraction"/> of them; none with fewer than 4 transients (no robust spread).
    /// </summary>
    internal static HashSet<int> Outliers(double[] residuals, double limit)
    {
        if (residuals.Length < 4)
        {
            return [];
        }
        double median = FidMath.Median(residuals);
        double robustSd = MadToSd * FidMath.Median(residuals.Select(r => Math.Abs(r - median)).ToArray());
        if (!(robustSd > 0))
        {
            return [];
        }
        int most = (int)Math.Floor(MaxExcludedFraction * residuals.Length);
        return [.. Enumerable.Range(0, residuals.Length)
            .Where(a => residuals[a] - median > limit * robustSd && residuals[a] >= MinResidualToMedian * median)
            .OrderByDescending(a => residuals[a])
            .Take(most)];
    }

    private static Complex[] BandLimited(MrsAcquisition input, double lowPpm, double highPpm)
    {
        var (a, b) = FidMath.Bins(input.Axis, lowPpm, highPpm);
        var result = new Complex[input.Data.Length];
        int count = input.Data.Length / input.Points;
        for (int i = 0; i < count; i++)
        {
            var spectrum = SpectralAxis.Spectrum(input.Data.AsSpan(i * input.Points, input.Points));
            for (int k = 0; k < spectrum.Length; k++)
            {
                if (k < a || k > b)
                {
                    spectrum[k] = Complex.Zero;
                }
            }
            FidMath.FromSpectrum(spectrum).CopyTo(result, i * input.Points);
        }
        return result;
    }

    private static Complex[] Reference(Complex[] data, int voxel, int averages, int points, int window, RegistrationReference kind)
    {
        var reference = new Complex[window];
        if (kind == RegistrationReference.Mean || averages < 3)
        {
            for (int a = 0; a < averages; a++)
            {
                var fid = data.AsSpan((voxel * averages + a) * points, window);
                for (int t = 0; t < window; t++)
                {
                    reference[t] += fid[t] / averages;
                }
            }
            return reference;
        }
        var re = new double[averages];
        var im = new double[averages];
        for (int t = 0; t < window; t++)
        {
            for (int a = 0; a < averages; a++)
            {
                var value = data[(voxel * averages + a) * points + t];
                re[a] = value.Real;
                im[a] = value.Imaginary;
            }
            reference[t] = new Complex(FidMath.Median(re), FidMath.Median(im));
        }
        return reference;
    }

    /// <summary>The correction (shift in Hz, phase in rad) that best maps <paramref name="fid"/> onto <paramref name="target"/>.</summary>
    internal static (double ShiftHz, double Phase) Fit(ReadOnlySpan<Complex> target, ReadOnlySpan<Complex> fid, double dwell, double searchHz)
    {
        var product = new Complex[fid.Length];
        for (int t = 0; t < fid.Length; t++)
        {
            product[t] = Complex.Conjugate(target[t]) * fid[t];
        }
        double Score(double f)
        {
            var rotation = Complex.FromPolarCoordinates(1, 2 * Math.PI * f * dwell);
            var r = Complex.One;
            Complex sum = Complex.Zero;
            for (int t = 0; t < product.Length; t++)
            {
                sum += product[t] * r;
                r *= rotation;
            }
            return sum.Magnitude;
        }
        double step = Math.Min(0.25, 0.25 / (product.Length * dwell));
        double best = 0, bestScore = double.MinValue;
        for (double f = -searchHz; f <= searchHz + 1e-9; f += step)
        {
            double s = Score(f);
            if (s > bestScore)
            {
                bestScore = s;
                best = f;
            }
        }
        // Golden section on [best − step, best + step].
        double lo = best - step, hi = best + step;
        double g = (Math.Sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
        double s1 = Score(x1), s2 = Score(x2);
        for (int i = 0; i < 40 && hi - lo > 1e-5; i++)
        {
            if (s1 > s2)
            {
                hi = x2;
                x2 = x1;
                s2 = s1;
                x1 = hi - g * (hi - lo);
                s1 = Score(x1);
            }
            else
            {
                lo = x1;
                x1 = x2;
                s1 = s2;
                x2 = lo + g * (hi - lo);
                s2 = Score(x2);
            }
        }
        double shift = 0.5 * (lo + hi);
        var rot = Complex.FromPolarCoordinates(1, 2 * Math.PI * shift * dwell);
        var rr = Complex.One;
        Complex total = Complex.Zero;
        for (int t = 0; t < product.Length; t++)
        {
            total += product[t] * rr;
            rr *= rot;
        }
        return (shift, -total.Phase);
    }
}
