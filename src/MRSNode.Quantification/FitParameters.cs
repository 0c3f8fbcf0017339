namespace MRSNode.Quantification;

/// <summary>
/// The nonlinear parameters: global frequency shift (Hz, added to every component), extra Lorentzian
/// and Gaussian broadening (FWHM, Hz), zero-order phase (rad, at the pivot) and first-order phase (rad/ppm).
/// </summary>
public readonly record struct FitParameters(double ShiftHz, double LorentzHz, double GaussHz, double Phase0Rad, double Phase1RadPerPpm);
