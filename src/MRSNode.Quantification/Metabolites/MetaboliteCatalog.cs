using System.Collections.Frozen;

namespace MRSNode.Quantification.Metabolites;

/// <summary>
/// The one place that says which basis entries exist under which names, how they pool, group and code: the fit, the
/// ratio priors, the CRLB pooling, the evaluations, the checks and the reports all read it, so a pool evaluated in
/// docs/accuracy.md is the pool the node reports. Names match case-insensitively, except where LCModel compares them
/// literally (the ratio priors, which pass <see cref="StringComparison.Ordinal"/>). Immutable.
/// </summary>
public sealed partial class MetaboliteCatalog
{
    /// <summary>The name of the lineshape group of the macromolecules and lipids.</summary>
    public const string MacromoleculeGroup = "MM";

    /// <summary>The name of the lineshape group of every entry no other group claims.</summary>
    public const string OtherGroup = "other";

    private readonly FrozenDictionary<string, MetaboliteInfo> _byName;

    public MetaboliteCatalog(
        IEnumerable<MetaboliteInfo> metabolites,
        IEnumerable<MetabolitePool> pools,
        IEnumerable<LineshapeGroup> lineshapeGroups,
        IEnumerable<RatioPriorAlias> ratioPriorAliases,
        IEnumerable<RatioCode> ratioCodes,
        IEnumerable<string> majorMetabolites,
        IEnumerable<PeakLabel> peakLabels)
    {
        Metabolites = [.. metabolites];
        Pools = [.. pools];
        LineshapeGroups = [.. lineshapeGroups];
        RatioPriorAliases = [.. ratioPriorAliases];
        RatioCodes = [.. ratioCodes];
        MajorMetabolites = [.. majorMetabolites];
        PeakLabels = [.. peakLabels];
        var byName = new Dictionary<string, MetaboliteInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var metabolite in Metabolites)
        {
            foreach (var name in metabolite.Names)
            {
                if (!byName.TryAdd(name, metabolite))
                {
                    throw new ArgumentException($"'{name}' names both {byName[name].Name} and {metabolite.Name}", nameof(metabolites));
                }
            }
        }
        _byName = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every known basis entry.</summary>
    public IReadOnlyList<MetaboliteInfo> Metabolites { get; }

    /// <summary>The pools the node reports, in report order.</summary>
    public IReadOnlyList<MetabolitePool> Pools { get; }

    /// <summary>The groups that share a lineshape when the fit frees lineshapes per group (LCModel's groupings).</summary>
    public IReadOnlyList<LineshapeGroup> LineshapeGroups { get; }

    /// <summary>The sums LCModel's ratio priors name (matched literally, as LCModel does).</summary>
    public IReadOnlyList<RatioPriorAlias> RatioPriorAliases { get; }

    /// <summary>Standard codes of ratios between reported quantities (PS3.16 CID 4033).</summary>
    public IReadOnlyList<RatioCode> RatioCodes { get; }

    /// <summary>The metabolites and pools a study needs measured reliably to be called reliable.</summary>
    public IReadOnlyList<string> MajorMetabolites { get; }

    /// <summary>The peaks the spectrum plot labels.</summary>
    public IReadOnlyList<PeakLabel> PeakLabels { get; }

    /// <summary>tCr, the pool every ratio is stated against.</summary>
    public MetabolitePool TotalCreatine => Pool("tCr");

    /// <summary>The entry a name or alias denotes, or null.</summary>
    public MetaboliteInfo? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The entry a name or alias denotes under <paramref name="comparison"/>, or null.</summary>
    public MetaboliteInfo? Find(string name, StringComparison comparison) =>
        comparison == StringComparison.OrdinalIgnoreCase ? Find(name) : Metabolites.FirstOrDefault(m => m.IsNamed(name, comparison));

    /// <summary>The reported pool of that name (case-insensitive), or null.</summary>
    public MetabolitePool? FindPool(string name) =>
        Pools.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The pool of that name (case-insensitive); throws for a name the catalog does not pool.</summary>
    public MetabolitePool Pool(string name) =>
        FindPool(name) ?? throw new ArgumentException($"'{name}' is not a pool the node reports", nameof(name));

    /// <summary>The ratio-prior alias of that name (literal match, as LCModel), or null.</summary>
    public RatioPriorAlias? FindRatioPriorAlias(string name) =>
        RatioPriorAliases.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// Whether two names denote the same entry under <paramref name="comparison"/>: equal, or both names of one entry.
    /// </summary>
    public bool SameMetabolite(string a, string b, StringComparison comparison = StringComparison.OrdinalIgnoreCase) =>
        string.Equals(a, b, comparison) || (Find(b, comparison)?.IsNamed(a, comparison) ?? false);

    /// <summary>
    /// The kind of a basis entry: the catalog's, else by LCModel's naming (Mac…, MM… macromolecules; Lip… lipids),
    /// else a metabolite.
    /// </summary>
    public MetaboliteKind KindOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string n = name.Trim();
        if (Find(n) is { } known)
        {
            return known.Kind;
        }
        return n.StartsWith("Mac", StringComparison.OrdinalIgnoreCase) || n.StartsWith("MM", StringComparison.OrdinalIgnoreCase) ? MetaboliteKind.Macromolecule
            : n.StartsWith("Lip", StringComparison.OrdinalIgnoreCase) ? MetaboliteKind.Lipid
            : MetaboliteKind.Metabolite;
    }

    /// <summary>
    /// The lineshape group of a basis entry: its group in <see cref="LineshapeGroups"/>, else
    /// <see cref="MacromoleculeGroup"/> for macromolecules and lipids, else <see cref="OtherGroup"/>.
    /// </summary>
    public string LineshapeGroupOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string n = name.Trim();
        return LineshapeGroups.FirstOrDefault(g => g.Members.Any(m => m.IsNamed(n)))?.Name
            ?? (KindOf(n) == MetaboliteKind.Metabolite ? OtherGroup : MacromoleculeGroup);
    }

    /// <summary>The standard code of a basis entry or pool (by name or alias), or null where PS3.16 has none the node uses.</summary>
    public CodedTerm? CodeOf(string name) => Find(name)?.Code ?? FindPool(name)?.Code;
}
