namespace MRSNode.Neural.Backend;

/// <summary>The devices by the names configuration and command lines use ("auto", "cpu", "cuda").</summary>
public static class ComputeDevices
{
    public static IReadOnlyList<string> Names { get; } = ["auto", "cpu", "cuda"];

    /// <summary>The device a name gives (case and surrounding blanks ignored); <see cref="BackendNotAvailableException"/> for any other name.</summary>
    public static ComputeDevice Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "auto" => ComputeDevice.Auto,
            "cpu" => ComputeDevice.Cpu,
            "cuda" => ComputeDevice.Cuda,
            _ => throw new BackendNotAvailableException($"unknown compute device '{name}': use {string.Join(", ", Names)}"),
        };
    }
}
