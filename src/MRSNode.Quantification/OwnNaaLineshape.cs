namespace MRSNode.Quantification;

/// <summary>When a brain fit with one lineshape for all is refitted with tNAA's own shift and damping (<see cref="FitOptions.OwnNaaLineshape"/>).</summary>
public enum OwnNaaLineshape
{
    /// <summary>Never: one lineshape for every component.</summary>
    Never,
    /// <summary>Where the data free the baseline (the common lineshape and a stiff baseline leave more than noise): the default, brain spectra only.</summary>
    WhenBaselineFreed,
    /// <summary>Every spectrum, lipid-rich ones included (those are fitted with it from the start).</summary>
    Always,
}
