namespace MRSNode.Neural.Backend;

/// <summary>A backend was asked for that this build or machine does not have.</summary>
public sealed class BackendNotAvailableException(string message) : Exception(message);

/// <summary>Backends by name ("auto", "cpu", "cuda").</summary>
public static class ComputeBackends
{
    private static Func<string, int?, IComputeBackend>? s_gpu;

    /// <summary>
    /// A host that links a GPU backend (the CLI links MRSNode.Quantification.Cuda) registers its selector here, which
    /// then answers "auto" and "cuda": this project cannot reference the GPU project (it references this one).
    /// </summary>
    public static void RegisterGpu(Func<string, int?, IComputeBackend> selector) => s_gpu = selector;

    public static IComputeBackend Create(string name, int? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.ToLowerInvariant();
        return key switch
        {
            "cpu" => new CpuBackend(parallelism ?? Environment.ProcessorCount),
            "cuda" or "auto" when s_gpu is not null => s_gpu(key, parallelism),
            "cuda" => throw new BackendNotAvailableException("the CUDA backend is not in this build"),
            "auto" => new CpuBackend(parallelism ?? Environment.ProcessorCount),
            _ => throw new BackendNotAvailableException($"unknown compute backend '{name}': use auto, cpu or cuda"),
        };
    }
}
