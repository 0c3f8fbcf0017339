using MRSNode.Accelerators.Devices;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Accelerators.Tests.Devices;

[UnitTest]
public class AcceleratorDiscoveryTests
{
    [Fact]
    public void Discover_AnyMachine_ListsTheCpuAcceleratorAndAReasonForEachMissingGpuKind()
    {
        var inventory = AcceleratorDiscovery.Discover();
        var cpu = Assert.Single(inventory.Devices, d => d.Kind == AcceleratorKind.Cpu);
        Assert.Equal(0, cpu.Ordinal);
        Assert.Equal(inventory.FirstOf(AcceleratorKind.Cuda) is null, inventory.CudaReason is not null);
        Assert.Equal(inventory.FirstOf(AcceleratorKind.OpenCL) is null, inventory.OpenClReason is not null);
    }

    [Fact]
    public void Describe_Device_NamesKindNameAndGibibytes()
    {
        Assert.Equal("CUDA: NVIDIA H200, 139.7 GiB (#0)", new AcceleratorDevice(AcceleratorKind.Cuda, 0, "NVIDIA H200", 150_000_000_000).ToString());
    }
}
