using MRSNode.Messaging;
using MRSNode.Service.Configuration;

namespace MRSNode.Service.Observability;

/// <summary>A broker queue as this node last saw it (null values: not known, the broker was unreachable).</summary>
public sealed record QueueView(string Name, long? Ready, int? Consumers);

/// <summary>
/// The scaled-out part of /status and the status page: this node's role, whether the broker answers, the depth and
/// consumers of the queues the role uses, and this node's own deliveries in flight, finished and failed.
/// </summary>
public sealed record ScaleOutView(string Role, bool BrokerReachable, string? BrokerError, IReadOnlyList<QueueView> Queues, int InFlight, long Completed, long Failed);

/// <summary>Counters and the last broker view of one role (Queue:Kind rabbitmq), filled by the role's services, read by the status page and /health.</summary>
public sealed class ScaleOutStatus(NodeRole role)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, QueueView> _queues = new(StringComparer.Ordinal);
    private bool _reachable = true;
    private string? _brokerError;
    private int _inFlight;
    private long _completed;
    private long _failed;

    public NodeRole Role { get; } = role;

    /// <summary>What the broker said of a queue; null: it could not be asked.</summary>
    public void Observed(string queue, QueueDepth? depth)
    {
        lock (_lock)
        {
            _queues[queue] = new QueueView(queue, depth?.Ready, depth?.Consumers);
        }
    }

    public void BrokerReachable()
    {
        lock (_lock)
        {
            _reachable = true;
            _brokerError = null;
        }
    }

    public void BrokerUnreachable(string error)
    {
        lock (_lock)
        {
            _reachable = false;
            _brokerError = ErrorText.Clean(error);
        }
    }

    public bool IsBrokerReachable
    {
        get
        {
            lock (_lock)
            {
                return _reachable;
            }
        }
    }

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Ended() => Interlocked.Decrement(ref _inFlight);

    public void Completed() => Interlocked.Increment(ref _completed);

    public void Failed() => Interlocked.Increment(ref _failed);

    public ScaleOutView View()
    {
        lock (_lock)
        {
            return new ScaleOutView(Role.ToString().ToLowerInvariant(), _reachable, _brokerError,
                [.. _queues.Values.OrderBy(q => q.Name, StringComparer.Ordinal)], Volatile.Read(ref _inFlight), Interlocked.Read(ref _completed), Interlocked.Read(ref _failed));
        }
    }
}
