namespace MRSNode.Quantification.Metabolites;

/// <summary>What a basis entry models: a metabolite, a measured or parametric macromolecule, or a lipid.</summary>
public enum MetaboliteKind
{
    Metabolite,
    Macromolecule,
    Lipid,
}

/// <summary>
/// One basis entry the node knows: its canonical name, the other names basis sets give it, its kind, its protons
/// (where the node uses them) and the standard code the structured report gives it (where PS3.16 has one).
/// </summary>
public sealed record MetaboliteInfo(string Name, IReadOnlyList<string> Aliases, MetaboliteKind Kind = MetaboliteKind.Metabolite, int? Protons = null, CodedTerm? Code = null)
{
    /// <summary>The canonical name, then the aliases.</summary>
    public IEnumerable<string> Names => Aliases.Prepend(Name);

    /// <summary>Whether <paramref name="name"/> is this entry's name or one of its aliases.</summary>
    public bool IsNamed(string name, StringComparison comparison = StringComparison.OrdinalIgnoreCase) =>
        Names.Any(n => string.Equals(n, name, comparison));
}
