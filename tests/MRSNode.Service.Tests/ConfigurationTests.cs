using MRSNode.Neural.Backend;
using MRSNode.Service.Configuration;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

[UnitTest]
public class ConfigurationTests
{
    [Fact]
    public void Options_ShippedAppsettings_AreValidWithEmbeddedDefaults()
    {
        var options = NodeHost.Options(NodeHost.BuildConfiguration(null, new Dictionary<string, string?>()));

        Assert.Equal("MRSNODE", options.Node.AeTitle);
        Assert.Equal(11112, options.Node.Port);
        Assert.Empty(options.Destinations);
        Assert.Empty(NodeOptionsValidator.Errors(options));
    }

    [Fact]
    public void Options_SixProblems_ListsEveryOneByKeyInOneMessage()
    {
        var config = NodeHost.BuildConfiguration(null, new Dictionary<string, string?>
        {
            ["Node:AeTitle"] = "MUCH_TOO_LONG_AE_TITLE",
            ["Node:Port"] = "0",
            ["Destinations:0:Name"] = "PACS",
            ["Destinations:0:AeTitle"] = "ORTHANC",
            ["Destinations:0:Port"] = "70000",
            ["Processing:Method"] = "magic",
            ["Export:MaxAttempts"] = "0",
        });

        var ex = Assert.Throws<NodeConfigurationException>(() => NodeHost.Options(config));

        Assert.Equal(6, ex.Problems.Count);
        Assert.StartsWith("invalid configuration (6 problems): ", ex.Message);
        foreach (var key in new[] { "Node:AeTitle", "Node:Port 0", "Destinations:0:Host is required", "Destinations:0:Port 70000", "Processing:Method 'magic'", "Export:MaxAttempts 0" })
        {
            Assert.Contains(key, ex.Message);
        }
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Options_BadFitAndDeviceSettings_ListsEachByKey()
    {
        var config = NodeHost.BuildConfiguration(null, new Dictionary<string, string?>
        {
            ["Processing:Lineshape"] = "wobbly",
            ["Processing:ShiftSdHz"] = "0",
            ["Processing:DampingSdHz"] = "-1",
            ["Processing:Device"] = "tpu",
            ["Processing:Crlb"] = "lcmodel",
            ["Processing:RatioPriors"] = "all",
        });

        var ex = Assert.Throws<NodeConfigurationException>(() => NodeHost.Options(config));

        Assert.Equal(
            ["Processing:Lineshape 'wobbly' must be global, group or metabolite", "Processing:ShiftSdHz 0 must be positive",
             "Processing:DampingSdHz -1 must be positive", "Processing:Crlb 'lcmodel' must be all or active",
             "Processing:RatioPriors 'all' must be none or lcmodel", "Processing:Device 'tpu' must be cpu, cuda or auto"],
            ex.Problems);
    }

    [Theory]
    [InlineData("0", "Processing:JobTimeLimitSeconds 0 must be 1-86400")]
    [InlineData("90000", "Processing:JobTimeLimitSeconds 90000 must be 1-86400")]
    [InlineData("NaN", "Processing:JobTimeLimitSeconds NaN must be 1-86400")]
    public void Options_JobTimeLimitOutOfRange_NamedByKey(string value, string problem)
    {
        var config = NodeHost.BuildConfiguration(null, new Dictionary<string, string?> { ["Processing:JobTimeLimitSeconds"] = value });

        var ex = Assert.Throws<NodeConfigurationException>(() => NodeHost.Options(config));

        Assert.Equal([problem], ex.Problems);
    }

    [Fact]
    public void Options_ShippedFitSettings_AreGlobalWithLcModelPriorsOnTheCpu()
    {
        var p = NodeHost.Options(NodeHost.BuildConfiguration(null, new Dictionary<string, string?>())).Processing;

        Assert.Equal(("global", 0.5, 0.15, "cpu", "all", "lcmodel"), (p.Lineshape, p.ShiftSdHz, p.DampingSdHz, p.Device, p.Crlb, p.RatioPriors));
    }

    [Fact]
    public void Build_InvalidOptions_ThrowsBeforeCreatingTheDataDirectory()
    {
        var data = Path.Combine(TestData.NewTempFolder(), "node");
        var config = NodeHost.BuildConfiguration(null, new Dictionary<string, string?> { ["Node:DataDirectory"] = data, ["Status:Port"] = "-1", ["Processing:Workers"] = "-3" });

        var ex = Assert.Throws<NodeConfigurationException>(() => NodeHost.Build(config, new CpuBackendFactory()));

        Assert.Equal(2, ex.Problems.Count);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public void Options_NumberGivenAsText_IsAConfigurationError()
    {
        var config = NodeHost.BuildConfiguration(null, new Dictionary<string, string?> { ["Node:Port"] = "eleven" });

        var ex = Assert.Throws<NodeConfigurationException>(() => NodeHost.Options(config));

        Assert.Contains("eleven", ex.Message);
    }

    [Fact]
    public void BuildConfiguration_ConfigFile_OverridesShippedDefaults()
    {
        var file = Path.Combine(TestData.NewTempFolder(), "site.json");
        File.WriteAllText(file, """{ "Node": { "AeTitle": "SITE_MRS", "Port": 4242 }, "Destinations": [ { "Name": "PACS", "AeTitle": "PACS1", "Host": "10.0.0.5", "Port": 104 } ] }""");

        var options = NodeHost.Options(NodeHost.BuildConfiguration(file));

        Assert.Equal("SITE_MRS", options.Node.AeTitle);
        Assert.Equal(4242, options.Node.Port);
        var d = Assert.Single(options.Destinations);
        Assert.Equal(("PACS", "PACS1", "10.0.0.5", 104), (d.Name, d.AeTitle, d.Host, d.Port));
    }

    [Fact]
    public void BuildConfiguration_MissingConfigFile_NamesIt()
    {
        var ex = Assert.Throws<NodeConfigurationException>(() => NodeHost.BuildConfiguration("/nonexistent/mrsnode.json"));

        Assert.Contains("/nonexistent/mrsnode.json does not exist", ex.Message);
    }
}

[UnitTest]
public class StartupFailureTests
{
    [Fact]
    public async Task Start_NodePortInUse_ConfigurationErrorNamingThePort()
    {
        var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            int port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;

            var ex = await Assert.ThrowsAsync<NodeConfigurationException>(() => TestNode.StartAsync(s => s["Node:Port"] = port.ToString()));

            Assert.Equal($"invalid configuration (1 problem): Node:Port {port} on 127.0.0.1 cannot be used: cannot listen on 127.0.0.1:{port}: the port is already in use by another program (another DICOM server, or an earlier instance still running); stop it or choose another port", ex.Message);
        }
        finally
        {
            busy.Stop();
        }
    }
}

/// <summary>Changes process environment variables: runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
[UnitTest]
public class EnvironmentOverrideTests
{
    [Fact]
    public void BuildConfiguration_MrsnodeEnvironmentVariables_OverrideFileAndDefaults()
    {
        var file = Path.Combine(TestData.NewTempFolder(), "site.json");
        File.WriteAllText(file, """{ "Node": { "Port": 4242 }, "Destinations": [ { "Name": "PACS", "AeTitle": "PACS1", "Host": "10.0.0.5", "Port": 104 } ] }""");
        Environment.SetEnvironmentVariable("MRSNODE_Node__Port", "11999");
        Environment.SetEnvironmentVariable("MRSNODE_Destinations__0__Port", "4104");
        try
        {
            var options = NodeHost.Options(NodeHost.BuildConfiguration(file));

            Assert.Equal(11999, options.Node.Port);
            Assert.Equal(4104, options.Destinations[0].Port);
            Assert.Equal("10.0.0.5", options.Destinations[0].Host);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MRSNODE_Node__Port", null);
            Environment.SetEnvironmentVariable("MRSNODE_Destinations__0__Port", null);
        }
    }
}
