using System.Text.Json;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[UnitTest]
public class DeviceCommandTests
{
    [Fact]
    public void Device_Json_ListsTheCpuAcceleratorAndSaysWhetherCudaIsThere()
    {
        var r = MrsnodeProcess.Run("device", "--json");

        Assert.True(r.ExitCode == 0, r.StdErr);
        var json = JsonDocument.Parse(r.StdOut).RootElement;
        Assert.Equal(json.GetProperty("available").GetBoolean(), json.GetProperty("devices").GetArrayLength() > 0);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("reason").GetString()));
        var cpu = Assert.Single(json.GetProperty("accelerators").EnumerateArray(), a => a.GetProperty("kind").GetString() == "CPU accelerator");
        Assert.Equal(0, cpu.GetProperty("ordinal").GetInt32());
    }

    [Fact]
    public void Device_CheckCuda_RunsOnTheGpuOrRefusesWithTheReason()
    {
        var probe = JsonDocument.Parse(MrsnodeProcess.Run("device", "--json").StdOut).RootElement;

        var r = MrsnodeProcess.Run("device", "--check", "--accelerator", "cuda", "--json");

        if (probe.GetProperty("available").GetBoolean())
        {
            Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
            Assert.Equal(0, JsonDocument.Parse(r.StdOut).RootElement.GetProperty("failed").GetInt32());
            return;
        }
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"error: CUDA requested but not available: {probe.GetProperty("reason").GetString()}", r.StdErr.Trim());
    }
}

/// <summary>Every kernel on ILGPU's CPU accelerator through the command a GPU machine runs (about 20 s on 2 busy cores).</summary>
[SlowTest]
public class DeviceCheckCommandTests
{
    [Fact]
    public void Device_CheckOnTheCpuAccelerator_EveryKernelWithinTolerance()
    {
        var r = MrsnodeProcess.Run("device", "--check", "--accelerator", "cpu", "--json");

        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        var json = JsonDocument.Parse(r.StdOut).RootElement;
        Assert.Equal(14, json.GetProperty("passed").GetInt32());
        Assert.Equal(0, json.GetProperty("failed").GetInt32());
        Assert.StartsWith("CPU accelerator: ", json.GetProperty("device").GetString(), StringComparison.Ordinal);
        Assert.All(json.GetProperty("checks").EnumerateArray(), c =>
            Assert.InRange(c.GetProperty("maxError").GetDouble(), 0, c.GetProperty("tolerance").GetDouble()));
    }
}
