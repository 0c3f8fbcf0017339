namespace MRSNode.Messaging;

/// <summary>
/// A durable work queue shared by several processes on several machines. Queues are named by <see cref="WorkQueues"/>.
/// Delivery is at least once: a message whose consumer dies before it acknowledged it is delivered again, so every
/// consumer is idempotent by <see cref="WorkMessage.Id"/>.
/// </summary>
public interface IWorkQueue : IAsyncDisposable
{
    /// <summary>True while a connection to the broker is open.</summary>
    bool Connected { get; }

    /// <summary>
    /// Publishes persistently and returns once the broker has confirmed it (publisher confirm). Throws
    /// <see cref="WorkQueueUnavailableException"/> when the broker cannot be reached or does not confirm within the
    /// timeout: the caller keeps the work in its own durable spool and tries again later.
    /// </summary>
    Task PublishAsync(string queue, WorkMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Consumes <paramref name="queue"/> until <paramref name="cancellationToken"/> ends, at most
    /// <paramref name="prefetch"/> unacknowledged deliveries at a time, reconnecting with backoff when the broker goes
    /// away. The handler settles each delivery (<see cref="WorkDelivery.AckAsync"/> after its durable step, or
    /// <see cref="WorkDelivery.RejectAsync"/>); an exception from the handler rejects with requeue.
    /// </summary>
    Task ConsumeAsync(string queue, int prefetch, Func<WorkDelivery, CancellationToken, Task> handler, CancellationToken cancellationToken);

    /// <summary>Depth and consumers of a queue as the broker reports them; null when the broker is unreachable.</summary>
    Task<QueueDepth?> DepthAsync(string queue, CancellationToken cancellationToken);
}

/// <summary>A queue as the broker sees it: messages ready (not delivered) and the consumers attached.</summary>
public sealed record QueueDepth(string Queue, long Ready, int Consumers);

/// <summary>The broker cannot be reached, or did not confirm a publish in time.</summary>
public sealed class WorkQueueUnavailableException : Exception
{
    public WorkQueueUnavailableException()
    {
    }

    public WorkQueueUnavailableException(string message) : base(message)
    {
    }

    public WorkQueueUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
