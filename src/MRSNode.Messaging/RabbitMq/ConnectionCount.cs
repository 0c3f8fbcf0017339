namespace MRSNode.Messaging.RabbitMq;

/// <summary>The broker connections a queue has open (its publisher's and its consumers'), for <see cref="IWorkQueue.Connected"/>.</summary>
internal sealed class ConnectionCount
{
    private int _open;

    public bool Any => Volatile.Read(ref _open) > 0;

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);
}
