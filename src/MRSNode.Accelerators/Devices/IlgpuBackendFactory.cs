using MRSNode.Accelerators.Neural;
using MRSNode.Neural.Backend;

namespace MRSNode.Accelerators.Devices;

/// <summary>
/// The backend factory of the CLI (serve, quantify, train, the benches): <see cref="IlgpuBackend"/> on the GPU the
/// <see cref="AcceleratorSelection"/> opens, else <see cref="CpuBackend"/> (SIMD host code, faster on the CPU than
/// ILGPU's CPU accelerator, which exists to run the kernels in tests).
/// </summary>
public sealed class IlgpuBackendFactory(AcceleratorSelection selection) : IComputeBackendFactory
{
    public IComputeBackend Create(ComputeDevice device, int threads)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var session = selection.OpenGpu(device);
        return session is null ? new CpuBackend(threads) : new IlgpuBackend(session, ownsSession: true);
    }
}
