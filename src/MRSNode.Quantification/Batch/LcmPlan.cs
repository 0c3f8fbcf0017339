using System.Numerics;
using MRSNode.Quantification.Metabolites;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;

namespace MRSNode.Quantification.Batch;

/// <summary>
/// Everything of an LCM quantification that is the same for every spectrum of one axis, basis, echo time and options:
/// the resampled basis, the fit components (with the parametric lipid/MM set) and one fitter per spectrum type (its
/// window, baseline-stiffness ladder, priors and starting-shift templates). <see cref="LcmQuantifier.Quantify"/> makes
/// one per call; a batch makes one and fits every spectrum with it, which is the same computation (the fitters hold
/// no per-fit state, so one plan serves every thread).
/// </summary>
internal sealed class LcmPlan
{
    private readonly SpectralAxis _axis;
    private readonly double? _echoTimeMs;
    private readonly LcmOptions _options;
    private readonly IModelColumnEngine? _columnEngine;
    private readonly List<FitComponent> _metabolites;
    private readonly Complex[]? _naa;
    private readonly Lazy<(List<FitComponent> Components, LinearCombinationFitter Fitter)> _brain;
    private readonly Lazy<(List<FitComponent> Components, LinearCombinationFitter Fitter)> _lipidRich;
    private readonly Lazy<(List<FitComponent> Components, LinearCombinationFitter Fitter)> _lipidRichOwnNaa;
    private readonly Lazy<(List<FitComponent> Components, LinearCombinationFitter Fitter)> _brainOwnNaa;
    private readonly Lazy<(List<FitComponent> Components, LinearCombinationFitter Fitter)> _narrowLipids;
    private readonly Lazy<(List<FitComponent> Components, LinearCombinationFitter Fitter)> _narrowLipidsOwnNaa;
    private readonly Lazy<(List<FitComponent> Components, LinearCombinationFitter Fitter)> _brainNoLipids;
    private readonly Lazy<(List<FitComponent> Components, LinearCombinationFitter Fitter)> _brainNoLipidsOwnNaa;

    /// <summary>
    /// How much lower (relative) the residual SD must be with <see cref="MacromoleculeLibrary.NarrowLipids"/> than without
    /// for a lipid-rich spectrum to be fitted with them. Measured (simulated, seeds 2016 and 7): narrow scalp fat 37–50 %
    /// at SNR 30 and 73–81 % at SNR 200; broad tumour lipids 0–2 % at SNR 30 but 14–18 % at SNR 200, where the narrow lines'
    /// own lineshape traded with lactate (lipids-no-lac: Lac up to 1.3 mM where it was 0.3). A significance test would take
    /// them on any gain (hundreds of degrees of freedom), hence a material one between the two.
    /// </summary>
    private const double NarrowLipidsMinResidualGain = 0.25;

    /// <summary>
    /// The share of the fitted 1.3 ppm lipid (Lip13*) that the narrow fat lines (<see cref="MacromoleculeLibrary.NarrowFat"/>)
    /// must carry for the narrow-fat fit to be kept: the fat must be narrow, not a broad lipid whose shape narrow lines
    /// patch. The residual gain alone is not enough: it grows with SNR wherever the broad set misses a lipid's shape, and
    /// noise-free tumour lipids (seed 7, ten draws) took the narrow fit in 7 of 10, their narrow lines broadened by their
    /// own Lorentzian (4–9 Hz) to carry 4–30 % of the lipid beside the broad lines, and lactate up to 8.6 mM where there
    /// was 6 (1.1 mM where there was none). Scalp fat: 77–98 % narrow (seeds 7 and 2016, SNR 30 to noise-free), its own
    /// Lorentzian 0–0.3 Hz.
    /// </summary>
    private const double NarrowFatMinShareOfLipid13 = 0.5;

    /// <summary>
    /// The pooled lipid components' amplitude over its CRLB from which a brain fit's lipids are detected and kept
    /// (<see cref="FitOptions.LipidsOnlyWhenDetected"/>): 2, i.e. a CRLB of 50 %, the usual detection limit. Measured: the
    /// 465 of 500 lipid-free simulated spectra (SNR 50) that gave the lipids any amplitude reach 1.76 at most; the Philips
    /// TE 35 volunteer, whose basis has no measured MM, 6.9; the TE 30 scan 0.8 (docs/accuracy.md, "Lipids only where detected").
    /// </summary>
    private const double LipidDetectionMinZ = 2.0;

    /// <summary>
    /// How many noise SDs a lipid-rich fit's residual SD must reach for it to be refitted with tNAA's own lineshape
    /// (<see cref="OwnNaaLineshape.WhereMisfit"/>): 2, as the brain fit's baseline is freed (BaselineStiffnessSelector).
    /// Lipid-rich fits never free their baseline (seed 7, 80 fits), so the residual itself decides. Measured, residual
    /// over noise SD (seed 7, lipids-no-lac and scalp-lipid): SNR 30 and 50 1.02–1.10, SNR 300 1.25–2.17, without noise
    /// 12–45. Where the residual is noise, the extra freedom only costs tNAA precision (seed 2016, SNR 50: 7 → 14 %).
    /// </summary>
    private const double LipidRichMisfitAllowance = 2.0;

    /// <param name="resampled">The basis on <paramref name="axis"/> (<see cref="BasisResampler.Resample"/>).</param>
    /// <param name="columnEngine">Where the fitters' model columns are computed; null: their own FFTs.</param>
    public LcmPlan(BasisSet resampled, SpectralAxis axis, double? echoTimeMs, LcmOptions options, IModelColumnEngine? columnEngine = null)
    {
        _columnEngine = columnEngine;
        _axis = axis;
        _echoTimeMs = echoTimeMs;
        _options = options;
        _metabolites = resampled.Metabolites
            .Where(m => !options.Exclude.Contains(m.Name, StringComparer.OrdinalIgnoreCase))
            .Select(m => new FitComponent(m.Name, m.Fid))
            .ToList();
        _naa = resampled.Find("NAA")?.Fid;
        // A lipid-rich fitter is built only when a spectrum turns out lipid-rich (most batches have none or few).
        _brain = new(() => Build(SpectrumType.Brain), LazyThreadSafetyMode.ExecutionAndPublication);
        var lipidRichLibrary = LongEcho ? MacromoleculeLibrary.LipidRichLongEcho : null;
        _lipidRich = new(() => Build(SpectrumType.LipidRich, lipidRichLibrary), LazyThreadSafetyMode.ExecutionAndPublication);
        _lipidRichOwnNaa = new(() => Build(SpectrumType.LipidRich, lipidRichLibrary, OwnNaaOptions(options.Fit)), LazyThreadSafetyMode.ExecutionAndPublication);
        _brainOwnNaa = new(() => Build(SpectrumType.Brain, fit: OwnNaaOptions(options.Fit)), LazyThreadSafetyMode.ExecutionAndPublication);
        // Narrow fat with a lineshape of its own: on the common one it set the metabolites' widths (FitOptions.OwnLipidLineshape).
        // Not the broad lipid-rich fit: under tumour lipids the lipids' own widths traded with lactate (seed 7, ten
        // realisations: Lac/tCr worst 38 → 69 % at SNR 30, lipids-no-lac Lac max 1.0 → 2.9 mM).
        _narrowLipids = new(() => Build(SpectrumType.LipidRich, MacromoleculeLibrary.NarrowLipids, options.Fit with { OwnLipidLineshape = true }), LazyThreadSafetyMode.ExecutionAndPublication);
        _narrowLipidsOwnNaa = new(() => Build(SpectrumType.LipidRich, MacromoleculeLibrary.NarrowLipids, OwnNaaOptions(options.Fit) with { OwnLipidLineshape = true }), LazyThreadSafetyMode.ExecutionAndPublication);
        _brainNoLipids = new(() => Build(SpectrumType.Brain, MacromoleculeLibrary.Macromolecules), LazyThreadSafetyMode.ExecutionAndPublication);
        _brainNoLipidsOwnNaa = new(() => Build(SpectrumType.Brain, MacromoleculeLibrary.Macromolecules, OwnNaaOptions(options.Fit)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public SpectralAxis Axis => _axis;

    /// <summary>Whether lipid-rich fits have tNAA's own lineshape from the start (<see cref="OwnNaaLineshape.Always"/>; no refit).</summary>
    private bool LipidRichOwnNaaFromStart => _options.Fit.OwnNaaLineshape == OwnNaaLineshape.Always && OwnNaaAllowed;

    /// <summary>tNAA's own lineshape needs one lineshape for the rest (<see cref="LineshapeFreedom.Global"/>) and the full profile.</summary>
    private bool OwnNaaAllowed => _options.Fit.Freedom == LineshapeFreedom.Global && _options.Fit.Profile == FitProfile.Full;

    /// <summary>Whether lactate's doublet is inverted under the lipids (<see cref="LipidContent.LongEchoFromMs"/>): the lipid-rich fit then uses <see cref="MacromoleculeLibrary.LipidRichLongEcho"/>.</summary>
    private bool LongEcho => _echoTimeMs >= LipidContent.LongEchoFromMs;

    /// <summary>Quantifies one FID (averaged and coil-combined) on the plan's axis, with its water FID when given.</summary>
    /// <param name="waterAxis">The water FID's axis (its dwell time and points); needed with <paramref name="waterFid"/>.</param>
    /// <param name="waterDwellTimeSeconds">The water FID's dwell time, for its area.</param>
    public LcmResult Quantify(Complex[] fid, Complex[]? waterFid, SpectralAxis? waterAxis, double waterDwellTimeSeconds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var options = _options;
        var (type, components, fit, ownNaa) = ChooseModel(fid, cancellationToken);
        double lipidToCreatine = LipidContent.LipidToCreatine(components, fit.Amplitudes);

        double? waterArea = waterFid is null ? null : WaterScaling.WaterArea(waterFid, waterDwellTimeSeconds);
        var quality = QualityMetrics.Compute(_axis, fid, fit, _naa, waterFid ?? [], waterAxis);
        var crlb = CramerRao.Compute(fit, options.CrlbSigmaFromNoiseRegion && double.IsFinite(quality.NoiseSd) ? quality.NoiseSd : null, options.CrlbCovariance);
        var names = fit.Names;
        double? lactateWithFreeLipids = type == SpectrumType.Brain ? LactateWithFreeLipids(fid, fit, crlb, cancellationToken) : null;
        double tcr = MetaboliteCatalog.Standard.TotalCreatine.MemberIndices(names)?.Sum(i => fit.Amplitudes[i]) ?? 0;
        double? Ratio(double a) => tcr > 0 ? a / tcr : null;
        double? protonArea = options.BasisProtonArea ?? WaterScaling.BasisProtonArea(components);
        double? Conc(double a) => waterArea is { } w && w > 0 && protonArea is { } pa ? WaterScaling.Concentration(a, w, pa, options.Water) : null;

        var estimates = names.Select((n, i) => new LcmEstimate(
            n, fit.Amplitudes[i], crlb.Absolute[i], crlb.Percent(i), Ratio(fit.Amplitudes[i]), Conc(fit.Amplitudes[i]))).ToList();
        var pools = new List<LcmEstimate>();
        foreach (var pool in options.Pools)
        {
            if (pool.MemberIndices(names) is not { } members)
            {
                continue;
            }
            double a = members.Sum(i => fit.Amplitudes[i]);
            double sd = crlb.PoolSd(members);
            pools.Add(new LcmEstimate(pool.Name, a, sd, a > 0 ? Math.Min(999, 100 * sd / a) : 999, Ratio(a), Conc(a)));
        }
        return new LcmResult(estimates, pools, quality, new FitSpectra(fit.Ppm, fit.Data, fit.Fit, fit.Baseline, fit.Residual),
            fit.Parameters, fit.Iterations, waterArea, fit)
        {
            SpectrumType = type,
            OwnNaaLineshape = ownNaa,
            LipidsFitted = components.Any(IsLipid),
            LactateWithFreeLipids = lactateWithFreeLipids,
            LipidToCreatine = lipidToCreatine,
        };
    }

    /// <summary>
    /// The reported fit and the model it was chosen in, from a first (brain) fit: lipid-rich where that finds lipid of
    /// <see cref="LipidContent.TypeOf"/>'s threshold; else without the lipid components where it does not detect them;
    /// then with tNAA's own lineshape (<see cref="FitOptions.OwnNaaLineshape"/>).
    /// </summary>
    private (SpectrumType Type, List<FitComponent> Components, FitResult Fit, bool OwnNaa) ChooseModel(Complex[] fid, CancellationToken cancellationToken)
    {
        var type = _options.SpectrumType ?? SpectrumType.Brain;
        var (components, fit) = FitAs(type, fid, cancellationToken);
        if (_options.SpectrumType is null && _options.ParametricMacromolecules
            && LipidContent.TypeOf(LipidContent.LipidToCreatine(components, fit.Amplitudes), _echoTimeMs) == SpectrumType.LipidRich)
        {
            type = SpectrumType.LipidRich;
            (components, fit) = FitAs(type, fid, cancellationToken);
        }
        bool lipidsDropped = type == SpectrumType.Brain && LipidsUndetected(components, fit);
        if (lipidsDropped)
        {
            (components, var leanFitter) = _brainNoLipids.Value;
            fit = leanFitter.Fit(fid, cancellationToken);
        }
        if (type != SpectrumType.Brain)
        {
            if (LipidRichOwnNaaFromStart)
            {
                return (type, components, fit, true);
            }
            bool refit = LipidRichWantsOwnNaaLineshape(fid, fit);
            if (refit)
            {
                (components, fit) = FitLipidRich(fid, ownNaa: true, cancellationToken);
            }
            return (type, components, fit, refit);
        }
        bool ownNaa = WantsOwnNaaLineshape(fit);
        if (ownNaa)
        {
            // Same components as the brain fit: only tNAA's lineshape freedom differs.
            fit = (lipidsDropped ? _brainNoLipidsOwnNaa : _brainOwnNaa).Value.Fitter.Fit(fid, cancellationToken);
        }
        return (type, components, fit, ownNaa);
    }

    /// <summary>
    /// Whether a brain fit's lipid components are to be dropped (<see cref="FitOptions.LipidsOnlyWhenDetected"/>): the
    /// option is on, the echo time is short, the fit has lipids and gave them amplitude, and their pooled amplitude is below
    /// <see cref="LipidDetectionMinZ"/> times its CRLB (the fit's residual SD, the report's covariance).
    /// </summary>
    private bool LipidsUndetected(List<FitComponent> components, FitResult fit)
    {
        // At long TE the doublet is inverted: a positive lipid line cannot take it (TE 144 set: dropping undetected
        // lipids moved raised lactate's worst error 8 → 12 %), so the choice is made at short TE only.
        if (!_options.Fit.LipidsOnlyWhenDetected || _options.Fit.Profile != FitProfile.Full || LongEcho)
        {
            return false;
        }
        var lipids = Enumerable.Range(0, components.Count).Where(i => IsLipid(components[i])).ToList();
        double amplitude = lipids.Sum(i => fit.Amplitudes[i]);
        if (amplitude <= 0)
        {
            // No lipid amplitude: the fit without lipids is this one.
            return false;
        }
        double sd = CramerRao.Compute(fit, null, _options.CrlbCovariance).PoolSd(lipids);
        return amplitude < LipidDetectionMinZ * sd;
    }

    /// <summary>
    /// Where a brain fit detects lactate (amplitude ≥ 2 × its CRLB), the lactate of the lipid-rich fit, whose lipid lines
    /// may sit off 1.28 ppm (<see cref="FitOptions.CheckLactateAgainstLipids"/>), as a fraction of the brain fit's; null
    /// when not checked.
    /// </summary>
    private double? LactateWithFreeLipids(Complex[] fid, FitResult fit, CramerRao crlb, CancellationToken cancellationToken)
    {
        int lac = LactateIndex(fit.Names);
        if (!_options.Fit.CheckLactateAgainstLipids || _options.Fit.Profile != FitProfile.Full || !_options.ParametricMacromolecules
            || lac < 0 || !(fit.Amplitudes[lac] > 0 && fit.Amplitudes[lac] >= 2 * crlb.Absolute[lac]))
        {
            return null;
        }
        var (_, alternative) = FitLipidRich(fid, LipidRichOwnNaaFromStart, cancellationToken);
        int alternativeLac = LactateIndex(alternative.Names);
        return alternativeLac < 0 ? 0 : alternative.Amplitudes[alternativeLac] / fit.Amplitudes[lac];
    }

    private static int LactateIndex(IReadOnlyList<string> names) => names.ToList().FindIndex(n => MetaboliteCatalog.Standard.SameMetabolite(n, "Lac"));

    private static bool IsLipid(FitComponent component) => MetaboliteCatalog.Standard.KindOf(component.Name) == MetaboliteKind.Lipid;

    private static FitOptions OwnNaaOptions(FitOptions fit) =>
        fit with { Freedom = LineshapeFreedom.PerGroup, OwnLineshapeGroups = [MetaboliteCatalog.Standard.LineshapeGroupOf("NAA")] };

    /// <summary>One fit as <paramref name="type"/>: the metabolites, that type's lipid/MM components and ratio priors.</summary>
    private (List<FitComponent> Components, FitResult Fit) FitAs(SpectrumType type, Complex[] fid, CancellationToken cancellationToken)
    {
        if (type == SpectrumType.LipidRich)
        {
            return FitLipidRich(fid, LipidRichOwnNaaFromStart, cancellationToken);
        }
        var (components, fitter) = _brain.Value;
        return (components, fitter.Fit(fid, cancellationToken));
    }

    /// <summary>
    /// The lipid-rich fit: with <see cref="MacromoleculeLibrary.LipidRich"/>, and again with the narrow lipid lines added,
    /// kept only where those lower the residual SD by at least <see cref="NarrowLipidsMinResidualGain"/> and carry at least
    /// <see cref="NarrowFatMinShareOfLipid13"/> of the 1.3 ppm lipid. At long echo
    /// time only with <see cref="MacromoleculeLibrary.LipidRichLongEcho"/>: the narrow lines sit on the inverted lactate
    /// doublet's lines (1.32/1.34 ppm).
    /// </summary>
    /// <param name="ownNaa">Whether tNAA has its own lineshape (<see cref="FitOptions.OwnNaaLineshape"/>).</param>
    private (List<FitComponent> Components, FitResult Fit) FitLipidRich(Complex[] fid, bool ownNaa, CancellationToken cancellationToken)
    {
        var (broadComponents, broadFitter) = (ownNaa ? _lipidRichOwnNaa : _lipidRich).Value;
        var broad = broadFitter.Fit(fid, cancellationToken);
        if (LongEcho)
        {
            return (broadComponents, broad);
        }
        var (narrowComponents, narrowFitter) = (ownNaa ? _narrowLipidsOwnNaa : _narrowLipids).Value;
        var narrow = narrowFitter.Fit(fid, cancellationToken);
        return narrow.ResidualSd < (1 - NarrowLipidsMinResidualGain) * broad.ResidualSd && NarrowFatShareOfLipid13(narrowComponents, narrow) >= NarrowFatMinShareOfLipid13
            ? (narrowComponents, narrow)
            : (broadComponents, broad);
    }

    /// <summary>The narrow fat's Lip13 lines' share of the fitted Lip13* area (area = amplitude × |FID(0)|, as <see cref="LipidContent.LipidToCreatine"/>); 0 where there is none.</summary>
    private static double NarrowFatShareOfLipid13(List<FitComponent> components, FitResult fit)
    {
        double Area(int i) => fit.Amplitudes[i] * components[i].Fid[0].Magnitude;
        var lipid13 = Enumerable.Range(0, components.Count).Where(i => components[i].Name.StartsWith("Lip13", StringComparison.Ordinal)).ToList();
        double all = lipid13.Sum(Area);
        double narrow = lipid13.Where(i => MacromoleculeLibrary.NarrowFat.Any(c => c.Name == components[i].Name)).Sum(Area);
        return all > 0 ? narrow / all : 0;
    }

    /// <summary>
    /// Whether a fit with one lineshape for all is refitted with tNAA's own (<see cref="FitOptions.OwnNaaLineshape"/>):
    /// always, or where the data chose a baseline more flexible than the stiffest (the common lineshape and a stiff
    /// baseline left more than noise).
    /// </summary>
    private bool WantsOwnNaaLineshape(FitResult fit)
    {
        var fitOptions = _options.Fit;
        if (!OwnNaaAllowed)
        {
            return false;
        }
        return fitOptions.OwnNaaLineshape switch
        {
            OwnNaaLineshape.Always => true,
            OwnNaaLineshape.WhereMisfit => fit.BaselineStiffness > 0 && fit.BaselineStiffness < fitOptions.BaselineStiffness * (1 - 1e-9),
            _ => false,
        };
    }

    /// <summary>
    /// Whether a lipid-rich fit on the common lineshape is refitted with tNAA's own (<see cref="OwnNaaLineshape.WhereMisfit"/>):
    /// where its residual SD exceeds <see cref="LipidRichMisfitAllowance"/> noise SDs.
    /// </summary>
    private bool LipidRichWantsOwnNaaLineshape(Complex[] fid, FitResult fit)
    {
        if (!OwnNaaAllowed || _options.Fit.OwnNaaLineshape != OwnNaaLineshape.WhereMisfit)
        {
            return false;
        }
        double noiseSd = FidMath.SpectralNoiseSd(fid, SpectralAxis.Spectrum(fid), _axis);
        return noiseSd > 0 && fit.ResidualSd > LipidRichMisfitAllowance * noiseSd;
    }

    /// <param name="lipidLibrary">The parametric lipid/MM set; null: the type's own.</param>
    /// <param name="fit">The fit options; null: the plan's.</param>
    private (List<FitComponent> Components, LinearCombinationFitter Fitter) Build(SpectrumType type, IReadOnlyList<ParametricComponent>? lipidLibrary = null, FitOptions? fit = null)
    {
        var options = fit is null ? _options : _options with { Fit = fit };
        var components = new List<FitComponent>(_metabolites);
        if (options.ParametricMacromolecules)
        {
            // Scale the Gaussians like a metabolite so the amplitudes are of similar size.
            double scale = _metabolites.Count > 0 ? _metabolites.Average(c => c.Fid[0].Magnitude) : 1;
            // Each has area `scale` per unit amplitude, where LCModel gives it Σ(relative areas) protons per unit
            // concentration: the ratio priors compare concentrations, so one unit of amplitude is 1/Σ of them.
            var library = lipidLibrary ?? (type == SpectrumType.LipidRich ? MacromoleculeLibrary.LipidRich : MacromoleculeLibrary.LcModelDefaults);
            components.AddRange(library
                .Where(c => !options.Exclude.Contains(c.Name, StringComparer.OrdinalIgnoreCase))
                .Select(c => (Component: c, Protons: c.Lines.Sum(l => l.RelativeArea)))
                .Select(c => new FitComponent(c.Component.Name, MacromoleculeLibrary.Fid(c.Component, _axis, scale / c.Protons), 1 / c.Protons)));
        }
        var fitOptions = options.RatioPriors == RatioPriorSet.LcModel
            ? options.Fit with { RatioPriors = [.. options.Fit.RatioPriors, .. ConcentrationRatioPrior.LcModelDefaults(_echoTimeMs, _axis.FrequencyMHz, type)] }
            : options.Fit;
        return (components, new LinearCombinationFitter(_axis, components, fitOptions, _columnEngine));
    }
}
