using MRSNode.Quantification.Results;

namespace MRSNode.Pipeline;

/// <summary>Which methods a job asks for: one, or both (every installed one; a missing one is named in the reasons).</summary>
public enum MethodSelection
{
    Lcm,
    Neural,
    Both,
}

/// <summary>The words of <see cref="MethodSelection"/> (the CLI's --method, the node's Processing:Method).</summary>
public static class MethodSelections
{
    public static IReadOnlyList<string> Names { get; } = ["lcm", "neural", "both"];

    /// <summary>The selection a word names (case-insensitive); throws naming the choices otherwise.</summary>
    public static MethodSelection Parse(string name) => TryParse(name) ?? throw new ArgumentException($"unknown method '{name}': use lcm, neural or both", nameof(name));

    public static MethodSelection? TryParse(string? name) => name?.ToUpperInvariant() switch
    {
        "LCM" => MethodSelection.Lcm,
        "NEURAL" => MethodSelection.Neural,
        "BOTH" => MethodSelection.Both,
        _ => null,
    };

    /// <summary>The methods the selection runs, the primary first.</summary>
    public static IReadOnlyList<MethodKind> Methods(this MethodSelection selection) => selection switch
    {
        MethodSelection.Lcm => [MethodKind.Lcm],
        MethodSelection.Neural => [MethodKind.Neural],
        MethodSelection.Both => [MethodKind.Lcm, MethodKind.Neural],
        _ => throw new ArgumentOutOfRangeException(nameof(selection), selection, null),
    };
}
