using Xunit.Sdk;

namespace MRSNode.TestSupport;

// One attribute per category so a test class reads `[UnitTest]` rather than a string; each names the discoverer
// itself because xunit 2 does not look for [TraitDiscoverer] on an attribute's base class.

/// <summary>Category Unit: in-process, fast.</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class UnitTestAttribute : Attribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Unit;
}

/// <summary>Category Interop: checks against a peer program (PeerFact and PeerTheory add it by themselves).</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class InteropTestAttribute : Attribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Interop;
}

/// <summary>Category Slow: more than about 5 s (node processes, kills and restarts, big evaluations).</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SlowTestAttribute : Attribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Slow;
}

/// <summary>Category Gpu: needs a CUDA GPU (the GpuFact/GpuTheory attributes of the accelerator tests add it by themselves).</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class GpuTestAttribute : Attribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Gpu;
}
