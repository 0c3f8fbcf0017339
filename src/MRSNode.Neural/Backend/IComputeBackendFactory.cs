namespace MRSNode.Neural.Backend;

/// <summary>
/// Creates the backend for a device. The host picks the implementation once (the CLI passes the ILGPU-capable
/// IlgpuBackendFactory of MRSNode.Accelerators, which this project cannot reference; tests and CPU-only tools pass
/// <see cref="CpuBackendFactory"/>) and hands it to whatever builds networks. The caller owns (disposes) what it creates.
/// </summary>
public interface IComputeBackendFactory
{
    /// <summary>The backend for <paramref name="device"/>, <paramref name="threads"/> CPU threads when it computes on the CPU; <see cref="BackendNotAvailableException"/> when the device cannot be used.</summary>
    IComputeBackend Create(ComputeDevice device, int threads);
}
