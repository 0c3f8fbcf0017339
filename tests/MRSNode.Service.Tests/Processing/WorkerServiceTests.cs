using System.Diagnostics;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Service.Tests.Processing;

[SlowTest]
public sealed class WorkerServiceTests(ITestOutputHelper output)
{
    /// <summary>
    /// 16×16 voxels: the whole job ran 383 s on a 2-core test host (the 8×8 grid 106 s), so only a stop heard in the
    /// per-voxel loops ends it within the node's 30 s shutdown timeout.
    /// </summary>
    private const int Side = 16;

    [Fact]
    public async Task StopAsync_MidMrsiJob_StopsWithinSecondsAndRequeuesTheJob()
    {
        var mrsi = MrsiStudy.Write(TestData.NewTempFolder(), Side);
        var node = await TestNode.StartAsync();
        var spool = new JobSpool(Path.Combine(node.DataDirectory, "jobs"));
        var id = JobSpool.NewId();
        TimeSpan stop;
        try
        {
            spool.Create(new JobManifest { Id = id, StudyInstanceUid = "1.2.826.0.1.3680043.2.1143.1", MetaboliteFiles = ["mrsi.dcm"], InputFiles = ["mrsi.dcm"] }, [mrsi]);
            Assert.True(await TestNode.WaitUntilAsync(() => spool.Find(id) == JobState.Running, TimeSpan.FromSeconds(30)));
            await Task.Delay(TimeSpan.FromSeconds(2)); // reading done, into the voxels
            Assert.Equal(JobState.Running, spool.Find(id));
        }
        finally
        {
            var clock = Stopwatch.StartNew();
            await node.DisposeAsync();
            stop = clock.Elapsed;
        }

        output.WriteLine($"stopped in {stop.TotalSeconds:F2} s");
        Assert.InRange(stop.TotalSeconds, 0, 10);
        Assert.Equal(JobState.Queued, spool.Find(id));
        Assert.Equal(0, spool.Starts(JobState.Queued, id));
        Assert.Equal(["inputs/mrsi.dcm", "job.json", "starts.txt"], TestNode.FilesUnder(spool.JobFolder(JobState.Queued, id)));
    }
}
