using System.Collections.Concurrent;
using MRSNode.Messaging;

namespace MRSNode.Service.Tests.ScaleOut;

/// <summary>
/// An in-memory <see cref="IWorkQueue"/> for the roles' unit tests: publishes are recorded per queue (or refused while
/// <see cref="Down"/>), deliveries are made by hand with <see cref="Deliver"/>, and a delivery never settled (its
/// "consumer" died) can be delivered again with a higher count, as the broker does.
/// </summary>
internal sealed class FakeWorkQueue : IWorkQueue
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<WorkMessage>> _queues = new(StringComparer.Ordinal);

    /// <summary>While true the broker is "unreachable": publishes throw and depths are null.</summary>
    public bool Down { get; set; }

    public bool Connected => !Down;

    public IReadOnlyList<WorkMessage> Published(string queue) => _queues.TryGetValue(queue, out var q) ? [.. q] : [];

    public Task PublishAsync(string queue, WorkMessage message, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new WorkQueueUnavailableException("the fake broker is down");
        }
        _queues.GetOrAdd(queue, _ => new ConcurrentQueue<WorkMessage>()).Enqueue(message);
        return Task.CompletedTask;
    }

    public Task ConsumeAsync(string queue, int prefetch, Func<WorkDelivery, CancellationToken, Task> handler, CancellationToken cancellationToken) =>
        Task.Delay(Timeout.Infinite, cancellationToken);

    public Task<QueueDepth?> DepthAsync(string queue, CancellationToken cancellationToken) =>
        Task.FromResult(Down ? null : new QueueDepth(queue, Published(queue).Count, 1));

    public static FakeDelivery Deliver(WorkMessage message, long deliveryCount = 0) => new(message, deliveryCount);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A delivery that records how it was settled.</summary>
internal sealed class FakeDelivery(WorkMessage message, long deliveryCount) : WorkDelivery(message, deliveryCount)
{
    public string? Settlement { get; private set; }

    public override Task AckAsync(CancellationToken cancellationToken)
    {
        Settle("ack");
        return Task.CompletedTask;
    }

    public override Task RejectAsync(bool requeue, CancellationToken cancellationToken)
    {
        Settle(requeue ? "requeue" : "dead-letter");
        return Task.CompletedTask;
    }

    private void Settle(string how)
    {
        if (Settlement is not null)
        {
            throw new InvalidOperationException($"settled twice: {Settlement}, then {how}");
        }
        Settlement = how;
    }
}
