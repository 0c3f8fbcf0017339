using MRSNode.Neural.Backend;
using MRSNode.Quantification.Cuda.Driver;

namespace MRSNode.Quantification.Cuda;

/// <summary>
/// Picks the compute backend for "auto", "cpu" or "cuda" (config or --device). auto: the GPU when one is usable,
/// else the CPU with exactly one log line saying why; cuda: the GPU or a clear error; cpu: the CPU.
/// </summary>
public static class DeviceSelector
{
    public static IReadOnlyList<string> Choices { get; } = ["auto", "cpu", "cuda"];

    public static IComputeBackend Create(string device, int? cpuThreads = null, Action<string>? log = null) =>
        Create(device, cpuThreads, log, CudaDiscovery.Probe, () => new CudaBackend());

    /// <summary>Makes ComputeBackends.Create("auto"/"cuda") (training runs, the service) use this selector.</summary>
    public static void Register(Action<string>? log = null) =>
        ComputeBackends.RegisterGpu((name, threads) => Create(name, threads, log));

    /// <summary>The selection with the probe and the GPU backend's constructor injected (tests cover every branch without a GPU).</summary>
    internal static IComputeBackend Create(string device, int? cpuThreads, Action<string>? log, Func<CudaProbeResult> probe, Func<IComputeBackend> cuda)
    {
        ArgumentNullException.ThrowIfNull(device);
        IComputeBackend Cpu() => new CpuBackend(cpuThreads ?? Environment.ProcessorCount);
        switch (device.Trim().ToLowerInvariant())
        {
            case "cpu":
                return Cpu();
            case "cuda":
            {
                var p = probe();
                if (!p.Available)
                {
                    throw new BackendNotAvailableException($"CUDA requested but not available: {p.Reason}");
                }
                return cuda();
            }
            case "auto":
            {
                var p = probe();
                if (!p.Available)
                {
                    log?.Invoke($"compute: no GPU, computing on the CPU ({p.Reason})");
                    return Cpu();
                }
                try
                {
                    var gpu = cuda();
                    log?.Invoke($"compute: {(gpu is CudaBackend c ? c.Description : gpu.Name)}");
                    return gpu;
                }
                catch (Exception ex) when (ex is CudaException or BackendNotAvailableException)
                {
                    log?.Invoke($"compute: the CUDA backend did not start, computing on the CPU ({ex.Message})");
                    return Cpu();
                }
            }
            default:
                throw new BackendNotAvailableException($"unknown compute device '{device}': use {string.Join(", ", Choices)}");
        }
    }
}
