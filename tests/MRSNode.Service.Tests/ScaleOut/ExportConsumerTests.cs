using Microsoft.Extensions.Logging.Abstractions;
using MRSNode.Messaging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Observability;
using MRSNode.Service.ScaleOut;
using MRSNode.Service.SharedStore;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.ScaleOut;

[UnitTest]
public sealed class ExportConsumerTests : IAsyncDisposable
{
    private readonly SharedJobStore _store = new(TestData.NewTempFolder());
    private readonly FakeWorkQueue _queue = new();

    private (ExportConsumer Consumer, Outbox Outbox, ScaleOutStatus Status) ExportNode()
    {
        var outbox = new Outbox(TestData.NewTempFolder(), [new DestinationOptions { Name = "pacs", AeTitle = "PACS", Host = "127.0.0.1", Port = 104 }]);
        var status = new ScaleOutStatus(NodeRole.Export);
        return (new ExportConsumer(_store, _queue, outbox, status, NullLogger<ExportConsumer>.Instance), outbox, status);
    }

    private WorkMessage Finished(string id)
    {
        _store.ImportJob(id, SharedStore.SharedJobStoreTests.LocalJob(id));
        var outputs = TestData.NewTempFolder();
        File.WriteAllText(Path.Combine(outputs, "sr.dcm"), "sr");
        File.WriteAllText(Path.Combine(outputs, "sc.dcm"), "sc");
        File.WriteAllText(Path.Combine(outputs, "report.pdf"), "pdf");
        var hash = _store.WriteOutputs(id, outputs, new StoredOutcome(StoredOutcome.Done, null, null, DateTimeOffset.UtcNow));
        return new WorkMessage(id, SharedJobStore.OutputsPath(id), hash, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task HandleAsync_FinishedJob_ItsObjectsPendingInTheOutboxThenAcked()
    {
        var (consumer, outbox, status) = ExportNode();
        var delivery = FakeWorkQueue.Deliver(Finished("job-1"));

        await consumer.HandleAsync(delivery, CancellationToken.None);

        Assert.Equal("ack", delivery.Settlement);
        Assert.Equal(["sc.dcm", "sr.dcm"], outbox.Pending("pacs").Select(Path.GetFileName));
        Assert.Equal(1, status.View().Completed);
    }

    [Fact]
    public async Task HandleAsync_RedeliveredAfterTheObjectsWereSent_NothingQueuedAgain()
    {
        var (consumer, outbox, _) = ExportNode();
        var message = Finished("job-1");
        await consumer.HandleAsync(FakeWorkQueue.Deliver(message), CancellationToken.None);
        foreach (var item in outbox.Pending("pacs"))
        {
            outbox.MarkSent("pacs", item);
        }
        var redelivery = FakeWorkQueue.Deliver(message, deliveryCount: 1);

        await consumer.HandleAsync(redelivery, CancellationToken.None);

        Assert.Equal("ack", redelivery.Settlement);
        Assert.Empty(outbox.Pending("pacs"));
    }

    [Fact]
    public async Task HandleAsync_OutputsChangedAfterTheMessage_DeadLettered()
    {
        var (consumer, outbox, status) = ExportNode();
        var message = Finished("job-1");
        File.WriteAllText(Path.Combine(_store.OutputsFolder("job-1"), "sr.dcm"), "tampered");
        var delivery = FakeWorkQueue.Deliver(message);

        await consumer.HandleAsync(delivery, CancellationToken.None);

        Assert.Equal("dead-letter", delivery.Settlement);
        Assert.Empty(outbox.Pending("pacs"));
        Assert.Contains("outputs hash mismatch", _store.FailedReason("job-1"), StringComparison.Ordinal);
        Assert.Equal(1, status.View().Failed);
    }

    [Fact]
    public async Task HandleAsync_OutputsNotFiled_DeadLettered()
    {
        var (consumer, _, _) = ExportNode();
        var delivery = FakeWorkQueue.Deliver(new WorkMessage("job-9", SharedJobStore.OutputsPath("job-9"), new string('0', 64), DateTimeOffset.UtcNow));

        await consumer.HandleAsync(delivery, CancellationToken.None);

        Assert.Equal("dead-letter", delivery.Settlement);
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
