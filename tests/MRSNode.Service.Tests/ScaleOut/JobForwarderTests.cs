using Microsoft.Extensions.Logging.Abstractions;
using MRSNode.Messaging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Observability;
using MRSNode.Service.Processing;
using MRSNode.Service.ScaleOut;
using MRSNode.Service.SharedStore;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.ScaleOut;

[UnitTest]
public sealed class JobForwarderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly JobSpool _jobs = new(Path.Combine(TestData.NewTempFolder(), "jobs"));
    private readonly SharedJobStore _store = new(TestData.NewTempFolder());
    private readonly FakeWorkQueue _queue = new();
    private readonly WorkSignal _signal = new();
    private readonly ScaleOutStatus _status = new(NodeRole.Intake);

    private JobForwarder Forwarder() => new(_jobs, _store, _queue, _signal, _status, NullLogger<JobForwarder>.Instance);

    private void Queue(string id, string? failure = null)
    {
        var input = Path.Combine(TestData.NewTempFolder(), "a.dcm");
        File.WriteAllText(input, "bytes of " + id);
        _jobs.Create(new JobManifest { Id = id, StudyInstanceUid = "1.2.3", MetaboliteFiles = ["a.dcm"], InputFiles = ["a.dcm"] }, [input], failure);
    }

    [Fact]
    public async Task ForwardPending_BrokerUp_OneMessagePerJobWithTheStoreHashAndJobsDoneLocally()
    {
        Queue("job-1");
        Queue("job-2");

        int forwarded = await Forwarder().ForwardPendingAsync(Now, CancellationToken.None);

        Assert.Equal(2, forwarded);
        var messages = _queue.Published(WorkQueues.Jobs);
        Assert.Equal(["job-1", "job-2"], messages.Select(m => m.Id));
        Assert.Equal("jobs/job-1", messages[0].StorePath);
        Assert.Equal(PayloadHash.OfJob(_store.JobFolder("job-1")), messages[0].Sha256);
        Assert.Equal(Now, messages[0].CreatedUtc);
        Assert.Equal(0, _jobs.Count(JobState.Queued));
        Assert.Equal(JobState.Done, _jobs.Find("job-1"));
        Assert.True(_jobs.IsForwarded(JobState.Done, "job-1"));
        Assert.Equal(2, _status.View().Completed);
    }

    [Fact]
    public async Task ForwardPending_BrokerDownThenBack_JobsWaitQueuedThenGoOnce()
    {
        Queue("job-1");
        Queue("job-2");
        _queue.Down = true;

        await Assert.ThrowsAsync<WorkQueueUnavailableException>(() => Forwarder().ForwardPendingAsync(Now, CancellationToken.None));
        Assert.Equal(2, _jobs.Count(JobState.Queued));
        Assert.Empty(_queue.Published(WorkQueues.Jobs));

        _queue.Down = false;
        Queue("job-3"); // accepted while the broker was away
        int forwarded = await Forwarder().ForwardPendingAsync(Now, CancellationToken.None);

        Assert.Equal(3, forwarded);
        Assert.Equal(["job-1", "job-2", "job-3"], _queue.Published(WorkQueues.Jobs).Select(m => m.Id));
        Assert.Equal(0, await Forwarder().ForwardPendingAsync(Now, CancellationToken.None)); // nothing doubled
        Assert.Equal(3, _queue.Published(WorkQueues.Jobs).Count);
    }

    [Fact]
    public async Task ForwardPending_FailedAtAssemblyWithItsReport_GoesToTheExportsQueueAsFailed()
    {
        Queue("job-1", failure: "no reader accepts the object");
        var outputs = Directory.CreateDirectory(Path.Combine(_jobs.JobFolder(JobState.Failed, "job-1"), JobSpool.OutputsFolder)).FullName;
        File.WriteAllText(Path.Combine(outputs, "sr.dcm"), "not processed");

        await Forwarder().ForwardPendingAsync(Now, CancellationToken.None);

        var message = Assert.Single(_queue.Published(WorkQueues.Exports));
        Assert.Equal("jobs/job-1/outputs", message.StorePath);
        Assert.Equal(_store.OutputsHash("job-1"), message.Sha256);
        Assert.Equal(StoredOutcome.Failed, _store.Outcome("job-1")!.State);
        Assert.Equal("no reader accepts the object", _store.Outcome("job-1")!.Error);
        Assert.Empty(_queue.Published(WorkQueues.Jobs));
        Assert.True(_jobs.IsForwarded(JobState.Failed, "job-1"));
        Assert.Equal(0, await Forwarder().ForwardPendingAsync(Now, CancellationToken.None));
    }

    [Fact]
    public async Task ForwardPending_FailedAtAssemblyReportNotYetWritten_Waits()
    {
        Queue("job-1", failure: "no reader accepts the object");

        int forwarded = await Forwarder().ForwardPendingAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(0, forwarded);
        Assert.False(_jobs.IsForwarded(JobState.Failed, "job-1"));
    }

    public void Dispose() => _signal.Dispose();
}
