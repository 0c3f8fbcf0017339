using MRSNode.Neural.Backend;
using Xunit;
using MRSNode.TestSupport;

namespace MRSNode.Neural.Tests.Backend;

[UnitTest]
public sealed class ComputeDevicesTests
{
    [Theory]
    [InlineData("auto", ComputeDevice.Auto)]
    [InlineData(" CPU ", ComputeDevice.Cpu)]
    [InlineData("Cuda", ComputeDevice.Cuda)]
    public void Parse_KnownNameAnyCase_GivesTheDevice(string name, ComputeDevice expected) =>
        Assert.Equal(expected, ComputeDevices.Parse(name));

    [Fact]
    public void Parse_UnknownName_ThrowsListingTheChoices()
    {
        var ex = Assert.Throws<BackendNotAvailableException>(() => ComputeDevices.Parse("tpu"));
        Assert.Equal("unknown compute device 'tpu': use auto, cpu, cuda", ex.Message);
    }

    [Fact]
    public void Names_EveryOne_ParsesToItsDeviceInEnumOrder() =>
        Assert.Equal([ComputeDevice.Auto, ComputeDevice.Cpu, ComputeDevice.Cuda], ComputeDevices.Names.Select(ComputeDevices.Parse));
}
