using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MRSNode.Dicom;
using MRSNode.Dicom.Network.Scp;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode bench store`: C-STORE receive throughput of MRSNode's SCP against dcmtk's storescp,
/// both fed by the same dcmtk storescu on loopback, small and large objects, in one run.
/// </summary>
internal static class StoreThroughputBenchmark
{
    public static Command CreateCommand()
    {
        var smallCount = new Option<int>("--small-count") { Description = "Number of small (~17 KB) objects.", DefaultValueFactory = _ => 1000 };
        var largeCount = new Option<int>("--large-count") { Description = "Number of large objects.", DefaultValueFactory = _ => 4 };
        var largeMb = new Option<int>("--large-mb") { Description = "Size of each large object in MB.", DefaultValueFactory = _ => 50 };
        var pdu = new Option<int>("--max-pdu") { Description = "Receive PDU size for both SCPs (storescp allows up to 131072).", DefaultValueFactory = _ => 131072 };
        var repeat = new Option<int>("--repeat") { Description = "Runs per measurement; the best is reported.", DefaultValueFactory = _ => 3 };
        var command = new Command("store", "C-STORE throughput: MRSNode SCP vs dcmtk storescp receiving the same storescu sends.")
        {
            smallCount, largeCount, largeMb, pdu, repeat,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(() => RunAsync(parse.GetValue(smallCount), parse.GetValue(largeCount), parse.GetValue(largeMb),
            parse.GetValue(pdu), Math.Max(1, parse.GetValue(repeat)), ct)));
        return command;
    }

    private static async Task<int> RunAsync(int smallCount, int largeCount, int largeMb, int maxPdu, int repeat, CancellationToken ct)
    {
        foreach (var tool in new[] { "storescu", "storescp" })
        {
            if (!File.Exists("/usr/bin/" + tool))
            {
                throw new InvalidOperationException($"{tool} (dcmtk) is needed for this benchmark: apt-get install dcmtk");
            }
        }
        var root = Path.Combine(Path.GetTempPath(), "mrsnode-bench-store-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            var small = WriteObjects(Path.Combine(root, "small"), smallCount, frames: 2);
            var large = WriteObjects(Path.Combine(root, "large"), largeCount, frames: Math.Max(1, largeMb * 1024 * 1024 / 8192));
            long smallBytes = small.Sum(f => new FileInfo(f).Length), largeBytes = large.Sum(f => new FileInfo(f).Length);

            Console.WriteLine($"# mrsnode bench store — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine($"sender: dcmtk storescu with TCP_NODELAY=1 (one association per set); small: {smallCount} objects, {smallBytes / 1e6:F1} MB; large: {largeCount} objects, {largeBytes / 1e6:F1} MB; max PDU {maxPdu}; best of {repeat}");
            Console.WriteLine();
            Console.WriteLine("| receiver | small: s | small: objects/s | small: MB/s | large: s | large: MB/s |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");

            var results = new Dictionary<string, (double Small, double Large)>();
            foreach (var (name, durable) in new[] { ("MRSNode SCP, fsync per object (node default)", true), ("MRSNode SCP, no fsync (like storescp)", false) })
            {
                var timing = await MeasureAsync(repeat, root, small, large, async (port, folder) =>
                {
                    var handler = new FileStoreHandler(folder) { FlushToDisk = durable };
                    var server = new DicomServer(new DicomServerOptions { RequireCalledAeTitle = false, MaxPduLength = (uint)maxPdu, AcceptedSopClasses = null }, handler, port, IPAddress.Loopback).Start();
                    return async () => await server.DisposeAsync();
                }, ct);
                results[name] = timing;
                Row(name, timing, smallCount, smallBytes, largeBytes);
            }
            var dcmtk = await MeasureAsync(repeat, root, small, large, (port, folder) =>
            {
                var psi = new ProcessStartInfo("/usr/bin/storescp", ["-pm", "--max-pdu", maxPdu.ToString(CultureInfo.InvariantCulture), "-od", folder, port.ToString(CultureInfo.InvariantCulture)])
                { RedirectStandardOutput = true, RedirectStandardError = true };
                psi.Environment["TCP_NODELAY"] = "1";
                var p = Process.Start(psi)!;
                return Task.FromResult<Func<Task>>(() => { p.Kill(); p.WaitForExit(); p.Dispose(); return Task.CompletedTask; });
            }, ct);
            Row("dcmtk storescp", dcmtk, smallCount, smallBytes, largeBytes);
            var like = results["MRSNode SCP, no fsync (like storescp)"];
            Console.WriteLine(FormattableString.Invariant($"| ratio storescp time / MRSNode time (no fsync, like for like) | {dcmtk.Small / like.Small:F2}× | | | {dcmtk.Large / like.Large:F2}× | |"));
            var durableTiming = results["MRSNode SCP, fsync per object (node default)"];
            Console.WriteLine(FormattableString.Invariant($"| ratio storescp time / MRSNode time (MRSNode with fsync) | {dcmtk.Small / durableTiming.Small:F2}× | | | {dcmtk.Large / durableTiming.Large:F2}× | |"));
            return 0;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<(double Small, double Large)> MeasureAsync(int repeat, string root, string[] small, string[] large,
        Func<int, string, Task<Func<Task>>> startReceiver, CancellationToken ct)
    {
        double bestSmall = double.MaxValue, bestLarge = double.MaxValue;
        for (int i = 0; i < repeat + 1; i++) // the first run warms up (JIT, page cache)
        {
            var folder = Path.Combine(root, "received-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            int port = FreePort();
            var stop = await startReceiver(port, folder);
            try
            {
                await WaitListening(port, ct);
                double s = Send(port, small), l = Send(port, large);
                if (i > 0)
                {
                    bestSmall = Math.Min(bestSmall, s);
                    bestLarge = Math.Min(bestLarge, l);
                }
                if (Directory.GetFiles(folder, "*", SearchOption.TopDirectoryOnly).Length != small.Length + large.Length)
                {
                    throw new InvalidOperationException($"receiver stored {Directory.GetFiles(folder).Length} of {small.Length + large.Length} objects");
                }
            }
            finally
            {
                await stop();
                Directory.Delete(folder, recursive: true);
            }
        }
        return (bestSmall, bestLarge);
    }

    private static double Send(int port, string[] files)
    {
        var psi = new ProcessStartInfo("/usr/bin/storescu", ["-aec", "ANY-SCP", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), .. files])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        // dcmtk leaves Nagle's algorithm on unless told; with delayed ACKs that costs ~40 ms per small object
        // whoever receives. Our sockets set NoDelay; give dcmtk the same.
        psi.Environment["TCP_NODELAY"] = "1";
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var elapsed = sw.Elapsed.TotalSeconds;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("storescu failed: " + err.Result);
        }
        return elapsed;
    }

    private static string[] WriteObjects(string folder, int count, int frames)
    {
        Directory.CreateDirectory(folder);
        var template = BenchmarkFiles.MultiFrameSpectroscopy(frames, 1024);
        return Enumerable.Range(0, count).Select(i =>
        {
            template.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomUidGenerator.Default.Generate());
            var path = Path.Combine(folder, i.ToString("D5", CultureInfo.InvariantCulture) + ".dcm");
            template.Save(path);
            return path;
        }).ToArray();
    }

    private static void Row(string name, (double Small, double Large) t, int smallCount, long smallBytes, long largeBytes) =>
        Console.WriteLine(FormattableString.Invariant(
            $"| {name} | {t.Small:F2} | {smallCount / t.Small:F0} | {smallBytes / 1e6 / t.Small:F1} | {t.Large:F2} | {largeBytes / 1e6 / t.Large:F0} |"));

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static async Task WaitListening(int port, CancellationToken ct)
    {
        for (int i = 0; i < 100; i++)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port, ct);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, ct);
            }
        }
        throw new InvalidOperationException($"nothing listens on port {port}");
    }
}
