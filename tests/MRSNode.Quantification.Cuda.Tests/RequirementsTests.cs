using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Cuda.Tests;

/// <summary>The MRSNODE_REQUIRE_GPU switch: skip where CUDA is missing, fail instead where the run demands a GPU.</summary>
[UnitTest]
public class RequirementsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Demand_NothingMissing_ReturnsNullSoTheTestRuns(bool requireGpu) =>
        Assert.Null(Requirements.Demand(null, requireGpu));

    [Fact]
    public void Demand_MissingWithoutTheSwitch_ReturnsTheReasonToSkipWith() =>
        Assert.Equal("needs a CUDA GPU: no CUDA driver", Requirements.Demand("needs a CUDA GPU: no CUDA driver", requireGpu: false));

    [Fact]
    public void Demand_MissingWithTheSwitch_ThrowsNamingTheReasonAndTheSwitch()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Requirements.Demand("needs a CUDA GPU: no CUDA driver", requireGpu: true));
        Assert.Equal("needs a CUDA GPU: no CUDA driver and MRSNODE_REQUIRE_GPU=1", e.Message);
    }
}
