using System.Globalization;
using System.Text.Json;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[SlowTest]
public sealed class ServeCommandTests
{
    [Fact]
    public void Serve_DeviceCudaOnAMachineWithoutGpu_ExitsNonZeroWithOneLine()
    {
        var probe = JsonDocument.Parse(MrsnodeProcess.Run("device", "--json").StdOut).RootElement;
        if (probe.GetProperty("available").GetBoolean())
        {
            return; // a GPU machine serves with cuda
        }
        var data = Path.Combine(TestData.NewTempFolder(), "node");

        var r = MrsnodeProcess.Run(new Dictionary<string, string>
        {
            ["MRSNODE_Processing__Device"] = "cuda",
            ["MRSNODE_Processing__Method"] = "both",
            ["MRSNODE_Node__DataDirectory"] = data,
            ["MRSNODE_Node__Port"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["MRSNODE_Status__Port"] = "0",
        }, "serve");

        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: invalid configuration (1 problem): Processing:Device 'cuda': CUDA requested but not available: {probe.GetProperty("reason").GetString()}", line);
        Assert.Equal("", r.StdOut);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public void Serve_RoleWorkerOnTheFileSpool_ExitsNonZeroWithOneLine()
    {
        var data = Path.Combine(TestData.NewTempFolder(), "node");

        var r = MrsnodeProcess.Run(new Dictionary<string, string>
        {
            ["MRSNODE_Node__DataDirectory"] = data,
            ["MRSNODE_Status__Port"] = "0",
        }, "serve", "--role", "worker");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("error: invalid configuration (1 problem): Node:Role worker needs Queue:Kind rabbitmq (with Queue:Kind file the node runs every role: Node:Role all)",
            Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(Directory.Exists(data));
    }
}
