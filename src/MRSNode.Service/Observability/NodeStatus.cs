using MRSNode.Quantification.Results;

namespace MRSNode.Service.Observability;

/// <summary>A finished job as the status page shows it.</summary>
public sealed record RecentJob(string Id, string StudyInstanceUid, string State, StudyVerdict? Verdict, string? Detail, DateTimeOffset FinishedUtc);

/// <summary>How sending to one destination goes.</summary>
public sealed record DestinationState(
    string Name,
    string Address,
    DateTimeOffset? LastSuccessUtc,
    string? LastError,
    int ConsecutiveFailures,
    DateTimeOffset? NextAttemptUtc,
    long Sent);

/// <summary>
/// The in-memory part of the node's state for the status page (the spool folders are the rest, counted on
/// request): objects received since start, recently finished jobs, each destination's last outcome.
/// </summary>
public sealed class NodeStatus
{
    private const int RecentCapacity = 50;
    private readonly object _lock = new();
    private readonly LinkedList<RecentJob> _recent = new();
    private readonly Dictionary<string, DestinationState> _destinations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _running = new(StringComparer.Ordinal);
    private long _received;

    public DateTimeOffset StartedUtc { get; } = DateTimeOffset.UtcNow;

    public long ObjectsReceived => Interlocked.Read(ref _received);

    public void ObjectReceived() => Interlocked.Increment(ref _received);

    /// <summary>A worker took a job (for /health: a job running far longer than usual is a stuck worker).</summary>
    public void JobStarted(string id, DateTimeOffset startedUtc)
    {
        lock (_lock)
        {
            _running[id] = startedUtc;
        }
    }

    /// <summary>A worker let go of a job: finished, failed or requeued.</summary>
    public void JobEnded(string id)
    {
        lock (_lock)
        {
            _running.Remove(id);
        }
    }

    /// <summary>The jobs workers run now, with when each started.</summary>
    public IReadOnlyList<(string Id, DateTimeOffset StartedUtc)> RunningJobs()
    {
        lock (_lock)
        {
            return [.. _running.OrderBy(r => r.Value).Select(r => (r.Key, r.Value))];
        }
    }

    public void JobFinished(RecentJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        job = job.Detail is { } detail ? job with { Detail = ErrorText.Clean(detail) } : job;
        lock (_lock)
        {
            _recent.AddFirst(job);
            while (_recent.Count > RecentCapacity)
            {
                _recent.RemoveLast();
            }
        }
    }

    public IReadOnlyList<RecentJob> RecentJobs()
    {
        lock (_lock)
        {
            return [.. _recent];
        }
    }

    public void Destination(DestinationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_lock)
        {
            _destinations[state.Name] = state;
        }
    }

    public IReadOnlyList<DestinationState> Destinations()
    {
        lock (_lock)
        {
            return [.. _destinations.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
        }
    }
}
