using MRSNode.Quantification.Cuda.Driver;
using Xunit;

namespace MRSNode.Quantification.Cuda.Tests;

/// <summary>Why a test cannot run here, or null when it can.</summary>
internal static class Requirements
{
    public static string? NoGpu => CudaDiscovery.Probe() is { Available: false } p
        ? $"needs a CUDA GPU: {p.Reason}"
        : null;

    public static string? HasGpu => CudaDiscovery.Probe().Available
        ? "this machine has a CUDA GPU; the test checks the no-GPU path"
        : null;

    public static string? NoNvrtc => Nvrtc.TryGet(out var reason) is null ? $"needs NVRTC: {reason}" : null;

    public static string? NoDriverLibrary => CudaDriver.TryGet(out var reason) is null ? $"needs the CUDA driver library: {reason}" : null;

    public static string? NoCublasLibrary => Cublas.TryGet(out var reason) is null ? $"needs cuBLAS: {reason}" : null;
}

/// <summary>A fact that runs on a CUDA GPU; skipped, with the probe's reason, elsewhere (CI).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute() => Skip = Requirements.NoGpu;
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class CudaTheoryAttribute : TheoryAttribute
{
    public CudaTheoryAttribute() => Skip = Requirements.NoGpu;
}

/// <summary>A fact about the no-GPU path; skipped on a machine that has a GPU.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NoCudaFactAttribute : FactAttribute
{
    public NoCudaFactAttribute() => Skip = Requirements.HasGpu;
}

/// <summary>Needs NVRTC (the CUDA toolkit's runtime compiler; no GPU needed).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NvrtcFactAttribute : FactAttribute
{
    public NvrtcFactAttribute() => Skip = Requirements.NoNvrtc;
}

/// <summary>Needs libcuda (the driver library; no GPU needed).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CudaDriverLibraryFactAttribute : FactAttribute
{
    public CudaDriverLibraryFactAttribute() => Skip = Requirements.NoDriverLibrary;
}

/// <summary>Needs libcublas (no GPU needed to resolve its entry points).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CublasLibraryFactAttribute : FactAttribute
{
    public CublasLibraryFactAttribute() => Skip = Requirements.NoCublasLibrary;
}
