using MRSNode.Accelerators.Devices;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Sdk;

namespace MRSNode.Accelerators.Tests;

/// <summary>
/// Why a GPU test cannot run here (null when a CUDA device is present). With MRSNODE_REQUIRE_GPU=1 (the run on a GPU
/// machine) a missing GPU fails the test instead of skipping it, as MRSNODE_REQUIRE_PEERS=1 does for peers.
/// </summary>
internal static class GpuRequirement
{
    public const string Variable = "MRSNODE_REQUIRE_GPU";

    // Discovery once per test run: it creates an ILGPU context and probes the drivers.
    private static readonly Lazy<AcceleratorInventory> Inventory = new(AcceleratorDiscovery.Discover);

    public static AcceleratorDevice? Cuda => Inventory.Value.FirstOf(AcceleratorKind.Cuda);

    public static string? SkipReason => Requirement.SkipReason(Cuda is null ? $"needs a CUDA GPU: {Inventory.Value.CudaReason}" : null, Variable, Requirement.IsDemanded(Variable));
}

/// <summary>A theory that runs on a CUDA GPU through ILGPU; skipped with the reason elsewhere (CI). Category Gpu.</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class GpuTheoryAttribute : TheoryAttribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Gpu;

    public GpuTheoryAttribute() => Skip = GpuRequirement.SkipReason;
}

/// <summary>A fact that runs on a CUDA GPU through ILGPU; skipped with the reason elsewhere (CI). Category Gpu.</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class GpuFactAttribute : FactAttribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Gpu;

    public GpuFactAttribute() => Skip = GpuRequirement.SkipReason;
}
