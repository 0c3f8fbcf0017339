using MRSNode.Quantification.Cuda.Driver;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Sdk;

namespace MRSNode.Quantification.Cuda.Tests;

/// <summary>
/// Why a test cannot run here, or null when it can. With MRSNODE_REQUIRE_GPU=1 (the run on a GPU machine) a missing
/// GPU, driver, NVRTC or cuBLAS fails the test instead of skipping it, as MRSNODE_REQUIRE_PEERS=1 does for peers.
/// </summary>
internal static class Requirements
{
    public const string RequireGpuVariable = "MRSNODE_REQUIRE_GPU";

    public static string? NoGpu => Demand(CudaDiscovery.Probe() is { Available: false } p
        ? $"needs a CUDA GPU: {p.Reason}"
        : null);

    public static string? HasGpu => CudaDiscovery.Probe().Available
        ? "this machine has a CUDA GPU; the test checks the no-GPU path"
        : null;

    public static string? NoNvrtc => Demand(Nvrtc.TryGet(out var reason) is null ? $"needs NVRTC: {reason}" : null);

    public static string? NoDriverLibrary => Demand(CudaDriver.TryGet(out var reason) is null ? $"needs the CUDA driver library: {reason}" : null);

    public static string? NoCublasLibrary => Demand(Cublas.TryGet(out var reason) is null ? $"needs cuBLAS: {reason}" : null);

    /// <summary>The skip reason, or a failure (an exception) when <paramref name="requireGpu"/>.</summary>
    internal static string? Demand(string? missing, bool requireGpu) => Requirement.SkipReason(missing, RequireGpuVariable, requireGpu);

    private static string? Demand(string? missing) => Demand(missing, Requirement.IsDemanded(RequireGpuVariable));
}

/// <summary>A fact that runs on a CUDA GPU; skipped, with the probe's reason, elsewhere (CI). Category Gpu, as every attribute here that needs CUDA.</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class CudaFactAttribute : FactAttribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Gpu;

    public CudaFactAttribute() => Skip = Requirements.NoGpu;
}

[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class CudaTheoryAttribute : TheoryAttribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Gpu;

    public CudaTheoryAttribute() => Skip = Requirements.NoGpu;
}

/// <summary>A fact about the no-GPU path; skipped on a machine that has a GPU.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NoCudaFactAttribute : FactAttribute
{
    public NoCudaFactAttribute() => Skip = Requirements.HasGpu;
}

/// <summary>Needs NVRTC (the CUDA toolkit's runtime compiler; no GPU needed).</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class NvrtcFactAttribute : FactAttribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Gpu;

    public NvrtcFactAttribute() => Skip = Requirements.NoNvrtc;
}

/// <summary>Needs libcuda (the driver library; no GPU needed).</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class CudaDriverLibraryFactAttribute : FactAttribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Gpu;

    public CudaDriverLibraryFactAttribute() => Skip = Requirements.NoDriverLibrary;
}

/// <summary>Needs libcublas (no GPU needed to resolve its entry points).</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class CublasLibraryFactAttribute : FactAttribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Gpu;

    public CublasLibraryFactAttribute() => Skip = Requirements.NoCublasLibrary;
}
