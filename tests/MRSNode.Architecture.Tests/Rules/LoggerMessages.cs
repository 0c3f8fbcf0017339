using System.Reflection;
using Microsoft.Extensions.Logging;

namespace MRSNode.Architecture.Tests.Rules;

/// <summary>One [LoggerMessage] method: where it is and the EventId it logs with.</summary>
internal sealed record LoggerMessageSite(string Type, string? Namespace, string Method, int EventId)
{
    public override string ToString() => $"{Type}.{Method} (EventId {EventId})";
}

/// <summary>Finds the [LoggerMessage] methods of assemblies and checks their EventIds against the ranges.</summary>
internal static class LoggerMessages
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<LoggerMessageSite> In(Assembly assembly) =>
    [
        .. from t in assembly.GetTypes()
           from m in t.GetMethods(Declared)
           let a = m.GetCustomAttribute<LoggerMessageAttribute>()
           where a is not null
           select new LoggerMessageSite(t.FullName!, t.Namespace, m.Name, a.EventId),
    ];

    /// <summary>Every site without an EventId, outside its component's range or sharing its EventId with another.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<LoggerMessageSite> sites, Func<string?, LogEventIdRanges.Range?> rangeOf)
    {
        var violations = new List<string>();
        foreach (var site in sites)
        {
            var range = rangeOf(site.Namespace);
            if (range is null)
            {
                violations.Add($"{site}: no EventId range for the namespace {site.Namespace} (add one to LogEventIdRanges)");
            }
            else if (site.EventId <= 0)
            {
                violations.Add($"{site}: no EventId; its component's range is {range}");
            }
            else if (!range.Contains(site.EventId))
            {
                violations.Add($"{site}: outside its component's range {range}");
            }
        }
        violations.AddRange(sites.GroupBy(s => s.EventId).Where(g => g.Count() > 1)
            .Select(g => $"EventId {g.Key} is used by {g.Count()} messages: {string.Join(", ", g.Select(s => $"{s.Type}.{s.Method}"))}"));
        return violations;
    }
}
