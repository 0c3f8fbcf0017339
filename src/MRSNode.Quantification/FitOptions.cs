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
    /// <summary>
    /// The most flexible baseline the data may ask for (same scale as <see cref="BaselineStiffness"/>, which is the stiffest):
    /// the fit takes the stiffest of the ladder between them whose fit is within noise of the most flexible one's
    /// (<see cref="Fitting.BaselineStiffnessSelector"/>, LCModel's rule for its baseline regularisation). Default: equal to
    /// <see cref="BaselineStiffness"/>, i.e. fixed. 0.001 brings the Philips in vivo Glx/tCr and Ins/tCr to LCModel 6.3's
    /// but takes the LCModel 6.3 regression case's Glx/tCr 31 % below LCModel's: with one Voigt lineshape the flexible
    /// baseline also absorbs lineshape misfit that LCModel's free-form lineshape takes (docs/accuracy.md, in vivo section).
    /// </summary>
    public double MinBaselineStiffness { get; init; } = 0.001;
    /// <summary>
    /// When a spectrum is fitted again with tNAA's own shift and damping under the priors (<see cref="ShiftSdHz"/>,
    /// <see cref="DampingSdHz"/>), every other component on the common lineshape, and that fit reported: where the data
    /// free the baseline (default: a spectrum the common lineshape and a stiff baseline do not explain, as in vivo; 11 of
    /// 500 simulated at SNR 50), always, or never. NAA's T2 is the longest of the singlets' (about 250 ms at 3 T against
    /// Cr's 160 and Cho's 210: a Lorentzian about 0.7 Hz narrower than Cr's), so one Voigt wide enough for Cr and Cho
    /// gives the NAA singlet too much area: tNAA/tCr was 21 % above LCModel 6.3's on the Philips TE 30 scan, 9 % with
    /// this. Always is measured but not the default (docs/accuracy.md, "tNAA's own lineshape in every spectrum"): better
    /// on the 500 simulated spectra and at high SNR, a few points worse on the pathology set at SNR 30–50. A lineshape per
    /// component (LCModel's model) also brought tNAA in but moved Ins and Glx by up to 15 % with the basis
    /// (docs/accuracy.md, in vivo section). Only with <see cref="LineshapeFreedom.Global"/> and the full profile. A
    /// lipid-rich spectrum is refitted with it where its residual exceeds two noise SDs (without noise, tNAA/tCr under
    /// tumour lipids 14–18 % → 8–11 %; at SNR 30–50 the residual is noise and nothing changes), or fitted with it from
    /// the start with Always.
    /// </summary>
    public OwnNaaLineshape OwnNaaLineshape { get; init; } = OwnNaaLineshape.WhereMisfit;
    /// <summary>
    /// A brain (not lipid-rich) spectrum keeps LCModel's lipid components (Lip13a/b, Lip09, Lip20) only where the fit
    /// detects them (pooled amplitude at least twice its CRLB); else it is fitted again without them, its macromolecules
    /// kept, and that fit reported. Lip13b, a 0.089 ppm line at 1.28 ppm, takes a normal brain's lactate doublet: on 500
    /// lipid-free simulated spectra (SNR 50) lactate's error was 81.5 % with the lipids always fitted, 53.3 % with this.
    /// A spectrum whose lipids are detected (in vivo without a measured MM, contamination, tumour) keeps them, so they do
    /// not become lactate. Only with the full profile (MRSI has its own lipid handling) and below TE 100 ms (an inverted
    /// doublet is not taken by a positive lipid line).
    /// </summary>
    public bool LipidsOnlyWhenDetected { get; init; } = true;
    /// <summary>
    /// Where a brain fit detects lactate, fit the spectrum again as lipid-rich (lipid lines free to sit off 1.28 ppm,
    /// <see cref="MacromoleculeLibrary.LipidRich"/>) and report whether lactate survives it
    /// (<see cref="LcmResult.LactateConfoundedByLipid"/>). The brain model's lipids sit at 1.28 ppm: a broad lipid at
    /// 1.30–1.31 ppm, too small to make the spectrum lipid-rich, is fitted as a lactate doublet (simulated: 0.15–0.8 ×
    /// the creatine area gave 1.7–4.1 mM where there was 0.8, CRLBs 13–37 %), and the lipid-rich fit puts it back in
    /// lipid. Costs two fits where lactate is detected.
    /// </summary>
    public bool CheckLactateAgainstLipids { get; init; } = true;
    /// <summary>
    /// With <see cref="LineshapeFreedom.PerGroup"/>: only these lineshape groups (<see cref="LinearCombinationFitter.GroupOf"/>)
    /// get their own shift and damping, every other component the common lineshape; null (default): every group.
    /// </summary>
    public IReadOnlyList<string>? OwnLineshapeGroups { get; init; }
    /// <summary>
    /// The lipid components (<see cref="Metabolites.MetaboliteKind.Lipid"/>) get a lineshape of their own, whatever
    /// <see cref="Freedom"/> says for the rest: a shift from the common one (prior <see cref="LipidShiftSdHz"/>) and a
    /// Lorentzian and a Gaussian width of their own in place of the common ones (no prior, ≥ 0). Lipid seen in a voxel
    /// (scalp fat through the side lobes, necrosis) does not share the metabolites' lines: fitted on one lineshape,
    /// narrow scalp fat three times the creatine area set it (Lorentzian 0–0.9 Hz, Gaussian 6–7 Hz against 3.1–3.9 and
    /// 4.6–4.9 Hz simulated) and every metabolite lost about 18 % of its area (docs/accuracy.md, "Pathology"). Set by
    /// the lipid-rich fit; off by default.
    /// </summary>
    public bool OwnLipidLineshape { get; init; }
    /// <summary>Prior SD of the lipids' own shift (Hz, <see cref="OwnLipidLineshape"/>): 2 Hz, 0.016 ppm at 3 T, bounded at five SDs.</summary>
    public double LipidShiftSdHz { get; init; } = 2.0;
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
    /// <summary>How much of the fit runs per spectrum: <see cref="FitProfile.Full"/> (default) or the cheaper MRSI profile.</summary>
    public FitProfile Profile { get; init; } = FitProfile.Full;
    /// <summary>
    /// Each Levenberg–Marquardt run's iteration cap under <see cref="FitProfile.Mrsi"/> (the lower of this and
    /// <see cref="MaxIterations"/>); its accuracy cost against the full fit is measured in docs/benchmarks.md.
    /// </summary>
    public int MrsiMaxIterations { get; init; } = 20;
    public static FitOptions Default { get; } = new();

    /// <summary>The names the CLI and the node's configuration give <see cref="LineshapeFreedom"/>'s values, in order.</summary>
    public static IReadOnlyList<string> FreedomNames => s_freedomNames;

    private static readonly string[] s_freedomNames = ["global", "group", "metabolite"];

    public static LineshapeFreedom ParseFreedom(string name) => Array.IndexOf(s_freedomNames, name) is int i and >= 0
        ? (LineshapeFreedom)i
        : throw new ArgumentException($"unknown lineshape '{name}': use {string.Join(", ", FreedomNames.SkipLast(1))} or {FreedomNames[^1]}");
}
