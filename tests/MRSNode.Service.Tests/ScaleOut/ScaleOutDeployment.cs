using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MRSNode.Dicom;
using MRSNode.Service.Observability;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;

namespace MRSNode.Service.Tests.ScaleOut;

/// <summary>
/// A scaled-out deployment on this machine for the must-show tests: its own RabbitMQ broker, Orthanc as the PACS,
/// one shared store, and `mrsnode serve --role …` processes (one intake, workers, one export), each with its own data
/// directory and status port. Dispose kills every process it started, then the broker and Orthanc.
/// </summary>
internal sealed class ScaleOutDeployment : IAsyncDisposable
{
    private static readonly string _mrsnode = Path.Combine(AppContext.BaseDirectory, "mrsnode.dll");
    private readonly List<Process> _processes = [];

    private ScaleOutDeployment(string folder, RabbitMqBroker broker, OrthancServer pacs)
    {
        Folder = folder;
        Broker = broker;
        Pacs = pacs;
        SharedStore = Directory.CreateDirectory(Path.Combine(folder, "shared")).FullName;
    }

    public string Folder { get; }
    public string SharedStore { get; }
    public RabbitMqBroker Broker { get; }
    public OrthancServer Pacs { get; }
    public int IntakePort { get; private set; }
    public int IntakeStatusPort { get; private set; }
    public string ExportData => Path.Combine(Folder, "export");

    public static async Task<ScaleOutDeployment> StartAsync()
    {
        var folder = TestData.NewTempFolder();
        var broker = await RabbitMqBroker.StartNewAsync();
        OrthancServer? pacs = null;
        try
        {
            pacs = await OrthancServer.StartAsync();
            return new ScaleOutDeployment(folder, broker, pacs);
        }
        catch
        {
            pacs?.Dispose();
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the export node, then <paramref name="workers"/> workers, then the intake, and waits until the intake listens.</summary>
    public async Task StartRolesAsync(int workers)
    {
        Start("export", ExportData);
        for (int i = 1; i <= workers; i++)
        {
            StartWorker(i);
        }
        IntakePort = Ports.Free();
        IntakeStatusPort = Ports.Free();
        Start("intake", Path.Combine(Folder, "intake"), IntakePort, IntakeStatusPort);
        if (!await Ports.WaitListening(IntakePort, TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException("the intake did not listen within 60 s");
        }
    }

    public string WorkerData(int worker) => Path.Combine(Folder, $"worker-{worker}");

    public Process StartWorker(int worker) => Start("worker", WorkerData(worker));

    private Process Start(string role, string data, int? port = null, int? statusPort = null)
    {
        var config = Path.Combine(Folder, $"{Path.GetFileName(data)}.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Node = new { DataDirectory = data, Port = port ?? Ports.Free(), ListenAddress = "127.0.0.1", MaxAssociations = 32 },
            Processing = new { SettleSeconds = 1, Workers = 1, Method = "lcm" },
            Status = new { Port = statusPort ?? 0 },
            Export = new { InitialBackoffSeconds = 0.2, MaxBackoffSeconds = 2 },
            Destinations = role == "export" ? new object[] { new { Name = "PACS", AeTitle = OrthancServer.AeTitle, Host = "127.0.0.1", Port = Pacs.DicomPort } } : [],
            Queue = new
            {
                Kind = "rabbitmq",
                SharedStore,
                RabbitMq = new { Uri = Broker.Uri.ToString(), ReconnectInitialSeconds = 0.5, ReconnectMaxSeconds = 2, ConfirmTimeoutSeconds = 5, ClientName = $"mrsnode {Path.GetFileName(data)}" },
            },
        }));
        var process = Peers.StartBackground("dotnet", [_mrsnode, "serve", "--config", config, "--role", role]);
        _processes.Add(process);
        return process;
    }

    /// <summary><paramref name="count"/> simulated single-voxel studies (DICOM MR Spectroscopy, one study each).</summary>
    public string[] SimulateStudies(int count)
    {
        var basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")) with { EchoTimeMs = 30 };
        return [.. SimulationWriter.Write(
            new SpectrumSimulator(basis, new SimulationParameters { Snr = new ValueRange(40, 40) }).Simulate(count, 24),
            Path.Combine(Folder, "studies-" + Guid.NewGuid().ToString("N")[..6]), SimulationFormat.Dicom)];
    }

    /// <summary>Sends the studies through <paramref name="senders"/> storescu lanes, each with its own calling AE title.</summary>
    public async Task<Peers.Result[]> SendAsync(IReadOnlyList<string> studies, int senders)
    {
        var lanes = studies.Select((f, i) => (File: f, Ae: $"SENDER{i % senders + 1:D2}")).GroupBy(s => s.Ae);
        var results = await Task.WhenAll(lanes.Select(lane => Task.Run(() => lane.Select(s =>
            Peers.Run("storescu", ["-aet", s.Ae, "-aec", "MRSNODE", "-to", "60", "127.0.0.1", IntakePort.ToString(CultureInfo.InvariantCulture), s.File], TimeSpan.FromSeconds(120))).ToArray())));
        return [.. results.SelectMany(r => r)];
    }

    /// <summary>Objects per StudyInstanceUID in Orthanc (from its series: parent study and instance count).</summary>
    public async Task<Dictionary<string, int>> OrthancInstancesByStudyAsync()
    {
        var studies = await Pacs.Http.GetFromJsonAsync<JsonElement[]>("studies?expand") ?? [];
        var uidOf = studies.ToDictionary(s => s.GetProperty("ID").GetString()!, s => s.GetProperty("MainDicomTags").GetProperty("StudyInstanceUID").GetString()!);
        var series = await Pacs.Http.GetFromJsonAsync<JsonElement[]>("series?expand") ?? [];
        return series.GroupBy(s => uidOf[s.GetProperty("ParentStudy").GetString()!])
            .ToDictionary(g => g.Key, g => g.Sum(s => s.GetProperty("Instances").GetArrayLength()));
    }

    /// <summary>The export node's "sent" audit lines: one per object it stored in the PACS.</summary>
    public IReadOnlyList<AuditEntry> Sent()
    {
        var audit = Path.Combine(ExportData, "audit", "audit.log");
        return File.Exists(audit) ? [.. AuditTrail.Read(audit).Where(a => a.Event == "sent")] : [];
    }

    public static string StudyUid(string file) => TestNode.Uid(file, DicomTags.StudyInstanceUID);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // exited already (a test killed it)
            }
            process.Dispose();
        }
        Pacs.Dispose();
        await Broker.DisposeAsync();
    }
}
