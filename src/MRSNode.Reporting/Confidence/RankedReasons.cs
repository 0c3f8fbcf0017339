namespace MRSNode.Reporting.Confidence;

/// <summary>How much a reason weighs: what makes a study not usable comes first, then what calls for review, then information.</summary>
public enum ReasonSeverity
{
    NotUsable,
    Review,
    Information,
}

/// <summary>One reason of the verdict with its weight.</summary>
public sealed record RankedReason(ReasonSeverity Severity, string Text);

/// <summary>
/// The reasons of one report, most important first (not-usable causes, review causes, information), each group in the
/// order it was added, so the verdict box, which shows the first few, shows the ones that decided the verdict.
/// </summary>
public sealed class RankedReasons
{
    private readonly List<RankedReason> _reasons = [];

    public void Add(ReasonSeverity severity, string text) => _reasons.Add(new RankedReason(severity, text));

    public void AddRange(IEnumerable<RankedReason> reasons) => _reasons.AddRange(reasons);

    public void AddRange(ReasonSeverity severity, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var text in texts)
        {
            Add(severity, text);
        }
    }

    public bool Any(ReasonSeverity severity) => _reasons.Exists(r => r.Severity == severity);

    /// <summary>The texts, most important first (a stable sort: equal weights keep their order).</summary>
    public IReadOnlyList<string> Ordered() => _reasons.OrderBy(r => r.Severity).Select(r => r.Text).ToList();
}
