namespace MRSNode.Spectroscopy.Simulation;

/// <summary>A lipid peak: Gaussian at <paramref name="Ppm"/> with FWHM <paramref name="WidthHz"/>.</summary>
public sealed record LipidPeak(double Ppm, double Amplitude, double WidthHz);

/// <summary>
/// A Voigt lipid line: area <paramref name="AreaRelativeToCreatine"/> × the creatine signal's area (Cr + PCr, first FID
/// point of their noise-free sum), Lorentzian FWHM <paramref name="LorentzianHz"/> and Gaussian FWHM
/// <paramref name="GaussianHz"/>.
/// </summary>
public sealed record LipidLine(double Ppm, double AreaRelativeToCreatine, double LorentzianHz, double GaussianHz);

/// <summary>A <see cref="LipidLine"/> as added to one spectrum, with the area (first FID point) it got.</summary>
public sealed record AddedLipidLine(LipidLine Line, double Area);

/// <summary>Everything drawn for one simulated spectrum: the truth a fit should recover.</summary>
public sealed record SimulationTruth
{
    public required int Index { get; init; }
    /// <summary>The seed of this spectrum's own generator.</summary>
    public required int Seed { get; init; }
    public required IReadOnlyDictionary<string, double> Amplitudes { get; init; }
    public required IReadOnlyDictionary<string, double> ShiftsHz { get; init; }
    public required IReadOnlyDictionary<string, double> DampingsHz { get; init; }
    public required double GaussianHz { get; init; }
    public required double ZeroOrderPhaseRad { get; init; }
    public required double FirstOrderPhaseDegPerPpm { get; init; }
    public required double FirstOrderPivotPpm { get; init; }
    public required double Snr { get; init; }
    /// <summary>Noise SD per real component of the FID.</summary>
    public required double NoiseSd { get; init; }
    /// <summary>The noise-free NAA peak height of the real spectrum (before phase errors).</summary>
    public required double NaaPeakHeight { get; init; }
    public required double MmScale { get; init; }
    public required double MmExtraDampingHz { get; init; }
    public IReadOnlyList<LipidPeak> Lipids { get; init; } = [];
    /// <summary>The <see cref="SimulationParameters.LipidLines"/> added.</summary>
    public IReadOnlyList<AddedLipidLine> LipidLines { get; init; } = [];
    public double WaterAmplitude { get; init; }
    public double WaterPpm { get; init; }
    public double WaterPhaseRad { get; init; }
    public double WaterDampingHz { get; init; }
    public IReadOnlyList<double> BaselineCoefficients { get; init; } = [];
}

/// <summary>A simulated spectrum and its truth.</summary>
public sealed record SimulatedSpectrum(MrsAcquisition Acquisition, SimulationTruth Truth);
