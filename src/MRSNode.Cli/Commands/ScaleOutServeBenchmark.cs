using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Messaging;
using MRSNode.Neural.Backend;
using MRSNode.Service;
using MRSNode.Service.SharedStore;
using MRSNode.Service.Spool;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode bench serve --queue rabbitmq`: an intake in-process and N `mrsnode serve --role worker` processes, meeting
/// through the broker and a shared store under the data directory. Latency runs from the C-STORE success to the job's
/// outputs complete in the shared store (export is not part of it); the workers' CPU time per job is reported so a
/// deployment on several machines can be sized from it.
/// </summary>
internal static class ScaleOutServeBenchmark
{
    public static async Task<int> RunAsync(StudyLoad load, string data, int workersPerProcess, int workerProcesses, double settle, string brokerUri, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var shared = Directory.CreateDirectory(Path.Combine(data, "shared")).FullName;
        int port = ServeBenchmark.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Node:Role"] = "intake",
            ["Node:DataDirectory"] = Path.Combine(data, "intake"),
            ["Node:Port"] = port.ToString(inv),
            ["Node:ListenAddress"] = "127.0.0.1",
            ["Status:Port"] = "0",
            ["Processing:SettleSeconds"] = settle.ToString(inv),
            ["Retention:DoneJobDays"] = "0",
            ["Queue:Kind"] = "rabbitmq",
            ["Queue:SharedStore"] = shared,
            ["Queue:RabbitMq:Uri"] = brokerUri,
        };
        var workers = Enumerable.Range(1, workerProcesses).Select(i => StartWorker(data, i, shared, brokerUri, workersPerProcess)).ToList();
        try
        {
            using var host = NodeHost.Build(NodeHost.BuildConfiguration(null, settings), new CpuBackendFactory(), logging => logging.SetMinimumLevel(LogLevel.Warning));
            await host.StartAsync(ct);
            var queue = host.Services.GetRequiredService<IWorkQueue>();
            await WaitForConsumersAsync(queue, workerProcesses, ct);
            var cpuBefore = workers.Select(CpuSeconds).Sum();

            var (sentAt, storeSeconds, refused, wall) = await load.SendAsync(port, ct);
            double sendWall = wall.Elapsed.TotalSeconds;
            var jobs = new JobSpool(Path.Combine(data, "intake", "jobs"));
            var store = new SharedJobStore(shared);
            while (Finished(jobs, store).Count < sentAt.Count)
            {
                if (workers.All(w => w.HasExited))
                {
                    throw new InvalidOperationException("every worker process exited");
                }
                await Task.Delay(200, ct);
            }
            double totalWall = wall.Elapsed.TotalSeconds;
            double cpu = workers.Select(CpuSeconds).Sum() - cpuBefore;
            await host.StopAsync(ct);

            var finished = Finished(jobs, store);
            var latencies = finished.Select(f => (f.Outcome.FinishedUtc.UtcDateTime - sentAt[f.Study]).TotalSeconds).Order().ToList();
            var stores = storeSeconds.Order().ToList();
            int failed = finished.Count(f => f.Outcome.State != StoredOutcome.Done);
            Console.WriteLine($"# mrsnode bench serve --queue rabbitmq — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
            Console.WriteLine(string.Create(inv, $"{load.Studies} studies ({Path.GetFileName(load.File)}, fresh UIDs each) from {load.Senders} concurrent senders; one intake in-process, {workerProcesses} worker process(es) × {workersPerProcess} worker(s), settle {settle} s"));
            Console.WriteLine();
            Console.WriteLine("| measurement | value |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine(string.Create(inv, $"| studies accepted / refused | {sentAt.Count} / {refused} |"));
            Console.WriteLine(string.Create(inv, $"| jobs done / failed (outputs in the shared store) | {finished.Count - failed} / {failed} |"));
            Console.WriteLine(string.Create(inv, $"| association + C-STORE per study: p50 / p95 | {ServeBenchmark.Percentile(stores, 0.5) * 1000:F0} / {ServeBenchmark.Percentile(stores, 0.95) * 1000:F0} ms |"));
            Console.WriteLine(string.Create(inv, $"| all studies received (wall) | {sendWall:F1} s |"));
            Console.WriteLine(string.Create(inv, $"| latency C-STORE → outputs in the shared store: p50 / p95 / max | {ServeBenchmark.Percentile(latencies, 0.5):F1} / {ServeBenchmark.Percentile(latencies, 0.95):F1} / {(latencies.Count > 0 ? latencies[^1] : 0):F1} s |"));
            Console.WriteLine(string.Create(inv, $"| all jobs done (wall) | {totalWall:F1} s ({latencies.Count / totalWall * 60:F1} studies/min) |"));
            Console.WriteLine(string.Create(inv, $"| worker CPU time per job (all worker processes) | {cpu / Math.Max(1, finished.Count):F2} s |"));
            return refused == 0 && failed == 0 ? 0 : CliErrors.Failure;
        }
        finally
        {
            foreach (var worker in workers)
            {
                if (!worker.HasExited)
                {
                    worker.Kill(entireProcessTree: true);
                }
                await worker.WaitForExitAsync(CancellationToken.None);
                worker.Dispose();
            }
        }
    }

    /// <summary>The intake's forwarded jobs whose outputs are complete in the shared store, with their study.</summary>
    private static List<(string Study, StoredOutcome Outcome)> Finished(JobSpool jobs, SharedJobStore store) =>
        [.. jobs.List(JobState.Done).Where(store.HasOutputs).Select(id => (jobs.Manifest(JobState.Done, id).StudyInstanceUid, store.Outcome(id)!))];

    private static async Task WaitForConsumersAsync(IWorkQueue queue, int consumers, CancellationToken ct)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while ((await queue.DepthAsync(WorkQueues.Jobs, ct))?.Consumers is not { } attached || attached < consumers)
        {
            if (DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"fewer than {consumers} worker(s) consume {WorkQueues.Jobs} after 2 minutes");
            }
            await Task.Delay(250, ct);
        }
    }

    private static double CpuSeconds(Process process)
    {
        try
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (InvalidOperationException)
        {
            return 0; // exited
        }
    }

    /// <summary>`mrsnode serve --role worker` as a process of its own, with its own data directory and config file.</summary>
    private static Process StartWorker(string data, int index, string shared, string brokerUri, int workers)
    {
        var folder = Directory.CreateDirectory(Path.Combine(data, $"worker-{index}")).FullName;
        var config = Path.Combine(folder, "worker.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Node = new { DataDirectory = folder },
            Processing = new { Workers = workers },
            Status = new { Port = 0 },
            Retention = new { DoneJobDays = 0 },
            Queue = new { Kind = "rabbitmq", SharedStore = shared, RabbitMq = new { Uri = brokerUri, ClientName = $"mrsnode bench worker {index}" } },
        }));
        var (program, prefix) = Self();
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in prefix.Concat(["serve", "--role", "worker", "--config", config]))
        {
            psi.ArgumentList.Add(arg);
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start a worker process");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>How to start this mrsnode again: its apphost, or `dotnet mrsnode.dll` when it runs under dotnet.</summary>
    private static (string Program, string[] Prefix) Self()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, [Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly")])
            : (path, []);
    }
}
