using Xunit;

namespace MRSNode.Architecture.Tests.Rules;

internal static class Violations
{
    /// <summary>Fails listing every violation in full (Assert.Empty would cut the sentences short).</summary>
    public static void AssertNone(IReadOnlyList<string> violations) =>
        Assert.True(violations.Count == 0, $"{violations.Count} violation(s):\n" + string.Join("\n", violations));
}
