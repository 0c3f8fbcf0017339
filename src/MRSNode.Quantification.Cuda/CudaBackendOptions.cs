namespace MRSNode.Quantification.Cuda;

/// <summary>How a <see cref="CudaBackend"/> starts.</summary>
public sealed record CudaBackendOptions
{
    /// <summary>Which GPU (cuDeviceGet ordinal).</summary>
    public int Device { get; init; }

    /// <summary>Use cuBLAS for GEMM when it loads (false: always the own tiled kernel, e.g. to test it).</summary>
    public bool UseCublas { get; init; } = true;
}
