namespace MRSNode.Quantification;

/// <summary>The fit: amplitudes (in basis units), spectra over the window (real part, data phased by the fitted phase), parameters.</summary>
public sealed class FitResult
{
    public required IReadOnlyList<string> Names { get; init; }
    public required double[] Amplitudes { get; init; }
    public required double[] BaselineCoefficients { get; init; }
    public required FitParameters Parameters { get; init; }
    public required double[] Ppm { get; init; }
    public required double[] Data { get; init; }
    public required double[] Fit { get; init; }
    public required double[] Baseline { get; init; }
    public required double[] Residual { get; init; }
    /// <summary>Each component's fitted spectrum (amplitude × column), for plotting.</summary>
    public required double[][] ComponentSpectra { get; init; }
    public required int Iterations { get; init; }
    public required int ModelEvaluations { get; init; }
    /// <summary>How the nonlinear fit ended; anything but converged or stalled means the parameters are not a minimum.</summary>
    public FitStatus Status { get; init; }
    /// <summary>Whether the fit ended at a minimum (<see cref="FitStatus.Converged"/> or <see cref="FitStatus.Stalled"/>).</summary>
    public bool Converged => Status is FitStatus.Converged or FitStatus.Stalled;
    /// <summary>‖residual‖ / ‖data − baseline‖ over the window.</summary>
    public double RelativeResidual { get; init; }
    /// <summary>Residual SD, √(Σr² / (m − p)) with p the non-zero amplitudes, the baseline's effective and the nonlinear parameters.</summary>
    public double ResidualSd { get; init; }
    /// <summary>The Jacobian of the model over the window with respect to [amplitudes, baseline coefficients, nonlinear parameters], row-major per point.</summary>
    internal double[][] Jacobian { get; init; } = [];
    internal double[,] BaselinePenalty { get; init; } = new double[0, 0];
    /// <summary>The baseline's relative stiffness the data chose (<see cref="FitOptions.BaselineStiffness"/>'s scale; 0: no baseline).</summary>
    public double BaselineStiffness { get; init; }
    /// <summary>Prior precision added to the diagonal of JᵀJ for each nonlinear parameter (same units as JᵀJ; 0 for the global ones).</summary>
    internal double[] NonlinearPriorPrecision { get; init; } = [];
    /// <summary>The ratio priors' precision over the amplitudes (same units as JᵀJ; empty when none applied).</summary>
    internal double[,] AmplitudePriorPrecision { get; init; } = new double[0, 0];
    /// <summary>The ratio priors that applied to this fit, each with how far the fit ended from it.</summary>
    public IReadOnlyList<AppliedRatioPrior> RatioPriorsUsed { get; init; } = [];
    /// <summary>The component groups that share a shift and an extra damping (empty when not fitted).</summary>
    public IReadOnlyList<string> GroupNames { get; init; } = [];
    /// <summary>Each group's own frequency shift (Hz), on top of <see cref="FitParameters.ShiftHz"/>.</summary>
    public double[] GroupShiftsHz { get; init; } = [];
    /// <summary>
    /// Each group's Lorentzian damping deviation (FWHM, Hz) from <see cref="FitParameters.LorentzHz"/> (the groups' mean
    /// is 0); for a group with widths of its own (the lipids') its Lorentzian FWHM itself.
    /// </summary>
    public double[] GroupDampingsHz { get; init; } = [];
    /// <summary>Each group's own Gaussian FWHM² (Hz², in place of the common one; 0 for a group on the common widths).</summary>
    public double[] GroupGaussSquaredHz2 { get; init; } = [];
}
