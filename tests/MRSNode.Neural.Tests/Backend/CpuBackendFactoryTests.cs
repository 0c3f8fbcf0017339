using MRSNode.Neural.Backend;
using Xunit;
using MRSNode.TestSupport;

namespace MRSNode.Neural.Tests.Backend;

[UnitTest]
public sealed class CpuBackendFactoryTests
{
    [Theory]
    [InlineData(ComputeDevice.Cpu)]
    [InlineData(ComputeDevice.Auto)]
    public void Create_CpuOrAuto_IsTheCpuWithTheThreadsAskedFor(ComputeDevice device)
    {
        using var backend = new CpuBackendFactory().Create(device, 3);
        Assert.Equal(3, Assert.IsType<CpuBackend>(backend).Parallelism);
    }

    [Fact]
    public void Create_Cuda_RefusesNamingTheBuild()
    {
        var ex = Assert.Throws<BackendNotAvailableException>(() => new CpuBackendFactory().Create(ComputeDevice.Cuda, 1));
        Assert.Equal("the CUDA backend is not in this build", ex.Message);
    }
}
