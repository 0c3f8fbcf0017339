using System.Reflection;
using NetArchTest.Rules;

namespace MRSNode.Architecture.Tests.Rules;

/// <summary>What one used-types check looked at (both counts must be above zero for it to mean anything) and found.</summary>
internal sealed record UsedTypesCheck(int SubjectTypes, int ForbiddenTypes, IReadOnlyList<string> Violations);

/// <summary>
/// Checks the rules of <see cref="ProjectGraph"/> at three levels: the ProjectReferences a project file names, the
/// assemblies the compiled assembly references, and the types its code uses (signatures and method bodies, read
/// by NetArchTest from the IL). Each check returns its violations as sentences naming both sides.
/// </summary>
internal static class DependencyChecker
{
    /// <summary>Project references (project → referenced MRSNode projects) against the allowed table.</summary>
    public static IReadOnlyList<string> CheckProjectReferences(
        IReadOnlyDictionary<string, IReadOnlyList<string>> references, IReadOnlyDictionary<string, string[]> allowed)
    {
        var violations = new List<string>();
        foreach (var (project, referenced) in references.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!allowed.TryGetValue(project, out var permitted))
            {
                violations.Add($"{project} has no row in the rules (ProjectGraph.AllowedReferences)");
                continue;
            }
            violations.AddRange(referenced
                .Where(r => !permitted.Contains(r))
                .Select(r => $"{project} references {r}, which it may not (allowed: {Names(permitted)})"));
        }
        return violations;
    }

    /// <summary>The assemblies a compiled assembly references (only what its code uses) against the forbidden ones.</summary>
    public static IReadOnlyList<string> CheckAssemblyReferences(string subject, IEnumerable<string> referencedAssemblies, IEnumerable<string> forbiddenAssemblies)
    {
        var forbidden = forbiddenAssemblies.ToHashSet(StringComparer.Ordinal);
        return
        [
            .. referencedAssemblies.Where(forbidden.Contains).Order(StringComparer.Ordinal)
                .Select(r => $"{subject} references the assembly {r}, which it may not"),
        ];
    }

    /// <summary>
    /// The types of <paramref name="subject"/> in <paramref name="subjectNamespace"/> (a prefix: all of ours by
    /// default) that use a type of <paramref name="forbidden"/>.
    /// </summary>
    public static UsedTypesCheck CheckUsedTypes(Assembly subject, Assembly forbidden, string subjectNamespace = "MRSNode")
    {
        // Top-level type names: NetArchTest matches a dependency by name prefix, so nested types are covered too.
        string[] forbiddenTypes =
        [
            .. forbidden.GetTypes().Where(t => !t.IsNested && t.Namespace is not null && !t.Name.StartsWith('<')).Select(t => t.FullName!),
        ];
        var types = Types.InAssembly(subject).That().ResideInNamespace(subjectNamespace);
        int subjectTypes = types.GetTypes().Count();
        var result = types.ShouldNot().HaveDependencyOnAny(forbiddenTypes).GetResult();
        var name = forbidden.GetName().Name;
        return new UsedTypesCheck(subjectTypes, forbiddenTypes.Length,
            [.. (result.FailingTypeNames ?? []).Order(StringComparer.Ordinal).Select(t => $"{t} uses types of {name}")]);
    }

    private static string Names(string[] projects) => projects.Length == 0 ? "no MRSNode project" : string.Join(", ", projects);
}
