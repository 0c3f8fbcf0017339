using System.Numerics;
using MRSNode.Quantification.Batch;
using MRSNode.Quantification.Metabolites;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification;

/// <summary>Options of a quantification.</summary>
public sealed record LcmOptions
{
    public FitOptions Fit { get; init; } = FitOptions.Default;
    public WaterScalingParameters Water { get; init; } = WaterScalingParameters.LcModelDefaults;
    /// <summary>Basis entries left out of the fit (case-insensitive).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];
    /// <summary>
    /// Add LCModel's parametric lipid/MM Gaussians (true, default), beside a measured MM when the basis has one, as LCModel
    /// does: without them tumour lipids at 0.9/1.3 ppm are absorbed by lactate and the baseline. False: never.
    /// </summary>
    public bool ParametricMacromolecules { get; init; } = true;
    /// <summary>
    /// The spectrum type to fit as; null (default): chosen from a first, normal-brain fit by the lipid it finds
    /// (<see cref="LipidContent"/>), and a lipid-rich spectrum is fitted again as such.
    /// </summary>
    public SpectrumType? SpectrumType { get; init; }
    /// <summary>Area of one proton at 1 mM in basis units (see <see cref="WaterScaling"/>); null: from the basis's Cr.</summary>
    public double? BasisProtonArea { get; init; }
    public IReadOnlyList<MetabolitePool> Pools { get; init; } = MetaboliteCatalog.Standard.Pools;
    /// <summary>CRLB σ from the noise region of <see cref="QualityMetrics"/> instead of the fit residual (default: residual, as LCModel).</summary>
    public bool CrlbSigmaFromNoiseRegion { get; init; }
    /// <summary>Whether the CRLB covariance frees every amplitude (default) or holds those at zero fixed, as LCModel does.</summary>
    public CrlbCovariance CrlbCovariance { get; init; } = CrlbCovariance.AllAmplitudes;
    /// <summary>
    /// Soft concentration-ratio priors added to <see cref="FitOptions.RatioPriors"/>: LCModel's brain defaults unless
    /// told otherwise, as LCModel applies them (they bring its regression case's minor metabolites to LCModel's values
    /// and Glx's CRLB into calibration at SNR 10; docs/accuracy.md).
    /// </summary>
    public RatioPriorSet RatioPriors { get; init; } = RatioPriorSet.LcModel;
    public static LcmOptions Default { get; } = new();
}

/// <summary>One quantified metabolite or pool.</summary>
public sealed record LcmEstimate(string Name, double Amplitude, double CrlbAbsolute, double CrlbPercent, double? RatioToTCr, double? Concentration);

/// <summary>The fit's spectra over the window, for plotting (real parts, the data phased by the fit).</summary>
public sealed record FitSpectra(double[] Ppm, double[] Data, double[] Fit, double[] Baseline, double[] Residual);

/// <summary>The result of <see cref="LcmQuantifier.Quantify"/>.</summary>
public sealed record LcmResult(
    IReadOnlyList<LcmEstimate> Metabolites,
    IReadOnlyList<LcmEstimate> Pools,
    QualityReport Quality,
    FitSpectra Spectra,
    FitParameters Parameters,
    int Iterations,
    double? WaterArea,
    FitResult Fit)
{
    /// <summary>The type the spectrum was fitted as (<see cref="LcmOptions.SpectrumType"/>).</summary>
    public SpectrumType SpectrumType { get; init; }

    /// <summary>Whether the reported fit gave tNAA its own shift and damping (<see cref="FitOptions.OwnNaaLineshape"/>).</summary>
    public bool OwnNaaLineshape { get; init; }

    /// <summary>Whether the reported fit has lipid components (not when the brain fit did not detect them: <see cref="FitOptions.LipidsOnlyWhenDetected"/>).</summary>
    public bool LipidsFitted { get; init; }

    /// <summary>
    /// Where the brain fit detected lactate: the lactate a fit with lipid lines free in position finds, as a fraction of
    /// the reported one (<see cref="FitOptions.CheckLactateAgainstLipids"/>); null when not checked.
    /// </summary>
    public double? LactateWithFreeLipids { get; init; }

    /// <summary>
    /// Below this fraction (<see cref="LactateWithFreeLipids"/>) the lactate is as well explained by lipid: more than half
    /// of it goes when the lipid lines may move. Lactate that is there stays (simulated 6 mM: 0.86–1.03).
    /// </summary>
    public const double LactateSeparableFromLipidAtOrAbove = 0.5;

    /// <summary>Whether the reported lactate is as well explained by lipid (<see cref="LactateWithFreeLipids"/>).</summary>
    public bool LactateConfoundedByLipid => LactateWithFreeLipids < LactateSeparableFromLipidAtOrAbove;

    /// <summary>The fitted 0.9/1.3 ppm lipid area over the creatine area (<see cref="LipidContent"/>).</summary>
    public double LipidToCreatine { get; init; }

    /// <summary>How the nonlinear fit ended (<see cref="FitResult.Status"/>): anything but converged or stalled means no minimum was reached.</summary>
    public FitStatus FitStatus => Fit.Status;

    /// <summary>A metabolite or pool by name (case-insensitive), or null.</summary>
    public LcmEstimate? Find(string name) =>
        Metabolites.Concat(Pools).FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The LCModel-class quantification entry point: prepares the acquisitions (transients averaged, coils
/// combined by first-point phase/weighting), resamples the basis onto the data, adds LCModel's parametric
/// lipids and MM (beside a measured MM when the basis has one), fits, and reports amplitudes, CRLBs, ratios to tCr, water-scaled
/// concentrations (with a water reference) and quality metrics.
/// </summary>
public static class LcmQuantifier
{
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled (checked before the fit and in each of its iterations).</exception>
    public static LcmResult Quantify(MrsAcquisition metabolite, MrsAcquisition? water, BasisSet basis, LcmOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metabolite);
        ArgumentNullException.ThrowIfNull(basis);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= LcmOptions.Default;
        var fid = Combine(metabolite);
        var waterFid = water is null ? null : Combine(water);
        var plan = new LcmPlan(Resampled(basis, metabolite.Axis), metabolite.Axis, metabolite.EchoTimeMs, options);
        return plan.Quantify(fid, waterFid, water?.Axis, water?.DwellTimeSeconds ?? 0, cancellationToken);
    }

    // Resampling costs ~0.15 s; an MRSI grid or a batch shares one axis, so it is done once per basis and axis.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BasisSet, System.Collections.Concurrent.ConcurrentDictionary<SpectralAxis, BasisSet>> _resampled = new();

    internal static BasisSet Resampled(BasisSet basis, SpectralAxis axis) =>
        _resampled.GetOrCreateValue(basis).GetOrAdd(axis, a => BasisResampler.Resample(basis, a));

    /// <summary>One FID: transients averaged; coils weighted by their first point (conj(s₀)) and summed, normalised by Σ|s₀|.</summary>
    public static Complex[] Combine(MrsAcquisition acquisition)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        var averaged = acquisition.AverageTransients();
        if (averaged.Coils == 1)
        {
            return averaged.Fid().ToArray();
        }
        var result = new Complex[averaged.Points];
        double norm = 0;
        for (int c = 0; c < averaged.Coils; c++)
        {
            var f = averaged.Fid(0, 0, c);
            var w = Complex.Conjugate(f[0]);
            norm += f[0].Magnitude * f[0].Magnitude;
            for (int t = 0; t < result.Length; t++)
            {
                result[t] += w * f[t];
            }
        }
        double first = Math.Sqrt(norm);
        for (int t = 0; t < result.Length; t++)
        {
            result[t] /= first > 0 ? first : 1;
        }
        return result;
    }
}
