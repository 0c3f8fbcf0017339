using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

/// <summary>`mrsnode serve` as a real process: killed with SIGKILL in the middle of a job, then started again.</summary>
public class ServeProcessTests
{
    private static readonly string _mrsnode = Path.Combine(AppContext.BaseDirectory, "mrsnode.dll");

    private static Process Serve(string config) => Peers.StartBackground("dotnet", [_mrsnode, "serve", "--config", config]);

    [PeerFact("storescu")]
    public async Task Serve_SigkillWhileJobRuns_RestartCompletesTheJobOnce()
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
        string job;
        using (var first = Serve(config))
        {
            try
            {
                Assert.True(await Ports.WaitListening(port), "mrsnode serve did not listen");
                var sent = await Task.Run(() => Peers.Run("storescu", ["-aec", "MRSNODE", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), TestData.Path("dicom/siemens-xa60-svs.dcm")]));
                Assert.True(sent.ExitCode == 0, sent.StdErr);
                Assert.False(first.HasExited, "mrsnode serve exited after listening");
                Assert.True(await TestNode.WaitUntilAsync(() => spool.Count(JobState.Running) == 1, TimeSpan.FromSeconds(30)),
                    $"no running job after 30 s: queued {spool.Count(JobState.Queued)}, done {spool.Count(JobState.Done)}, failed {spool.Count(JobState.Failed)}");
            }
            finally
            {
                first.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs
                await first.WaitForExitAsync();
            }
        }
        job = Assert.Single(spool.List(JobState.Running));
        Assert.False(Directory.Exists(Path.Combine(spool.JobFolder(JobState.Running, job), "outputs")));

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
}
