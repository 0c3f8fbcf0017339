namespace MRSNode.TestSupport;

/// <summary>
/// What a test does when something it needs (a peer program, a GPU) is missing: skip with the reason, or, where the
/// run demands it through an environment switch (MRSNODE_REQUIRE_PEERS=1 on CI, MRSNODE_REQUIRE_GPU=1 on a GPU
/// machine), fail, so a run that was meant to check something cannot pass by skipping it.
/// </summary>
public static class Requirement
{
    /// <summary>True when <paramref name="variable"/> is set to 1.</summary>
    public static bool IsDemanded(string variable) => Environment.GetEnvironmentVariable(variable) == "1";

    /// <summary>
    /// The skip reason (null when nothing is missing); throws when <paramref name="demanded"/>. Called from a test
    /// attribute's constructor: xunit reports the exception as a failed test.
    /// </summary>
    public static string? SkipReason(string? missing, string variable, bool demanded) =>
        missing is not null && demanded ? throw new InvalidOperationException($"{missing} and {variable}=1") : missing;
}
