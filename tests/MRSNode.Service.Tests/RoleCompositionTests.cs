using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Messaging;
using MRSNode.Neural.Backend;
using MRSNode.Service.Tests.ScaleOut;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

[UnitTest]
public sealed class RoleCompositionTests : IAsyncDisposable
{
    private readonly FakeWorkQueue _queue = new();
    private readonly string _store = TestData.NewTempFolder();

    private IHost Build(string role, string kind = "rabbitmq", Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = TestNode.Settings(TestData.NewTempFolder());
        settings["Node:Role"] = role;
        settings["Queue:Kind"] = kind;
        settings["Queue:SharedStore"] = _store;
        settings["Destinations:0:Name"] = "pacs";
        settings["Destinations:0:AeTitle"] = "PACS";
        settings["Destinations:0:Host"] = "127.0.0.1";
        settings["Destinations:0:Port"] = "104";
        configure?.Invoke(settings);
        return NodeHost.Build(NodeHost.BuildConfiguration(null, settings), new CpuBackendFactory(), l => l.SetMinimumLevel(LogLevel.Warning), workQueues: (_, _) => _queue);
    }

    private static string[] Hosted(IHost host) => [.. host.Services.GetServices<IHostedService>().Select(s => s.GetType().Name)];

    [Fact]
    public void Build_AllOnTheFileSpool_TodaysServicesInOrder()
    {
        using var host = Build("all", "file");

        Assert.Equal(["SpoolRecovery", "StatusWebService", "IntakeService", "AssemblyService", "WorkerService", "ExportService", "RetentionService"], Hosted(host));
        Assert.Null(host.Services.GetService<IWorkQueue>());
    }

    [Fact]
    public void Build_Intake_ScpAssemblyAndForwarder()
    {
        using var host = Build("intake");

        Assert.Equal(["SpoolRecovery", "StatusWebService", "IntakeService", "AssemblyService", "JobForwarder", "QueueMonitor", "RetentionService"], Hosted(host));
    }

    [Fact]
    public void Build_Worker_ResetWorkersAndConsumer()
    {
        using var host = Build("worker");

        Assert.Equal(["SpoolRecovery", "WorkerSpoolReset", "StatusWebService", "WorkerService", "JobConsumer", "QueueMonitor", "RetentionService"], Hosted(host));
    }

    [Fact]
    public void Build_Export_ConsumerAndSenders()
    {
        using var host = Build("export");

        Assert.Equal(["SpoolRecovery", "StatusWebService", "ExportService", "ExportConsumer", "QueueMonitor", "RetentionService"], Hosted(host));
    }

    [Fact]
    public async Task Status_WorkerWithTheBrokerDown_RoleQueuesAndHealthDegraded()
    {
        _queue.Down = true;
        int statusPort = Ports.Free();
        using var host = Build("worker", configure: s => s["Status:Port"] = statusPort.ToString(CultureInfo.InvariantCulture));
        await host.StartAsync();
        try
        {
            using var http = new HttpClient();
            JsonElement health = default;
            Assert.True(await TestNode.WaitUntilAsync(async () =>
            {
                health = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{statusPort}/health");
                return health.GetProperty("status").GetString() == "degraded";
            }, TimeSpan.FromSeconds(30)));
            Assert.Equal("broker unreachable (worker role): no connection to the broker", health.GetProperty("reasons")[0].GetString());

            var scaleOut = (await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{statusPort}/status")).GetProperty("scaleOut");
            Assert.Equal("worker", scaleOut.GetProperty("role").GetString());
            Assert.False(scaleOut.GetProperty("brokerReachable").GetBoolean());
            Assert.Equal(["mrsnode.dead-letter", "mrsnode.exports", "mrsnode.jobs"], scaleOut.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("name").GetString()));
            Assert.Equal((0, 0, 0), (scaleOut.GetProperty("inFlight").GetInt32(), scaleOut.GetProperty("completed").GetInt32(), scaleOut.GetProperty("failed").GetInt32()));

            _queue.Down = false;
            Assert.True(await TestNode.WaitUntilAsync(async () =>
                (await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{statusPort}/health")).GetProperty("status").GetString() == "ok", TimeSpan.FromSeconds(30)));
            var page = await http.GetStringAsync($"http://127.0.0.1:{statusPort}/");
            Assert.Contains("<h2>Role: worker</h2><p>Broker reachable; 0 in flight, 0 done, 0 failed by this node.</p>", page, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
