using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace MRSNode.TestSupport;

/// <summary>A real PACS for tests: Orthanc on loopback with its own storage, started from a config file the test writes.</summary>
public sealed class OrthancServer : IDisposable
{
    private readonly Process _process;

    private OrthancServer(Process process, int dicomPort, HttpClient http, string folder)
    {
        _process = process;
        DicomPort = dicomPort;
        Http = http;
        Folder = folder;
    }

    public const string AeTitle = "ORTHANC";

    public int DicomPort { get; }
    public HttpClient Http { get; }
    public string Folder { get; }

    public static async Task<OrthancServer> StartAsync()
    {
        int dicomPort = Ports.Free(), httpPort = Ports.Free();
        var folder = TestData.NewTempFolder();
        var config = Path.Combine(folder, "orthanc.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, object>
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
        }));
        var process = Peers.StartBackground("Orthanc", [config]);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
        var server = new OrthancServer(process, dicomPort, http, folder);
        for (int i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync("system")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        server.Dispose();
        throw new InvalidOperationException("Orthanc did not start within 30 s");
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
        try
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        Http.Dispose();
    }
}
