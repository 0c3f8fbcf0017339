namespace MRSNode.Service.Configuration;

/// <summary>What one node process does (Node:Role); <see cref="All"/> is the single-machine node.</summary>
public enum NodeRole
{
    /// <summary>Receive, quantify and send in one process, through the local job spool.</summary>
    All,
    /// <summary>SCP and study assembly; forwards each job to the shared store and the jobs queue.</summary>
    Intake,
    /// <summary>Consumes the jobs queue, quantifies and renders; outputs to the shared store and the exports queue.</summary>
    Worker,
    /// <summary>Consumes the exports queue and sends the outputs to the destinations.</summary>
    Export,
}

public static class NodeRoles
{
    public static readonly IReadOnlyList<string> Names = ["all", "intake", "worker", "export"];

    public static NodeRole? TryParse(string? name) => name?.ToLowerInvariant() switch
    {
        "all" => NodeRole.All,
        "intake" => NodeRole.Intake,
        "worker" => NodeRole.Worker,
        "export" => NodeRole.Export,
        _ => null,
    };

    /// <summary>The role of valid options (the validator has checked <see cref="NodeSection.Role"/>).</summary>
    public static NodeRole Of(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TryParse(options.Node.Role) ?? throw new InvalidOperationException($"Node:Role '{options.Node.Role}' was not validated");
    }

    /// <summary>True with Queue:Kind rabbitmq: the node is one role of a scaled-out deployment.</summary>
    public static bool UsesBroker(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Equals(options.Queue.Kind, "rabbitmq", StringComparison.OrdinalIgnoreCase);
    }
}
