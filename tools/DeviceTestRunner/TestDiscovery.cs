using System.Collections;
using System.Globalization;
using System.Reflection;
using Xunit;
using Xunit.Sdk;

namespace MRSNode.DeviceTestRunner;

/// <summary>
/// One thing to run and report: a fact, one row of a theory, or a skipped fact or theory. A skipped theory is one
/// case, its rows never enumerated, as xunit reports it (so the counts agree with <c>dotnet test</c>, and member data
/// that would need the missing GPU is not touched).
/// </summary>
internal sealed record TestCase(Type Class, MethodInfo Method, object?[] Arguments, string DisplayName)
{
    /// <summary>Why the case does not run (the attribute's or data row's Skip), or null.</summary>
    public string? SkipReason { get; init; }

    /// <summary>A problem found while discovering (bad data, parameters on a fact): the case fails with it.</summary>
    public string? DiscoveryError { get; init; }
}

/// <summary>Finds xunit v2 tests the way xunit does, by reflection over the attributes.</summary>
internal static class TestDiscovery
{
    private const BindingFlags AnyMethod = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>
    /// Every case in <paramref name="assembly"/> whose "Namespace.Class.Method" contains one of the filters (all when
    /// there are none). Only exported classes, as xunit: a test in a non-public class is not run by it either.
    /// </summary>
    public static List<TestCase> Discover(Assembly assembly, IReadOnlyCollection<string> filters)
    {
        var cases = new List<TestCase>();
        var classes = assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in classes)
        {
            // In declaration order (metadata order), so a run reads like the source file.
            foreach (var method in type.GetMethods(AnyMethod).OrderBy(m => m.MetadataToken))
            {
                if (!Matches($"{type.FullName}.{method.Name}", filters))
                {
                    continue;
                }
                FactAttribute? fact;
                try
                {
                    // Reading the attribute constructs it: that is when CudaFact & co. probe the machine and set Skip.
                    fact = method.GetCustomAttribute<FactAttribute>(inherit: true);
                }
                catch (Exception e) when (method.GetCustomAttributesData().Any(IsFact))
                {
                    // The constructor refused (MRSNODE_REQUIRE_GPU=1 without a GPU): the test fails with why, as in xunit.
                    var why = (e as TargetInvocationException)?.InnerException ?? e;
                    cases.Add(new TestCase(type, method, [], $"{type.Name}.{method.Name}") { DiscoveryError = $"{why.GetType().Name}: {why.Message}" });
                    continue;
                }
                if (fact is not null)
                {
                    cases.AddRange(Expand(type, method, fact));
                }
            }
        }
        return cases;
    }

    private static bool IsFact(CustomAttributeData a) => typeof(FactAttribute).IsAssignableFrom(a.AttributeType);

    private static bool Matches(string fullName, IReadOnlyCollection<string> filters) =>
        filters.Count == 0 || filters.Any(f => fullName.Contains(f, StringComparison.Ordinal));

    private static List<TestCase> Expand(Type type, MethodInfo method, FactAttribute fact)
    {
        var name = $"{type.Name}.{method.Name}";
        if (!string.IsNullOrEmpty(fact.Skip))
        {
            return [new TestCase(type, method, [], name) { SkipReason = fact.Skip }];
        }
        if (method.IsGenericMethodDefinition)
        {
            return [new TestCase(type, method, [], name) { DiscoveryError = "generic test methods are not supported by this runner" }];
        }
        if (fact is not TheoryAttribute)
        {
            return method.GetParameters().Length == 0
                ? [new TestCase(type, method, [], name)]
                : [new TestCase(type, method, [], name) { DiscoveryError = "a [Fact] method cannot have parameters" }];
        }
        return TheoryRows(type, method, name);
    }

    private static List<TestCase> TheoryRows(Type type, MethodInfo method, string name)
    {
        var rows = new List<TestCase>();
        // DataAttribute.GetData is xunit's own expansion: InlineData's values, MemberData's static property, method
        // or field (on the declaring class or MemberType, with its parameters), ClassData.
        foreach (var data in method.GetCustomAttributes<DataAttribute>(inherit: true))
        {
            IEnumerable<object?[]> values;
            try
            {
                values = data.GetData(method).ToList();
            }
            catch (Exception e)
            {
                rows.Add(new TestCase(type, method, [], name) { DiscoveryError = $"{data.GetType().Name} failed: {e.GetType().Name}: {e.Message}" });
                continue;
            }
            foreach (var row in values)
            {
                var arguments = row ?? [];
                rows.Add(new TestCase(type, method, arguments, $"{name}({string.Join(", ", arguments.Select(Format))})")
                {
                    SkipReason = string.IsNullOrEmpty(data.Skip) ? null : data.Skip,
                });
            }
        }
        if (rows.Count == 0)
        {
            rows.Add(new TestCase(type, method, [], name) { DiscoveryError = "a [Theory] without data rows" });
        }
        return rows;
    }

    /// <summary>An argument as it reads in the source, so one row of a theory can be told from another.</summary>
    internal static string Format(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        char c => $"'{c}'",
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
