namespace MRSNode.Quantification.Fitting;

/// <summary>
/// The groups' own shifts δ_g and damping deviations ε_g (<see cref="LineshapeParameters"/>): their Gaussian priors
/// (mean 0; residual rows σ·parameter / prior SD, σ the data's noise SD), their bounds (within
/// <see cref="MaxPriorDeviations"/> prior SDs, total damping ≥ 0) and the recentring that keeps their mean in the global
/// shift and Lorentzian. A group with widths of its own (the lipids') has its Lorentzian ε_g and Gaussian γ_g in place of
/// the common ones: no prior on them (a lipid's width says nothing of the metabolites'), only ≥ 0. Immutable.
/// </summary>
internal sealed class LineshapePriors
{
    /// <summary>Within five prior SDs: beyond, a component is no longer the basis spectrum it stands for.</summary>
    private const double MaxPriorDeviations = 5;

    private readonly double[] _sd;
    private readonly bool _everyComponentGrouped;
    private readonly int _groups;
    private readonly bool[] _ownWidths;

    /// <param name="groupNames">The groups, in parameter order.</param>
    /// <param name="everyComponentGrouped">Whether every component is in a group (then the groups' mean moves into the globals).</param>
    /// <param name="options">The prior SDs.</param>
    /// <param name="ownWidths">Which groups have widths of their own (<see cref="LineshapeModel"/>; null: none).</param>
    public LineshapePriors(IReadOnlyList<string> groupNames, bool everyComponentGrouped, FitOptions options, bool[]? ownWidths = null)
    {
        _groups = groupNames.Count;
        _ownWidths = ownWidths ?? new bool[_groups];
        var gaussSds = Enumerable.Range(0, _groups).Where(g => _ownWidths[g]).Select(_ => double.PositiveInfinity);
        _sd = [.. Enumerable.Range(0, 2 * _groups).Select(q => PriorSd(q, groupNames, _ownWidths[q / 2], options)), .. gaussSds];
        _everyComponentGrouped = everyComponentGrouped && !_ownWidths.Any(o => o);
    }

    public int GroupCount => _groups;

    /// <summary>How many group parameters there are (2 per group, and a Gaussian per group with widths of its own): the fit's prior rows.</summary>
    public int Count => _sd.Length;

    /// <summary>
    /// Prior SD of group parameter q (0-based from the first group's shift: even a shift, odd a damping; from 2 × groups the
    /// own Gaussians); infinite where there is no prior (its row is 0).
    /// </summary>
    public double Sd(int q) => _sd[q];

    /// <summary>
    /// Every component is in a group, so the model depends only on shift + δ_g and Lorentz + ε_g: moving the mean δ into
    /// the global shift and the mean ε into the global Lorentzian leaves the model unchanged and lowers the priors' cost
    /// (the priors describe each component's deviation from the common lineshape, as LCModel's do). Not with a group of
    /// widths of its own (then the common widths are some components' own).
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

    /// <summary>Clamps a trial point to its bounds (G² ≥ 0, the groups' within their priors, widths ≥ 0), then recentres it.</summary>
    public void Constrain(double[] trial)
    {
        trial[LineshapeParameters.GaussSquaredHz2] = Math.Max(0, trial[LineshapeParameters.GaussSquaredHz2]);
        for (int k = 0; k < _sd.Length; k++)
        {
            double bound = MaxPriorDeviations * _sd[k];
            int q = LineshapeParameters.GlobalCount + k;
            trial[q] = Math.Clamp(trial[q], -bound, bound);
            if (IsOwnWidth(q))
            {
                trial[q] = Math.Max(0, trial[q]);
            }
            else if (k % 2 == 1)
            {
                trial[q] = Math.Max(-Math.Abs(trial[LineshapeParameters.LorentzHz]), trial[q]); // a damping: the total stays ≥ 0
            }
        }
        Recentre(trial);
    }

    /// <summary>G² or an own width at 0, or a group's damping at its bound (total damping 0), whose descent direction points below it.</summary>
    public bool IsHeldAtBound(double[] p, int q, double descent) => descent <= 0 && (
        ((q == LineshapeParameters.GaussSquaredHz2 || IsOwnWidth(q)) && p[q] <= 0)
        || (LineshapeParameters.IsGroupDamping(q, _groups) && !IsOwnWidth(q) && p[q] <= -Math.Abs(p[LineshapeParameters.LorentzHz])));

    /// <summary>Whether parameter q is a width of a group with widths of its own (its damping or its Gaussian).</summary>
    private bool IsOwnWidth(int q) => LineshapeParameters.IsGroupGauss(q, _groups)
        || (LineshapeParameters.IsGroupDamping(q, _groups) && _ownWidths[(q - LineshapeParameters.GlobalCount) / 2]);

    private static double PriorSd(int q, IReadOnlyList<string> groupNames, bool ownWidths, FitOptions options)
    {
        if (ownWidths)
        {
            // The lipids' group (FitOptions.OwnLipidLineshape): its shift under the lipid prior, its Lorentzian width free.
            return q % 2 == 0 ? options.LipidShiftSdHz : double.PositiveInfinity;
        }
        string name = groupNames[q / 2];
        double sd = q % 2 == 0 ? options.ShiftSdHz : options.DampingSdHz;
        if (LinearCombinationFitter.GroupOf(name) == Metabolites.MetaboliteCatalog.MacromoleculeGroup)
        {
            return sd * options.MinorGroupPriorScale;
        }
        // As LCModel: NAA and NAAG (whose singlets are 0.03 ppm apart) get half the shift freedom, to stay separable.
        return q % 2 == 0 && name is "NAA" or "NAAG" ? sd / 2 : sd;
    }
}
