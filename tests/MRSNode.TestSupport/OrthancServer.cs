using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace MRSNode.TestSupport;

/// <summary>A real PACS for tests: Orthanc on loopback with its own storage, started from a config file the test writes.</summary>
public sealed class OrthancServer : IDisposable
{
    private readonly string _config;
    private Process? _process;

    private OrthancServer(Process process, string config, int dicomPort, HttpClient http, string folder)
    {
        _process = process;
        _config = config;
        DicomPort = dicomPort;
        Http = http;
        Folder = folder;
    }

    public const string AeTitle = "ORTHANC";

    public int DicomPort { get; }
    public HttpClient Http { get; }
    public string Folder { get; }

    /// <param name="settings">Orthanc configuration entries added to (or replacing) the defaults, e.g. "AcceptedTransferSyntaxes".</param>
    public static async Task<OrthancServer> StartAsync(IReadOnlyDictionary<string, object>? settings = null)
    {
        int dicomPort = Ports.Free(), httpPort = Ports.Free();
        var folder = TestData.NewTempFolder();
        var config = Path.Combine(folder, "orthanc.json");
        var entries = new Dictionary<string, object>
        {
            ["Name"] = "MRSNODE-TEST-PACS",
            ["StorageDirectory"] = Path.Combine(folder, "storage"),
            ["IndexDirectory"] = Path.Combine(folder, "index"),
            ["DicomAet"] = AeTitle,
            ["DicomPort"] = dicomPort,
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["DicomCheckCalledAet"] = true,
            ["UnknownSopClassAccepted"] = true,
            ["Plugins"] = Array.Empty<string>(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, object>())
        {
            entries[key] = value;
        }
        File.WriteAllText(config, JsonSerializer.Serialize(entries));
        var process = Peers.StartBackground("Orthanc", [config]);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
        var server = new OrthancServer(process, config, dicomPort, http, folder);
        if (await server.WaitReadyAsync())
        {
            return server;
        }
        server.Dispose();
        throw new InvalidOperationException("Orthanc did not start within 30 s");
    }

    /// <summary>Polls Orthanc's REST API until it answers, for up to 30 s (its start takes from 0.2 s to seconds).</summary>
    private async Task<bool> WaitReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                if ((await Http.GetAsync("system")).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(Ports.PollInterval);
        }
        return false;
    }

    /// <summary>Stops the PACS (kill, as a crash or a pulled cable would); what it stored stays on disk for <see cref="RestartAsync"/>.</summary>
    public void Stop()
    {
        if (_process is { } p)
        {
            _process = null;
            try
            {
                p.Kill();
                p.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
            p.Dispose();
        }
    }

    /// <summary>Starts the stopped PACS again on the same ports with the same storage.</summary>
    public async Task RestartAsync()
    {
        Stop();
        _process = Peers.StartBackground("Orthanc", [_config]);
        if (!await WaitReadyAsync())
        {
            throw new InvalidOperationException("Orthanc did not restart within 30 s");
        }
    }

    /// <summary>Orthanc IDs of every stored instance.</summary>
    public async Task<string[]> InstancesAsync() => await Http.GetFromJsonAsync<string[]>("instances") ?? [];

    /// <summary>The instance's main tags by keyword (Orthanc's simplified form).</summary>
    public async Task<Dictionary<string, JsonElement>> TagsAsync(string id) =>
        await Http.GetFromJsonAsync<Dictionary<string, JsonElement>>($"instances/{id}/simplified-tags") ?? [];

    /// <summary>Downloads the stored file into the server's folder and returns its path.</summary>
    public async Task<string> DownloadAsync(string id)
    {
        var path = Path.Combine(Folder, id + ".dcm");
        await File.WriteAllBytesAsync(path, await Http.GetByteArrayAsync($"instances/{id}/file"));
        return path;
    }

    public void Dispose()
    {
        Stop();
        Http.Dispose();
    }
}
