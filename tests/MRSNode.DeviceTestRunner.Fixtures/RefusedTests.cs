using Xunit;

// A namespace of its own, outside the "…Fixtures." filter the runner's tests count outcomes over.
namespace MRSNode.DeviceTestRunner.RefusedFixtures;

/// <summary>A fact whose attribute refuses to be constructed, as CudaFact does with MRSNODE_REQUIRE_GPU=1 and no GPU.</summary>
public class RefusedTests
{
    [RefusingFact]
    public void Gpu_Demanded_FailsWithTheReason() => Assert.Fail("a test whose attribute refused ran");
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class RefusingFactAttribute : FactAttribute
{
    public const string Reason = "needs a CUDA GPU: no CUDA driver and MRSNODE_REQUIRE_GPU=1";

    public RefusingFactAttribute() => throw new InvalidOperationException(Reason);
}
