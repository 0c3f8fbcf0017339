namespace MRSNode.Service.Processing;

/// <summary>Wakes the workers when a job is queued, so they need not poll fast; they still poll slowly as a safety net.</summary>
public sealed class WorkSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, int.MaxValue);

    public void Pulse() => _semaphore.Release();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _semaphore.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);

    public void Dispose() => _semaphore.Dispose();
}
