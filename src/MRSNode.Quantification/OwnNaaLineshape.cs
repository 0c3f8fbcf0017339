namespace MRSNode.Quantification;

/// <summary>When a fit gives tNAA its own shift and damping, every other component on the common lineshape (<see cref="FitOptions.OwnNaaLineshape"/>).</summary>
public enum OwnNaaLineshape
{
    /// <summary>Never: one lineshape for every component.</summary>
    Never,
    /// <summary>
    /// The default: where the common lineshape leaves more than noise. A brain spectrum where the data free the baseline
    /// (the common lineshape and a stiff baseline leave more than noise); a lipid-rich one where the residual SD exceeds
    /// two noise SDs (lipid-rich fits keep their stiff baseline). At SNR 30–50 the residual is noise and tNAA keeps the
    /// common lineshape; without noise, lipids cost tNAA 18 % on it where NAA's line is broader than creatine's.
    /// </summary>
    WhereMisfit,
    /// <summary>Every spectrum, lipid-rich ones included (those are fitted with it from the start).</summary>
    Always,
}
