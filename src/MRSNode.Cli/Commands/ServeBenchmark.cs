using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Neural.Backend;
using MRSNode.Service;
using MRSNode.Service.Spool;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode bench serve`: the whole node under load. Starts it in-process on loopback, sends N studies (copies of
/// one vendor file with fresh UIDs) from M concurrent senders, one association per study as a scanner does, and
/// measures each study's latency from its C-STORE success to its job reaching done/ (settle time included).
/// </summary>
internal static class ServeBenchmark
{
    public static Command CreateCommand(IComputeBackendFactory backends)
    {
        var studies = new Option<int>("--studies") { Description = "Studies sent.", DefaultValueFactory = _ => 200 };
        var senders = new Option<int>("--senders") { Description = "Concurrent senders (associations).", DefaultValueFactory = _ => 20 };
        var workers = new Option<int>("--workers") { Description = "Node workers (0 = automatic).", DefaultValueFactory = _ => 0 };
        var settle = new Option<double>("--settle") { Description = "Settle time, seconds.", DefaultValueFactory = _ => 1 };
        var file = new Option<FileInfo>("--file") { Description = "The study sent (a copy per study, new UIDs).", DefaultValueFactory = _ => new FileInfo("tests/data/dicom/siemens-xa60-svs.dcm") };
        var rate = new Option<double>("--rate") { Description = "Arrival rate in studies per minute, spread evenly (0 = all at once, the worst case).", DefaultValueFactory = _ => 0 };
        var work = new Option<DirectoryInfo?>("--work") { Description = "Data directory of the node under test (default: a new temporary folder)." };
        var queue = new Option<string>("--queue") { Description = "file (one node in-process) or rabbitmq (an intake in-process, worker processes through a broker).", DefaultValueFactory = _ => "file" };
        queue.AcceptOnlyFromAmong("file", "rabbitmq");
        var workerProcesses = new Option<int>("--worker-processes") { Description = "With --queue rabbitmq: `mrsnode serve --role worker` processes started (each with --workers workers).", DefaultValueFactory = _ => 1 };
        var broker = new Option<string>("--broker") { Description = "With --queue rabbitmq: the broker's URI.", DefaultValueFactory = _ => "amqp://guest:guest@127.0.0.1:5672/" };
        var command = new Command("serve", "Node under load: studies sent concurrently, latency from C-STORE to job done.") { studies, senders, workers, settle, file, rate, work, queue, workerProcesses, broker };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            int n = parse.GetValue(studies), m = parse.GetValue(senders);
            var data = parse.GetValue(work)?.FullName ?? Path.Combine(Path.GetTempPath(), "mrsnode-bench-serve-" + Guid.NewGuid().ToString("N")[..8]);
            var load = new StudyLoad(parse.GetValue(file)!.FullName, n, m, parse.GetValue(rate));
            if (parse.GetValue(queue) == "rabbitmq")
            {
                return await ScaleOutServeBenchmark.RunAsync(load, data, parse.GetValue(workers), parse.GetValue(workerProcesses), parse.GetValue(settle), parse.GetValue(broker)!, ct);
            }
            int port = FreePort();
            var inv = CultureInfo.InvariantCulture;
            var settings = new Dictionary<string, string?>
            {
                ["Node:DataDirectory"] = data,
                ["Node:Port"] = port.ToString(inv),
                ["Node:ListenAddress"] = "127.0.0.1",
                ["Status:Port"] = "0",
                ["Processing:SettleSeconds"] = parse.GetValue(settle).ToString(inv),
                ["Processing:Workers"] = parse.GetValue(workers).ToString(inv),
                ["Retention:DoneJobDays"] = "0",
            };
            using var host = NodeHost.Build(NodeHost.BuildConfiguration(null, settings), backends, logging => logging.SetMinimumLevel(LogLevel.Warning));
            await host.StartAsync(ct);
            var jobs = new JobSpool(Path.Combine(data, "jobs"));
            var source = load.File;
            var (sentAt, storeSeconds, refused, wall) = await load.SendAsync(port, ct);
            double sendWall = wall.Elapsed.TotalSeconds;
            while (jobs.Count(JobState.Done) + jobs.Count(JobState.Failed) < sentAt.Count)
            {
                await Task.Delay(200, ct);
            }
            double totalWall = wall.Elapsed.TotalSeconds;
            await host.StopAsync(ct);

            var latencies = jobs.List(JobState.Done)
                .Select(id => (jobs.FinishedUtc(JobState.Done, id)!.Value.UtcDateTime - sentAt[jobs.Manifest(JobState.Done, id).StudyInstanceUid]).TotalSeconds)
                .Order().ToList();
            var stores = storeSeconds.Order().ToList();
            Console.WriteLine($"# mrsnode bench serve — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
            Console.WriteLine(string.Create(inv, $"{n} studies ({Path.GetFileName(source)}, fresh UIDs each) from {m} concurrent senders{(parse.GetValue(rate) > 0 ? $" at {parse.GetValue(rate)} studies/min" : ", all at once")}; node workers {WorkerCount(host)}, settle {parse.GetValue(settle)} s"));
            Console.WriteLine();
            Console.WriteLine("| measurement | value |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine(string.Create(inv, $"| studies accepted / refused | {sentAt.Count} / {refused} |"));
            Console.WriteLine(string.Create(inv, $"| jobs done / failed | {jobs.Count(JobState.Done)} / {jobs.Count(JobState.Failed)} |"));
            Console.WriteLine(string.Create(inv, $"| association + C-STORE per study: p50 / p95 | {Percentile(stores, 0.5) * 1000:F0} / {Percentile(stores, 0.95) * 1000:F0} ms |"));
            Console.WriteLine(string.Create(inv, $"| all studies received (wall) | {sendWall:F1} s |"));
            Console.WriteLine(string.Create(inv, $"| latency C-STORE → job done: p50 / p95 / max | {Percentile(latencies, 0.5):F1} / {Percentile(latencies, 0.95):F1} / {(latencies.Count > 0 ? latencies[^1] : 0):F1} s |"));
            double s0 = parse.GetValue(settle);
            Console.WriteLine(string.Create(inv, $"| same, settle time excluded: p50 / p95 | {Percentile(latencies, 0.5) - s0:F1} / {Percentile(latencies, 0.95) - s0:F1} s |"));
            Console.WriteLine(string.Create(inv, $"| all jobs done (wall) | {totalWall:F1} s ({latencies.Count / totalWall * 60:F1} studies/min) |"));
            return refused == 0 && jobs.Count(JobState.Failed) == 0 ? 0 : CliErrors.Failure;
        }));
        return command;
    }

    internal static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static int WorkerCount(IHost host) =>
        host.Services.GetService(typeof(IEnumerable<IHostedService>)) is IEnumerable<IHostedService> services
            ? services.OfType<MRSNode.Service.Processing.WorkerService>().FirstOrDefault()?.WorkerCount ?? 0
            : 0;
}

/// <summary>The load of `bench serve`: copies of one study with fresh UIDs, sent by concurrent senders, one association per study.</summary>
internal sealed record StudyLoad(string File, int Studies, int Senders, double RatePerMinute)
{
    /// <summary>Sends every study; returns when each C-STORE succeeded (by Study Instance UID), the store times, refusals and the clock started at the first send.</summary>
    public async Task<(ConcurrentDictionary<string, DateTime> SentAt, ConcurrentBag<double> StoreSeconds, int Refused, Stopwatch Wall)> SendAsync(int port, CancellationToken ct)
    {
        var sentAt = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);
        var storeSeconds = new ConcurrentBag<double>();
        int next = -1, refused = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < Studies)
            {
                if (RatePerMinute > 0)
                {
                    var due = TimeSpan.FromMinutes(k / RatePerMinute) - wall.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, ct);
                    }
                }
                var copy = DicomFile.Open(File);
                var study = DicomUidGenerator.Default.Generate();
                copy.Dataset.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, study)
                    .AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, DicomUidGenerator.Default.Generate())
                    .AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, DicomUidGenerator.Default.Generate());
                var sw = Stopwatch.StartNew();
                var contexts = DicomClient.ProposeStorage([(copy.Dataset.GetString(DicomTags.SOPClassUID)!, copy.TransferSyntax.Uid)]);
                await using var client = await DicomClient.ConnectAsync("127.0.0.1", port, new DicomClientOptions { CalledAeTitle = "MRSNODE", CallingAeTitle = "BENCH" }, contexts, ct);
                var status = await client.StoreAsync(copy, ct);
                await client.ReleaseAsync(ct);
                storeSeconds.Add(sw.Elapsed.TotalSeconds);
                if (status.IsSuccess)
                {
                    sentAt[study] = DateTime.UtcNow;
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }, ct)));
        return (sentAt, storeSeconds, refused, wall);
    }
}
