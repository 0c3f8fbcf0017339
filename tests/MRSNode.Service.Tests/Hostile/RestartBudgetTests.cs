using System.Text.Json;
using MRSNode.Service.Spool;
using MRSNode.Service.Tests.Processing;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>
/// Issue 25, finding 10, with the real process: `mrsnode serve` with two workers is killed with SIGKILL three times.
/// The first kill finds two jobs running and is counted against neither; afterwards they run one at a time, so each
/// later kill is counted against the one job that ran, never against the study waiting beside it.
/// </summary>
[SlowTest]
public class RestartBudgetTests
{
    private static readonly string _mrsnode = Path.Combine(AppContext.BaseDirectory, "mrsnode.dll");
    private const string First = "20250101T000000000-first-1", Second = "20250101T000000001-second-1";

    private static JobManifest Manifest(string id) =>
        new() { Id = id, StudyInstanceUid = "1.2.826.0.1.3680043.2.1143.10", MetaboliteFiles = ["long.dcm"], InputFiles = ["long.dcm"] };

    /// <summary>Starts the node, waits until <paramref name="running"/> holds, then SIGKILLs it (no shutdown code runs).</summary>
    private static async Task KillWhenAsync(string config, Func<bool> running)
    {
        using var node = Peers.StartBackground("dotnet", [_mrsnode, "serve", "--config", config]);
        try
        {
            Assert.True(await TestNode.WaitUntilAsync(running, TimeSpan.FromSeconds(60)), "the jobs did not reach the expected state");
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Serve_KilledThreeTimesWithTwoWorkers_OnlyTheJobRunningAloneIsCounted()
    {
        var data = TestData.NewTempFolder();
        var config = Path.Combine(data, "node.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Node = new { DataDirectory = Path.Combine(data, "node"), Port = Ports.Free(), ListenAddress = "127.0.0.1" },
            Processing = new { SettleSeconds = 0.2, Workers = 2, Method = "lcm" },
            Status = new { Port = 0 },
        }));
        var study = LongFitStudy.Write(TestData.NewTempFolder(), 65536); // minutes of fitting: still running at each kill
        var spool = new JobSpool(Path.Combine(data, "node", "jobs"));
        spool.Create(Manifest(First), [study]);
        spool.Create(Manifest(Second), [study]);

        await KillWhenAsync(config, () => spool.Count(JobState.Running) == 2);
        Assert.Equal(1, spool.Starts(JobState.Running, First));
        Assert.Equal(1, spool.Starts(JobState.Running, Second));

        // Restart: both requeued uncounted and marked to run alone; the first runs, the second waits.
        await KillWhenAsync(config, () => spool.Find(First) == JobState.Running && spool.RunsAlone(JobState.Queued, Second));
        Assert.Equal(1, spool.Starts(JobState.Running, First)); // this start only
        Assert.Equal(0, spool.Starts(JobState.Queued, Second));

        // Restart: the first ran alone when the node died, so that crash is its own.
        await KillWhenAsync(config, () => spool.Find(First) == JobState.Running && spool.Starts(JobState.Running, First) == 2);
        Assert.Equal(JobState.Queued, spool.Find(Second));
        Assert.Equal(0, spool.Starts(JobState.Queued, Second));
        Assert.Equal(1, spool.Count(JobState.Running));
    }
}
