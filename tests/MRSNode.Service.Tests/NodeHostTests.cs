using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MRSNode.Service.Configuration;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

[SlowTest]
public sealed class NodeHostTests
{
    [Fact]
    public void Build_DeviceCudaWithoutGpu_RefusesWithOneLine()
    {
        var data = Path.Combine(TestData.NewTempFolder(), "node");
        var settings = TestNode.Settings(data);
        settings["Processing:Method"] = "both";
        settings["Processing:Device"] = "cuda";
        var noGpu = new RecordingBackendFactory { CudaRefusal = "CUDA requested but not available: no CUDA driver (libcuda.so.1, libcuda.so not found)" };

        var ex = Assert.Throws<NodeConfigurationException>(() => NodeHost.Build(NodeHost.BuildConfiguration(null, settings), noGpu));

        Assert.Equal("invalid configuration (1 problem): Processing:Device 'cuda': CUDA requested but not available: no CUDA driver (libcuda.so.1, libcuda.so not found)", ex.Message);
        Assert.Empty(noGpu.Created);
        Assert.False(Directory.Exists(data));
        var port = int.Parse(settings["Node:Port"]!, CultureInfo.InvariantCulture);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start(); // the SCP never bound it
        Assert.Equal(port, ((IPEndPoint)listener.LocalEndpoint).Port);
    }

    [Fact]
    public async Task Build_TwoWorkersOnAuto_DecidesTheDeviceOnceAndTheHostDisposesBothBackends()
    {
        var settings = TestNode.Settings(TestData.NewTempFolder());
        settings["Processing:Method"] = "both";
        settings["Processing:Device"] = "auto";
        settings["Processing:Workers"] = "2";
        var backends = new RecordingBackendFactory { AutoResolvesTo = "cuda" };

        using (var host = NodeHost.Build(NodeHost.BuildConfiguration(null, settings), backends))
        {
            await host.StartAsync();
            await host.StopAsync();
            Assert.All(backends.Created, b => Assert.Equal(0, b.Disposals));
        }

        Assert.Equal([(Neural.Backend.ComputeDevice.Auto, 1), (Neural.Backend.ComputeDevice.Cuda, 1)], backends.Requests);
        Assert.Equal([1, 1], backends.Created.Select(b => b.Disposals));
    }
}
