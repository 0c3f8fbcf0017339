namespace MRSNode.Quantification.Fitting;

/// <summary>
/// The groups' own shifts δ_g and damping deviations ε_g: their Gaussian priors (mean 0; residual rows
/// σ·parameter / prior SD, σ the data's noise SD), their bounds (within <see cref="MaxPriorDeviations"/> prior SDs, total
/// damping ≥ 0) and the recentring that keeps their mean in the global shift and Lorentzian. Immutable.
/// </summary>
internal sealed class LineshapePriors
{
    /// <summary>Within five prior SDs: beyond, a component is no longer the basis spectrum it stands for.</summary>
    private const double MaxPriorDeviations = 5;

    private readonly double[] _sd;
    private readonly bool _everyComponentGrouped;

    /// <param name="groupNames">The groups, in parameter order.</param>
    /// <param name="everyComponentGrouped">Whether every component is in a group (then the groups' mean moves into the globals).</param>
    /// <param name="options">The prior SDs.</param>
    public LineshapePriors(IReadOnlyList<string> groupNames, bool everyComponentGrouped, FitOptions options)
    {
        _sd = Enumerable.Range(0, 2 * groupNames.Count).Select(q => PriorSd(q, groupNames, options)).ToArray();
        _everyComponentGrouped = everyComponentGrouped;
    }

    public int GroupCount => _sd.Length / 2;

    /// <summary>Prior SD of group parameter q (0-based from the first group's shift: even a shift, odd a damping).</summary>
    public double Sd(int q) => _sd[q];

    /// <summary>
    /// Every component is in a group, so the model depends only on shift + δ_g and Lorentz + ε_g: moving the mean δ into
    /// the global shift and the mean ε into the global Lorentzian leaves the model unchanged and lowers the priors' cost
    /// (the priors describe each component's deviation from the common lineshape, as LCModel's do).
    /// </summary>
    public void Recentre(double[] p)
    {
        int groups = GroupCount;
        if (groups == 0 || !_everyComponentGrouped)
        {
            return;
        }
        double mean = 0, meanDamping = 0;
        for (int g = 0; g < groups; g++)
        {
            mean += p[LineshapeParameters.GroupShift(g)] / groups;
            meanDamping += p[LineshapeParameters.GroupDamping(g)] / groups;
        }
        p[LineshapeParameters.ShiftHz] += mean;
        p[LineshapeParameters.LorentzHz] = Math.Abs(p[LineshapeParameters.LorentzHz]) + meanDamping;
        for (int g = 0; g < groups; g++)
        {
            p[LineshapeParameters.GroupShift(g)] -= mean;
            p[LineshapeParameters.GroupDamping(g)] -= meanDamping;
        }
    }

    /// <summary>Clamps a trial point to its bounds (G² ≥ 0, the groups' within their priors), then recentres it.</summary>
    public void Constrain(double[] trial)
    {
        trial[LineshapeParameters.GaussSquaredHz2] = Math.Max(0, trial[LineshapeParameters.GaussSquaredHz2]);
        for (int k = 0; k < _sd.Length; k++)
        {
            double bound = MaxPriorDeviations * _sd[k];
            int q = LineshapeParameters.GlobalCount + k;
            trial[q] = Math.Clamp(trial[q], -bound, bound);
            if (k % 2 == 1)
            {
                trial[q] = Math.Max(-Math.Abs(trial[LineshapeParameters.LorentzHz]), trial[q]); // a damping: the total stays ≥ 0
            }
        }
        Recentre(trial);
    }

    /// <summary>G² at 0, or a group's damping at its bound (total damping 0), whose descent direction points below it.</summary>
    public static bool IsHeldAtBound(double[] p, int q, double descent) => descent <= 0 && (
        (q == LineshapeParameters.GaussSquaredHz2 && p[q] <= 0)
        || (LineshapeParameters.IsGroupDamping(q) && p[q] <= -Math.Abs(p[LineshapeParameters.LorentzHz])));

    private static double PriorSd(int q, IReadOnlyList<string> groupNames, FitOptions options)
    {
        double sd = q % 2 == 0 ? options.ShiftSdHz : options.DampingSdHz;
        string name = groupNames[q / 2];
        if (LinearCombinationFitter.GroupOf(name) == Metabolites.MetaboliteCatalog.MacromoleculeGroup)
        {
            return sd * options.MinorGroupPriorScale;
        }
        // As LCModel: NAA and NAAG (whose singlets are 0.03 ppm apart) get half the shift freedom, to stay separable.
        return q % 2 == 0 && name is "NAA" or "NAAG" ? sd / 2 : sd;
    }
}
