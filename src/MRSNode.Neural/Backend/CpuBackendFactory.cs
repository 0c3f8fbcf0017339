namespace MRSNode.Neural.Backend;

/// <summary>The factory of a build without a GPU backend: cpu and auto compute on the CPU, cuda is refused.</summary>
public sealed class CpuBackendFactory : IComputeBackendFactory
{
    public IComputeBackend Create(ComputeDevice device, int threads) => device switch
    {
        ComputeDevice.Cpu or ComputeDevice.Auto => new CpuBackend(threads),
        ComputeDevice.Cuda => throw new BackendNotAvailableException("the CUDA backend is not in this build"),
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, null),
    };
}
