using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Neural.Backend;
using MRSNode.Service.Intake;
using MRSNode.Service.Observability;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;

namespace MRSNode.Service.Tests;

/// <summary>The node started in-process on free loopback ports with its own data folder; settle time and backoff short.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    private readonly IHost _host;

    private TestNode(IHost host, string data, int port, int statusPort)
    {
        _host = host;
        DataDirectory = data;
        Port = port;
        StatusPort = statusPort;
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public int StatusPort { get; }
    public JobSpool Jobs => _host.Services.GetRequiredService<JobSpool>();
    public string Outbox => Path.Combine(DataDirectory, "outbox");
    public string AuditFile => Path.Combine(DataDirectory, "audit", "audit.log");

    public static Dictionary<string, string?> Settings(string data) => new()
    {
        ["Node:DataDirectory"] = data,
        ["Node:Port"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
        ["Node:ListenAddress"] = "127.0.0.1",
        ["Status:Port"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
        ["Processing:SettleSeconds"] = "0.5",
        ["Processing:Workers"] = "1",
        ["Processing:Method"] = "lcm",
        ["Export:InitialBackoffSeconds"] = "0.2",
        ["Export:MaxBackoffSeconds"] = "1",
        ["Retention:DoneJobDays"] = "0",
    };

    public static async Task<TestNode> StartAsync(Action<Dictionary<string, string?>>? configure = null, string? data = null)
    {
        data ??= TestData.NewTempFolder();
        var settings = Settings(data);
        configure?.Invoke(settings);
        var host = NodeHost.Build(NodeHost.BuildConfiguration(null, settings), new CpuBackendFactory(), logging => logging.SetMinimumLevel(LogLevel.Warning));
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await host.StopAsync();
            host.Dispose();
            throw;
        }
        return new TestNode(host, data, int.Parse(settings["Node:Port"]!, CultureInfo.InvariantCulture), int.Parse(settings["Status:Port"]!, CultureInfo.InvariantCulture));
    }

    public IReadOnlyList<AuditEntry> Audit() => File.Exists(AuditFile) ? AuditTrail.Read(AuditFile) : [];

    public async Task<JsonElement> StatusAsync()
    {
        using var http = new HttpClient();
        return await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{StatusPort}/status");
    }

    /// <summary>Polls until the condition holds (true) or the time is up (false).</summary>
    public static Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout) => WaitUntilAsync(() => Task.FromResult(condition()), timeout);

    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < end)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return await condition();
    }

    public static string Uid(string path, DicomTag tag) => DicomFile.Open(path, DicomReadOptions.HeaderOnly).Dataset.GetString(tag)!;

    public static string StorescuConfig() => Peers.StorescuMrsConfig();

    public async Task<Peers.Result> StorescuAsync(params string[] files) =>
        await Task.Run(() => Peers.Run("storescu", ["-xf", StorescuConfig(), "MRS", "-aet", "SCANNER", "-aec", "MRSNODE", "127.0.0.1", Port.ToString(CultureInfo.InvariantCulture), .. files]));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Every file under a folder (relative paths, sorted) — to assert exactly what a spool area holds.</summary>
    public static string[] FilesUnder(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The .dcm and .pdf a done job produced (what the outbox must hold for it, whatever reports the pipeline writes).</summary>
    public static string[] Outputs(JobSpool jobs, string id) =>
        [.. FilesUnder(Path.Combine(jobs.JobFolder(JobState.Done, id), "outputs")).Where(f => f.EndsWith(".dcm", StringComparison.Ordinal) || f.EndsWith(".pdf", StringComparison.Ordinal))];

    /// <summary>The .dcm outputs of every done job (what a destination must receive).</summary>
    public static int DicomOutputs(JobSpool jobs) =>
        jobs.List(JobState.Done).Sum(id => Outputs(jobs, id).Count(f => f.EndsWith(".dcm", StringComparison.Ordinal)));

    public static string IntakeFolder(string data) => new IntakeSpool(data).Root;
}
