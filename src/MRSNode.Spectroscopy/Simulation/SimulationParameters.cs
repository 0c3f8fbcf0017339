namespace MRSNode.Spectroscopy.Simulation;

/// <summary>A closed range [Min, Max] sampled uniformly.</summary>
public readonly record struct ValueRange(double Min, double Max)
{
    public static ValueRange Fixed(double value) => new(value, value);

    public double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Min + (Max - Min) * random.NextDouble();
    }
}

/// <summary>
/// Ranges the simulator draws from (Hatami et al. 2018 §2.1, extended as in QNet: MM scaling and shape, lipids,
/// residual water, baseline). Amplitudes are in the basis's own units per metabolite (≈ mM for an LCModel basis,
/// water-scaled institutional units).
/// </summary>
public sealed record SimulationParameters
{
    /// <summary>
    /// Default amplitude ranges: mean ± 1 SD (floored at a small positive value) of the healthy-adult pooled
    /// means in Gudmundson et al. 2023 (Anal Biochem 676:115227; agudmundson/mrs-database, group "Norm"; see
    /// shared/docs/domain-facts.md §4.1): NAA 10.73 ± 2.34, NAAG 1.68 ± 0.70, tCr 10.17 ± 2.38 (split evenly
    /// into Cr and PCr), GPC 1.71 ± 0.75, PCho = tCho 2.58 ± 0.86 − GPC (derived), Ins (mI) 5.83 ± 1.87,
    /// sIns 0.18 ± 0.10, Glu 8.80 ± 2.40, Gln 2.20 ± 0.96, GABA 2.12 ± 0.66, GSH 1.43 ± 0.64, Lac 0.65 ± 0.40,
    /// Tau 1.26 ± 0.77, Asp 2.32 ± 1.05. Not in that table, assumed textbook-typical brain values (not sourced
    /// here): Ace 0–0.5, Ala 0.1–1.0, Asc 0.5–1.5, Glc 0.5–1.5, Gly 0.3–1.0, PE 1.0–2.0. NAA/tCr spans about
    /// 0.7–1.7, around Gudmundson's 1.386 ± 0.206. "Mac" is not here: it follows <see cref="MmScale"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, ValueRange> DefaultAmplitudes { get; } = new Dictionary<string, ValueRange>(StringComparer.OrdinalIgnoreCase)
    {
        ["Ace"] = new(0.0, 0.5),
        ["Ala"] = new(0.1, 1.0),
        ["Asc"] = new(0.5, 1.5),
        ["Asp"] = new(1.27, 3.37),
        ["Cr"] = new(3.90, 6.28),
        ["GABA"] = new(1.46, 2.78),
        ["GPC"] = new(0.96, 2.46),
        ["GSH"] = new(0.79, 2.07),
        ["Glc"] = new(0.5, 1.5),
        ["Gln"] = new(1.24, 3.16),
        ["Glu"] = new(6.40, 11.20),
        ["Gly"] = new(0.3, 1.0),
        ["Ins"] = new(3.96, 7.70),
        ["Lac"] = new(0.25, 1.05),
        ["NAA"] = new(8.39, 13.07),
        ["NAAG"] = new(0.98, 2.38),
        ["PCho"] = new(0.3, 1.2),
        ["PCr"] = new(3.90, 6.28),
        ["PE"] = new(1.0, 2.0),
        ["Tau"] = new(0.49, 2.03),
        ["sIns"] = new(0.08, 0.28),
    };

    /// <summary>Per-metabolite amplitude ranges; a basis entry without one (and not the MM entry) gets amplitude 0.</summary>
    public IReadOnlyDictionary<string, ValueRange> Amplitudes { get; init; } = DefaultAmplitudes;

    /// <summary>Per-metabolite frequency shift in Hz.</summary>
    public ValueRange FrequencyShiftHz { get; init; } = new(-3, 3);

    /// <summary>Per-metabolite Lorentzian damping (added linewidth, Hz: e^{−π·d·t}).</summary>
    public ValueRange DampingHz { get; init; } = new(2, 10);

    /// <summary>Global Gaussian broadening, FWHM in Hz (e^{−(π·g·t)²/(4 ln 2)}).</summary>
    public ValueRange GaussianHz { get; init; } = new(0, 6);

    /// <summary>Zero-order phase in radians.</summary>
    public ValueRange ZeroOrderPhase { get; init; } = new(-Math.PI, Math.PI);

    /// <summary>First-order phase in degrees per ppm about <see cref="FirstOrderPivotPpm"/>.</summary>
    public ValueRange FirstOrderPhaseDegPerPpm { get; init; } = new(-10, 10);

    public double FirstOrderPivotPpm { get; init; } = 4.7;

    /// <summary>SNR: NAA peak height of the real (correctly phased, noise-free) spectrum over the noise SD of the real spectrum.</summary>
    public ValueRange Snr { get; init; } = new(10, 100);

    /// <summary>The name of the measured macromolecule basis entry.</summary>
    public string MacromoleculeName { get; init; } = "Mac";

    /// <summary>Scale of the measured MM basis (1 = as in the basis file).</summary>
    public ValueRange MmScale { get; init; } = new(0.7, 1.3);

    /// <summary>Extra Lorentzian damping of the MM basis, Hz (its shape/width jitter).</summary>
    public ValueRange MmExtraDampingHz { get; init; } = new(0, 4);

    /// <summary>
    /// Whether to simulate from the basis entries without their 0 ppm reference singlet (<see cref="BasisReferenceLine"/>),
    /// as a measured spectrum has none; the fitters remove it from their basis too. Before 2026-11-22 it was kept, and
    /// twenty shifted and damped copies of it sat below the 0.2 ppm edge of the fit window.
    /// </summary>
    public bool RemoveBasisReference { get; init; } = true;

    /// <summary>Whether to add lipid peaks (Gaussians at 0.9 and 1.3 ppm).</summary>
    public bool Lipids { get; init; }

    /// <summary>Lipid amplitude (integral) relative to the NAA signal's integral (first FID point).</summary>
    public ValueRange LipidAmplitude { get; init; } = new(0, 1);

    /// <summary>Lipid Gaussian FWHM in Hz.</summary>
    public ValueRange LipidWidthHz { get; init; } = new(15, 30);

    /// <summary>
    /// Voigt lipid lines added as they are (no random draw), e.g. tumour or scalp lipids at 0.9/1.3/2.0 ppm. Each has its
    /// own Lorentzian and Gaussian width (then the spectrum's global Gaussian like every signal), so a fit's Gaussian
    /// lipid components do not describe them exactly.
    /// </summary>
    public IReadOnlyList<LipidLine> LipidLines { get; init; } = [];

    /// <summary>Whether to add a residual water Lorentzian at <see cref="WaterPpm"/>.</summary>
    public bool ResidualWater { get; init; } = true;

    /// <summary>Residual water amplitude (integral) relative to the NAA signal's integral.</summary>
    public ValueRange WaterAmplitude { get; init; } = new(0, 3);

    public ValueRange WaterPpm { get; init; } = new(4.65, 4.75);

    public ValueRange WaterDampingHz { get; init; } = new(4, 12);

    /// <summary>Whether to add a smooth baseline (a polynomial over the whole spectrum).</summary>
    public bool Baseline { get; init; } = true;

    /// <summary>Polynomial order of the baseline (0..order).</summary>
    public int BaselineOrder { get; init; } = 3;

    /// <summary>Each baseline coefficient, relative to the noise-free NAA peak height.</summary>
    public ValueRange BaselineCoefficient { get; init; } = new(-0.1, 0.1);

    /// <summary>Output points (null: the basis's).</summary>
    public int? Points { get; init; }

    /// <summary>Output spectral width in Hz (null: the basis's; otherwise the basis is resampled).</summary>
    public double? SpectralWidthHz { get; init; }
}
