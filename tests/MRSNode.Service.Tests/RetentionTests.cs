using Microsoft.Extensions.Logging.Abstractions;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Maintenance;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

[UnitTest]
public class RetentionTests
{
    [Fact]
    public void Sweep_DoneJobOlderThanRetention_DeletedWithItsSentLedgerFailedJobKept()
    {
        var data = TestData.NewTempFolder();
        var input = Path.Combine(data, "in.dcm");
        File.WriteAllBytes(input, [1]);
        var jobs = new JobSpool(Path.Combine(data, "jobs"));
        var options = new NodeOptions { Destinations = [new DestinationOptions { Name = "PACS" }], Retention = new RetentionSection { DoneJobDays = 30 } };
        var outbox = new Outbox(data, options.Destinations);
        foreach (var id in new[] { "j-1", "j-2" })
        {
            jobs.Create(new JobManifest { Id = id, StudyInstanceUid = "1.2" }, [input]);
            jobs.TryStartNext();
        }
        jobs.Complete("j-1");
        jobs.Fail("j-2", "kept for the physicist");
        outbox.Publish("j-1", [input]);
        outbox.MarkSent("PACS", outbox.Pending("PACS")[0]);
        var service = new RetentionService(jobs, outbox, options, NullLogger<RetentionService>.Instance);

        service.Sweep(DateTimeOffset.UtcNow.AddDays(29));
        Assert.Equal(JobState.Done, jobs.Find("j-1"));

        service.Sweep(DateTimeOffset.UtcNow.AddDays(31));
        Assert.Null(jobs.Find("j-1"));
        Assert.Equal(JobState.Failed, jobs.Find("j-2"));
        Assert.Empty(Directory.GetDirectories(Path.Combine(outbox.DestinationFolder("PACS"), Outbox.SentFolder)));
    }
}
