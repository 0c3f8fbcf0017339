using MRSNode.Messaging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Observability;
using MRSNode.Service.ScaleOut;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.ScaleOut;

[UnitTest]
public sealed class QueueMonitorTests : IAsyncDisposable
{
    private readonly FakeWorkQueue _queue = new();

    [Fact]
    public async Task ObserveAsync_WorkerRole_DepthAndConsumersOfItsQueues()
    {
        var status = new ScaleOutStatus(NodeRole.Worker);
        await _queue.PublishAsync(WorkQueues.Jobs, new WorkMessage("job-1", "jobs/job-1", new string('0', 64), DateTimeOffset.UtcNow), CancellationToken.None);
        await _queue.PublishAsync(WorkQueues.Jobs, new WorkMessage("job-2", "jobs/job-2", new string('0', 64), DateTimeOffset.UtcNow), CancellationToken.None);

        await new QueueMonitor(_queue, status).ObserveAsync(CancellationToken.None);

        var view = status.View();
        Assert.Equal("worker", view.Role);
        Assert.True(view.BrokerReachable);
        Assert.Equal([new QueueView(WorkQueues.DeadLetter, 0, 1), new QueueView(WorkQueues.Exports, 0, 1), new QueueView(WorkQueues.Jobs, 2, 1)], view.Queues);
    }

    [Fact]
    public async Task ObserveAsync_BrokerDown_UnreachableAndDepthsUnknown()
    {
        var status = new ScaleOutStatus(NodeRole.Intake);
        _queue.Down = true;

        await new QueueMonitor(_queue, status).ObserveAsync(CancellationToken.None);

        var view = status.View();
        Assert.False(view.BrokerReachable);
        Assert.Equal("no connection to the broker", view.BrokerError);
        Assert.Equal([new QueueView(WorkQueues.DeadLetter, null, null), new QueueView(WorkQueues.Jobs, null, null)], view.Queues);
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
