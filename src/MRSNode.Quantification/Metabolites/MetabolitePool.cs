namespace MRSNode.Quantification.Metabolites;

/// <summary>
/// A pool of metabolites reported as their sum (e.g. tNAA = NAA + NAAG). A basis entry belongs to it when its name is
/// a member's name or alias. The pool is reported when at least one member is in the basis, or, with
/// <paramref name="RequiresEveryMember"/>, only when all are (tIns = Ins + Gly: Gly's 3.55 ppm singlet overlaps Ins and
/// the pair is better determined than either, but Ins alone is already reported as Ins).
/// </summary>
public sealed record MetabolitePool(string Name, IReadOnlyList<MetaboliteInfo> Members, bool RequiresEveryMember = false, CodedTerm? Code = null)
{
    /// <summary>
    /// The indices of <paramref name="names"/> that belong to the pool, in the members' order (so sums add in the same
    /// order everywhere); null when the pool is not reported for these names.
    /// </summary>
    public IReadOnlyList<int>? MemberIndices(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var indices = new List<int>();
        foreach (var member in Members)
        {
            int before = indices.Count;
            for (int j = 0; j < names.Count; j++)
            {
                if (member.IsNamed(names[j]) && !indices.Contains(j))
                {
                    indices.Add(j);
                }
            }
            if (RequiresEveryMember && indices.Count == before)
            {
                return null;
            }
        }
        return indices.Count == 0 ? null : indices;
    }
}

/// <summary>Basis entries that share one shift and extra damping when the fit frees lineshapes per group.</summary>
public sealed record LineshapeGroup(string Name, IReadOnlyList<MetaboliteInfo> Members);

/// <summary>One term of a ratio-prior alias: a metabolite and its factor in the sum.</summary>
public sealed record WeightedMember(MetaboliteInfo Metabolite, double Factor);

/// <summary>A name LCModel's ratio priors use for a weighted sum of metabolites (totCr, totCho, totNAA, Big3).</summary>
public sealed record RatioPriorAlias(string Name, IReadOnlyList<WeightedMember> Terms);

/// <summary>A peak the spectrum plot labels: the label and the peak's position.</summary>
public sealed record PeakLabel(string Text, double Ppm);
