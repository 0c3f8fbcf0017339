using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>Issue 25 finding 7: a second node on the live node's DataDirectory must refuse to start, not recover the first one's work.</summary>
[SlowTest]
public sealed class SecondNodeTests
{
    private static readonly string _mrsnode = Path.Combine(AppContext.BaseDirectory, "mrsnode.dll");

    [Fact]
    public async Task Start_SecondNodeInProcessOnTheSameData_RefusedAndTheFirstKeepsItsIntake()
    {
        await using var first = await TestNode.StartAsync();
        var inFlight = Path.Combine(first.DataDirectory, "intake", ".received", "1.2.3.dcm");
        File.WriteAllBytes(inFlight, [1, 2, 3]); // what the second node's recovery would have filed away

        var ex = await Assert.ThrowsAsync<DataDirectoryInUseException>(() => TestNode.StartAsync(data: first.DataDirectory));

        Assert.Contains(first.DataDirectory, ex.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(inFlight));
    }

    [Fact]
    public async Task Serve_SecondProcessOnTheSameData_ExitsNonZeroAndAfterSigkillARestartListens()
    {
        var data = TestData.NewTempFolder();
        var (config, port) = WriteConfig(data);
        using var first = Serve(config);
        try
        {
            Assert.True(await Ports.WaitListening(port), "the first node did not listen");
            var (secondExit, secondStdErr) = await RunToExit(config);

            Assert.Equal(1, secondExit);
            Assert.Contains("in use by another mrsnode process", secondStdErr, StringComparison.Ordinal);
            Assert.True(await Ports.WaitListening(port), "the first node stopped listening");
        }
        finally
        {
            first.Kill(entireProcessTree: true); // SIGKILL: the lock is released by the OS only
            await first.WaitForExitAsync();
        }

        using var restarted = Serve(config);
        try
        {
            Assert.True(await Ports.WaitListening(port), "the restart after kill -9 did not listen");
            Assert.False(restarted.HasExited);
        }
        finally
        {
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
        }
    }

    private static (string Config, int Port) WriteConfig(string data)
    {
        int port = Ports.Free();
        var config = Path.Combine(data, "node.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Node = new { DataDirectory = Path.Combine(data, "node"), Port = port, ListenAddress = "127.0.0.1" },
            Processing = new { Workers = 1, Method = "lcm" },
            Status = new { Port = 0 },
        }));
        return (config, port);
    }

    private static Process Serve(string config) => Peers.StartBackground("dotnet", [_mrsnode, "serve", "--config", config]);

    private static async Task<(int ExitCode, string StdErr)> RunToExit(string config)
    {
        var result = await Task.Run(() => Peers.Run("dotnet", [_mrsnode, "serve", "--config", config], TimeSpan.FromSeconds(60)));
        return (result.ExitCode, result.StdErr);
    }
}
