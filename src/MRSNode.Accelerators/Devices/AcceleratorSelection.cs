using MRSNode.Neural.Backend;

namespace MRSNode.Accelerators.Devices;

/// <summary>
/// The user's device choice (<c>--device</c>, <c>Processing:Device</c>) turned into an accelerator, with the node's
/// semantics: <c>auto</c> → the GPU when one is usable, else the CPU with exactly one log line saying why;
/// <c>cuda</c> → a CUDA device or <see cref="BackendNotAvailableException"/> with the reason (a start-up refusal);
/// <c>cpu</c> → the CPU, without probing. Discovery runs once per instance, on first use.
/// </summary>
public sealed class AcceleratorSelection
{
    private readonly Action<string>? _log;
    private readonly Lazy<AcceleratorInventory> _inventory;
    private readonly Func<AcceleratorDevice, AcceleratorSession> _open;
    private int _fallbackLogged;

    /// <param name="log">Where auto's one line goes (the CLI: stderr).</param>
    public AcceleratorSelection(Action<string>? log = null)
        : this(log, AcceleratorDiscovery.Discover, AcceleratorSession.Create)
    {
    }

    /// <summary>Discovery and the session constructor injected, so tests cover every branch without a GPU.</summary>
    internal AcceleratorSelection(Action<string>? log, Func<AcceleratorInventory> discover, Func<AcceleratorDevice, AcceleratorSession> open)
    {
        _log = log;
        _inventory = new Lazy<AcceleratorInventory>(discover, LazyThreadSafetyMode.ExecutionAndPublication);
        _open = open;
    }

    public AcceleratorInventory Inventory => _inventory.Value;

    /// <summary>
    /// A session on the GPU <paramref name="device"/> asks for, or null when the work belongs on the CPU (cpu, or auto
    /// without a usable GPU: then the one log line).
    /// </summary>
    public AcceleratorSession? OpenGpu(ComputeDevice device)
    {
        switch (device)
        {
            case ComputeDevice.Cpu:
                return null;
            case ComputeDevice.Cuda:
            {
                var cuda = Inventory.FirstOf(AcceleratorKind.Cuda)
                    ?? throw new BackendNotAvailableException($"CUDA requested but not available: {Inventory.CudaReason}");
                try
                {
                    return _open(cuda);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    throw new BackendNotAvailableException($"CUDA requested but {cuda.Name} did not start: {ex.Message}", ex);
                }
            }
            case ComputeDevice.Auto:
            {
                var gpu = Inventory.PreferredGpu;
                if (gpu is null)
                {
                    LogFallback($"compute: no GPU, computing on the CPU ({Inventory.NoGpuReason})");
                    return null;
                }
                try
                {
                    var session = _open(gpu);
                    _log?.Invoke($"compute: {session.Description}");
                    return session;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogFallback($"compute: {gpu.Name} did not start, computing on the CPU ({ex.Message})");
                    return null;
                }
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(device), device, null);
        }
    }

    /// <summary>For kernels that also run on the CPU accelerator (the batched fit): the GPU session, else the CPU accelerator.</summary>
    public AcceleratorSession Open(ComputeDevice device) => OpenGpu(device) ?? AcceleratorSession.CreateCpu();

    // One line per process, however many components ask.
    private void LogFallback(string line)
    {
        if (Interlocked.Exchange(ref _fallbackLogged, 1) == 0)
        {
            _log?.Invoke(line);
        }
    }
}
