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
    /// A single voxel zero-filled to 65536 points: `mrsnode quantify --method lcm` ran 193 s on it on a 2-core test host
    /// (shared), so only a stop heard inside the fit ends it within the node's 30 s shutdown timeout. (This was a 16×16
    /// MRSI grid; the node now refuses MRSI before any fit.)
    /// </summary>
    private const int Points = 65536;

    [Fact]
    public async Task StopAsync_MidFit_StopsWithinSecondsAndRequeuesTheJob()
    {
        var study = LongFitStudy.Write(TestData.NewTempFolder(), Points);
        var node = await TestNode.StartAsync();
        var spool = new JobSpool(Path.Combine(node.DataDirectory, "jobs"));
        var id = JobSpool.NewId();
        TimeSpan stop;
        try
        {
            spool.Create(new JobManifest { Id = id, StudyInstanceUid = "1.2.826.0.1.3680043.2.1143.1", MetaboliteFiles = ["long.dcm"], InputFiles = ["long.dcm"] }, [study]);
            Assert.True(await TestNode.WaitUntilAsync(() => spool.Find(id) == JobState.Running, TimeSpan.FromSeconds(30)));
            await Task.Delay(TimeSpan.FromSeconds(2)); // reading done, into the fit
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
        Assert.Equal(["inputs/long.dcm", "job.json", "starts.txt"], TestNode.FilesUnder(spool.JobFolder(JobState.Queued, id)));
    }
}
