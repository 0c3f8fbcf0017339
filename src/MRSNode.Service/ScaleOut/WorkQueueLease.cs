using MRSNode.Messaging;

namespace MRSNode.Service.ScaleOut;

/// <summary>
/// The node's <see cref="IWorkQueue"/> as the host's container holds it: every call goes to the broker connection,
/// and disposing closes it, from a synchronous Dispose too (the container refuses to dispose a service that is only
/// IAsyncDisposable that way, and `using var host` disposes synchronously).
/// </summary>
public sealed class WorkQueueLease(IWorkQueue inner) : IWorkQueue, IDisposable
{
    private int _disposed;

    public bool Connected => inner.Connected;

    public Task PublishAsync(string queue, WorkMessage message, CancellationToken cancellationToken) =>
        inner.PublishAsync(queue, message, cancellationToken);

    public Task ConsumeAsync(string queue, int prefetch, Func<WorkDelivery, CancellationToken, Task> handler, CancellationToken cancellationToken) =>
        inner.ConsumeAsync(queue, prefetch, handler, cancellationToken);

    public Task<QueueDepth?> DepthAsync(string queue, CancellationToken cancellationToken) => inner.DepthAsync(queue, cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            inner.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
    }
}
