using MRSNode.Messaging;

namespace MRSNode.Service.ScaleOut;

/// <summary>
/// Owns the node's <see cref="IWorkQueue"/> for the host's container, which disposes it with the host (also from a
/// synchronous Dispose, where a service that is only IAsyncDisposable would throw).
/// </summary>
public sealed class WorkQueueLease(IWorkQueue queue) : IDisposable, IAsyncDisposable
{
    private int _disposed;

    public IWorkQueue Queue { get; } = queue;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await Queue.DisposeAsync().ConfigureAwait(false);
        }
    }
}
