using MRSNode.Neural.Backend;
using MRSNode.Quantification.Cuda.Driver;

namespace MRSNode.Quantification.Cuda;

/// <summary>
/// The CUDA-capable backend factory (the CLI gives it to the node, quantify and train). auto: the GPU when one is
/// usable, else the CPU with exactly one log line saying why; cuda: the GPU, or <see cref="BackendNotAvailableException"/>
/// saying why not; cpu: the CPU, without probing.
/// </summary>
public sealed class DeviceSelector : IComputeBackendFactory
{
    private readonly Action<string>? _log;
    private readonly Func<CudaProbeResult> _probe;
    private readonly Func<IComputeBackend> _cuda;

    /// <param name="log">Where auto's one line goes (the CLI: stderr).</param>
    public DeviceSelector(Action<string>? log = null)
        : this(log, CudaDiscovery.Probe, () => new CudaBackend())
    {
    }

    /// <summary>The selection with the probe and the GPU backend's constructor injected (tests cover every branch without a GPU).</summary>
    internal DeviceSelector(Action<string>? log, Func<CudaProbeResult> probe, Func<IComputeBackend> cuda)
    {
        _log = log;
        _probe = probe;
        _cuda = cuda;
    }

    public IComputeBackend Create(ComputeDevice device, int threads)
    {
        switch (device)
        {
            case ComputeDevice.Cpu:
                return new CpuBackend(threads);
            case ComputeDevice.Cuda:
            {
                var p = _probe();
                if (!p.Available)
                {
                    throw new BackendNotAvailableException($"CUDA requested but not available: {p.Reason}");
                }
                try
                {
                    return _cuda();
                }
                catch (CudaException ex)
                {
                    throw new BackendNotAvailableException($"CUDA requested but the backend did not start: {ex.Message}", ex);
                }
            }
            case ComputeDevice.Auto:
            {
                var p = _probe();
                if (!p.Available)
                {
                    _log?.Invoke($"compute: no GPU, computing on the CPU ({p.Reason})");
                    return new CpuBackend(threads);
                }
                try
                {
                    var gpu = _cuda();
                    _log?.Invoke($"compute: {(gpu is CudaBackend c ? c.Description : gpu.Name)}");
                    return gpu;
                }
                catch (Exception ex) when (ex is CudaException or BackendNotAvailableException)
                {
                    _log?.Invoke($"compute: the CUDA backend did not start, computing on the CPU ({ex.Message})");
                    return new CpuBackend(threads);
                }
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(device), device, null);
        }
    }
}
