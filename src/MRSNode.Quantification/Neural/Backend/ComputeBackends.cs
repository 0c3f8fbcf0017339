namespace MRSNode.Quantification.Neural.Backend;

/// <summary>A backend was asked for that this build or machine does not have.</summary>
public sealed class BackendNotAvailableException(string message) : Exception(message);

/// <summary>Backends by name ("cpu", "cuda").</summary>
public static class ComputeBackends
{
    public static IComputeBackend Create(string name, int? parallelism = null) => name.ToLowerInvariant() switch
    {
        "cpu" => new CpuBackend(parallelism ?? Environment.ProcessorCount),
        "cuda" => throw new BackendNotAvailableException("the CUDA backend is not in this build"),
        _ => throw new BackendNotAvailableException($"unknown compute backend '{name}': use cpu or cuda"),
    };
}
