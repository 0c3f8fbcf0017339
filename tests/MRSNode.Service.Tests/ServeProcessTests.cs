using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

/// <summary>`mrsnode serve` as a real process: killed with SIGKILL in the middle of a job, then started again.</summary>
[SlowTest]
public class ServeProcessTests
{
    private static readonly string _mrsnode = Path.Combine(AppContext.BaseDirectory, "mrsnode.dll");

    private static Process Serve(string config) => Peers.StartBackground("dotnet", [_mrsnode, "serve", "--config", config]);

    [PeerFact("storescu")]
    public async Task Serve_SigkillWhileJobRuns_RestartCompletesTheJobOnce()
    {
        // A job takes about a second, so the kill can land after it finished; then the scenario starts again in a
        // fresh data folder. Three tries make a lost race vanishingly rare without any test hook in the node.
        KilledNode? killed = null;
        for (int attempt = 1; attempt <= 3 && killed is null; attempt++)
        {
            killed = await KillWhileAJobRuns();
        }
        Assert.True(killed is not null, "three tries, and the job was never caught in running/ before it finished");
        var (data, config, spool, job) = killed.Value;

        using (var second = Serve(config))
        {
            try
            {
                Assert.True(await TestNode.WaitUntilAsync(() => spool.Find(job) == JobState.Done, TimeSpan.FromSeconds(60)));
            }
            finally
            {
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
        }
        Assert.Equal(2, spool.Starts(JobState.Done, job));
        var outbox = TestNode.FilesUnder(Path.Combine(data, "node", "outbox", job));
        Assert.Contains("sr.dcm", outbox);
        Assert.Equal(TestNode.Outputs(spool, job), outbox);
        Assert.Equal(1, spool.Count(JobState.Done));
        Assert.Equal(0, spool.Count(JobState.Failed) + spool.Count(JobState.Queued) + spool.Count(JobState.Running));
    }

    private readonly record struct KilledNode(string Data, string Config, JobSpool Spool, string Job);

    /// <summary>
    /// Starts the node, sends one study and SIGKILLs the node the moment its job shows in running/. Null when the
    /// job got past its pipeline before the kill (the race lost). The watcher is a thread of its own that is running
    /// before the study is sent: on a busy test host, pool-thread continuations can lag by seconds, long enough for
    /// the whole job to finish unseen (a CI failure).
    /// </summary>
    private static async Task<KilledNode?> KillWhileAJobRuns()
    {
        var data = TestData.NewTempFolder();
        int port = Ports.Free();
        var config = Path.Combine(data, "node.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Node = new { DataDirectory = Path.Combine(data, "node"), Port = port, ListenAddress = "127.0.0.1" },
            Processing = new { SettleSeconds = 0.2, Workers = 1, Method = "lcm" },
            Status = new { Port = 0 },
        }));
        var spool = new JobSpool(Path.Combine(data, "node", "jobs"));
        using var node = Serve(config);
        using var stop = new CancellationTokenSource();
        var watcher = new Thread(() =>
        {
            var end = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (DateTime.UtcNow < end && !stop.IsCancellationRequested)
            {
                if (spool.Count(JobState.Running) > 0 || spool.Count(JobState.Done) > 0)
                {
                    break;
                }
                Thread.Sleep(5);
            }
            try
            {
                node.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs
            }
            catch (InvalidOperationException)
            {
                // already exited: the assertions below say what the spool holds
            }
        }) { IsBackground = true, Name = "sigkill-watcher" };
        watcher.Start();
        try
        {
            Assert.True(await Ports.WaitListening(port), "mrsnode serve did not listen");
            var sent = await Task.Run(() => Peers.Run("storescu", ["-aec", "MRSNODE", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), TestData.Path("dicom/siemens-xa60-svs.dcm")]));
            Assert.True(sent.ExitCode == 0, sent.StdErr);
            Assert.True(await Task.Run(() => watcher.Join(TimeSpan.FromSeconds(70))), "the watcher did not finish");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.Run(() => watcher.Join()); // before the process object is disposed: the watcher kills through it
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }
        if (spool.List(JobState.Running) is [var job] && !Directory.Exists(Path.Combine(spool.JobFolder(JobState.Running, job), JobSpool.OutputsFolder)))
        {
            return new KilledNode(data, config, spool, job);
        }
        Assert.True(spool.Count(JobState.Running) + spool.Count(JobState.Done) == 1,
            $"no job ran within 60 s: queued {spool.Count(JobState.Queued)}, done {spool.Count(JobState.Done)}, failed {spool.Count(JobState.Failed)}");
        return null; // the job got past its pipeline before the kill landed
    }
}
