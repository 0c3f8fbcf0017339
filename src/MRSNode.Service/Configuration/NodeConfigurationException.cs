namespace MRSNode.Service.Configuration;

/// <summary>The configuration cannot run a node; the message names every problem by its key, on one line.</summary>
public sealed class NodeConfigurationException : Exception
{
    public NodeConfigurationException(IReadOnlyList<string> problems)
        : base($"invalid configuration ({problems?.Count ?? 0} problem{(problems?.Count == 1 ? "" : "s")}): {string.Join("; ", problems ?? [])}") =>
        Problems = problems ?? [];

    public NodeConfigurationException() : this(["unknown problem"]) { }
    public NodeConfigurationException(string message) : this([message]) { }
    public NodeConfigurationException(string message, Exception inner) : base(message, inner) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}
