namespace MRSNode.Quantification;

/// <summary>How the nonlinear fit ended.</summary>
public enum FitStatus
{
    /// <summary>An accepted step lowered the cost by less than the relative tolerance.</summary>
    Converged,

    /// <summary>
    /// No step lowered the cost at any damping tried: the parameters are at a minimum to working precision (an
    /// ending as good as <see cref="Converged"/>, told apart for the audit).
    /// </summary>
    Stalled,

    /// <summary>The iteration limit came while the cost was still falling by more than the tolerance: not converged.</summary>
    MaxIterations,

    /// <summary>
    /// The fit could not proceed: the damped normal matrix could not be factored at any damping tried, or the cost was
    /// not finite. The result is where the fit stopped, not a minimum.
    /// </summary>
    Singular,
}
