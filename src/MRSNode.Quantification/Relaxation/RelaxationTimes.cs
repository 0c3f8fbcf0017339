namespace MRSNode.Quantification.Relaxation;

/// <summary>T1 and T2 (ms) of one compartment.</summary>
public sealed record RelaxationTimes(double T1Ms, double T2Ms)
{
    /// <summary>The fraction of the fully relaxed signal left at this TE and TR: exp(−TE/T2)·(1 − exp(−TR/T1)).</summary>
    public double Attenuation(double echoTimeMs, double repetitionTimeMs) =>
        Math.Exp(-echoTimeMs / T2Ms) * (1 - Math.Exp(-repetitionTimeMs / T1Ms));
}

/// <summary>
/// Relaxation times of tissue water (GM, WM, CSF) and of the metabolites (one value for the singlets NAA, Cr, Cho, as
/// FSL-MRS and Osprey use one) at one field, with where each value comes from.
/// </summary>
public sealed record FieldRelaxation(double FieldTesla, RelaxationTimes Grey, RelaxationTimes White, RelaxationTimes Csf, RelaxationTimes Metabolite, string Source);
