namespace MRSNode.Quantification;

/// <summary>When a fit gives tNAA its own shift and damping, every other component on the common lineshape (<see cref="FitOptions.OwnNaaLineshape"/>).</summary>
public enum OwnNaaLineshape
{
    /// <summary>Never: one lineshape for every component.</summary>
    Never,
    /// <summary>Where the data free the baseline (the common lineshape and a stiff baseline leave more than noise): the default, brain spectra only.</summary>
    WhenBaselineFreed,
    /// <summary>Every spectrum, lipid-rich ones included (those are fitted with it from the start).</summary>
    Always,
}
