using Microsoft.Extensions.Logging.Abstractions;
using MRSNode.Messaging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Observability;
using MRSNode.Service.Processing;
using MRSNode.Service.ScaleOut;
using MRSNode.Service.SharedStore;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.ScaleOut;

/// <summary>
/// The worker role's exactly-once logic against the fake queue. Each "worker" is a JobConsumer over its own local
/// spool, whose jobs a stand-in for WorkerService completes (outputs named after the job), counting the runs.
/// </summary>
[UnitTest]
public sealed class JobConsumerTests : IAsyncDisposable
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);
    private readonly SharedJobStore _store = new(TestData.NewTempFolder());
    private readonly FakeWorkQueue _queue = new();

    private sealed class Worker : IDisposable
    {
        public Worker(SharedJobStore store, IWorkQueue queue)
        {
            var options = new NodeOptions();
            Jobs = new JobSpool(Path.Combine(TestData.NewTempFolder(), "jobs"));
            Status = new ScaleOutStatus(NodeRole.Worker);
            Consumer = new JobConsumer(Jobs, store, queue, options, Signal, new NotProcessedReport(new OutputsStayInJobFolder(), NodePipelineSettings.From(options)),
                Status, NullLogger<JobConsumer>.Instance);
        }

        public JobSpool Jobs { get; }
        public WorkSignal Signal { get; } = new();
        public ScaleOutStatus Status { get; }
        public JobConsumer Consumer { get; }
        public int Runs { get; private set; }

        /// <summary>Stands in for WorkerService: runs every queued job until cancelled.</summary>
        public async Task RunJobsAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                if (Jobs.TryStartNext() is { } id)
                {
                    Runs++;
                    var outputs = Directory.CreateDirectory(Path.Combine(Jobs.JobFolder(JobState.Running, id), JobSpool.OutputsFolder)).FullName;
                    File.WriteAllText(Path.Combine(outputs, "sr.dcm"), "result of " + id);
                    File.WriteAllText(Path.Combine(outputs, "results.json"), "{\"verdict\": \"normal\"}");
                    Jobs.Complete(id);
                }
                await Task.Delay(20, CancellationToken.None);
            }
        }

        public void Dispose() => Signal.Dispose();
    }

    private WorkMessage Forwarded(string id)
    {
        var hash = _store.ImportJob(id, SharedStore.SharedJobStoreTests.LocalJob(id));
        return new WorkMessage(id, SharedJobStore.JobPath(id), hash, DateTimeOffset.UtcNow);
    }

    private static async Task HandleWithWorkerAsync(Worker worker, FakeDelivery delivery)
    {
        using var stop = new CancellationTokenSource(Hang);
        var jobs = worker.RunJobsAsync(stop.Token);
        await worker.Consumer.HandleAsync(delivery, stop.Token);
        await stop.CancelAsync();
        await jobs;
    }

    [Fact]
    public async Task HandleAsync_NewJob_RunOnceOutputsFiledExportPublishedThenAcked()
    {
        using var worker = new Worker(_store, _queue);
        var delivery = FakeWorkQueue.Deliver(Forwarded("job-1"));

        await HandleWithWorkerAsync(worker, delivery);

        Assert.Equal("ack", delivery.Settlement);
        Assert.Equal(1, worker.Runs);
        Assert.Equal("result of job-1", File.ReadAllText(Path.Combine(_store.OutputsFolder("job-1"), "sr.dcm")));
        Assert.Equal("normal", _store.Outcome("job-1")!.Verdict);
        var export = Assert.Single(_queue.Published(WorkQueues.Exports));
        Assert.Equal(("job-1", "jobs/job-1/outputs", _store.OutputsHash("job-1")), (export.Id, export.StorePath, export.Sha256));
        Assert.Equal((0, 1L, 0L), (worker.Status.View().InFlight, worker.Status.View().Completed, worker.Status.View().Failed));
    }

    [Fact]
    public async Task HandleAsync_RedeliveryOfAFinishedJob_NotRunAgainExportPublishedAgain()
    {
        using var first = new Worker(_store, _queue);
        var message = Forwarded("job-1");
        await HandleWithWorkerAsync(first, FakeWorkQueue.Deliver(message));
        // The first worker died after filing the outputs, before its ack reached the broker: the broker redelivers.
        using var second = new Worker(_store, _queue);
        var redelivery = FakeWorkQueue.Deliver(message, deliveryCount: 1);

        await HandleWithWorkerAsync(second, redelivery);

        Assert.Equal("ack", redelivery.Settlement);
        Assert.Equal(0, second.Runs);
        Assert.Null(second.Jobs.Find("job-1"));
        Assert.Equal(2, _queue.Published(WorkQueues.Exports).Count);
        Assert.All(_queue.Published(WorkQueues.Exports), m => Assert.Equal(_store.OutputsHash("job-1"), m.Sha256));
    }

    [Fact]
    public async Task HandleAsync_RedeliveryAfterAWorkerDiedMidJob_RunOnceByTheNextWorker()
    {
        using var dead = new Worker(_store, _queue);
        var message = Forwarded("job-1");
        using (var killed = new CancellationTokenSource())
        {
            var handling = dead.Consumer.HandleAsync(FakeWorkQueue.Deliver(message), killed.Token); // no one runs its jobs: it is "mid-job"
            await TestNode.WaitUntilAsync(() => dead.Jobs.Find("job-1") == JobState.Queued, Hang);
            await killed.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handling);
        }
        using var next = new Worker(_store, _queue);
        var redelivery = FakeWorkQueue.Deliver(message, deliveryCount: 1);

        await HandleWithWorkerAsync(next, redelivery);

        Assert.Equal("ack", redelivery.Settlement);
        Assert.Equal((0, 1), (dead.Runs, next.Runs));
        Assert.Single(_queue.Published(WorkQueues.Exports));
    }

    [Fact]
    public async Task HandleAsync_PayloadChangedInTheStore_DeadLetteredAndRecordedFailed()
    {
        using var worker = new Worker(_store, _queue);
        var message = Forwarded("job-1");
        File.WriteAllText(Path.Combine(_store.JobFolder("job-1"), "inputs", "a.dcm"), "tampered");
        var delivery = FakeWorkQueue.Deliver(message);

        await HandleWithWorkerAsync(worker, delivery);

        Assert.Equal("dead-letter", delivery.Settlement);
        Assert.Equal(0, worker.Runs);
        Assert.Contains("payload hash mismatch", _store.FailedReason("job-1"), StringComparison.Ordinal);
        Assert.Empty(_queue.Published(WorkQueues.Exports));
        Assert.Equal(1, worker.Status.View().Failed);
    }

    [Theory]
    [InlineData("../../etc", "jobs/../../etc")]
    [InlineData("job-1", "jobs/job-2")]
    public async Task HandleAsync_IdOrPathNotAJob_DeadLettered(string id, string storePath)
    {
        using var worker = new Worker(_store, _queue);
        Forwarded("job-1");
        var delivery = FakeWorkQueue.Deliver(new WorkMessage(id, storePath, new string('0', 64), DateTimeOffset.UtcNow));

        await HandleWithWorkerAsync(worker, delivery);

        Assert.Equal("dead-letter", delivery.Settlement);
        Assert.Equal(0, worker.Runs);
    }

    [Fact]
    public async Task HandleAsync_DeliveredMaxStartsTimesAlready_NotRunFailedAndAcked()
    {
        using var worker = new Worker(_store, _queue);
        var delivery = FakeWorkQueue.Deliver(Forwarded("job-1"), deliveryCount: 3); // Processing:MaxStarts 3

        await HandleWithWorkerAsync(worker, delivery);

        Assert.Equal("ack", delivery.Settlement);
        Assert.Equal(0, worker.Runs);
        Assert.Equal(JobState.Failed, worker.Jobs.Find("job-1"));
        // The inputs are no DICOM, so no "not processed" report could be rendered: the failure is recorded instead.
        Assert.Contains("the workers stopped 3 times", _store.FailedReason("job-1"), StringComparison.Ordinal);
        Assert.Empty(_queue.Published(WorkQueues.Exports));
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
