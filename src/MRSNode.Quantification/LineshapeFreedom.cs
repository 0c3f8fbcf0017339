namespace MRSNode.Quantification;

/// <summary>Which components carry their own shift and extra damping in the fit.</summary>
public enum LineshapeFreedom
{
    /// <summary>One shift and one Lorentzian damping for every component.</summary>
    Global,
    /// <summary>One per metabolite group (tNAA, tCr, tCho, Glx, tIns, MM, other).</summary>
    PerGroup,
    /// <summary>One per basis component (LCModel's model).</summary>
    PerMetabolite,
}
