using System.Net;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>
/// Counts the SCP's connections in two pools so that sockets which never associate cannot take association slots:
/// connections still before their A-ASSOCIATE-RQ (TLS handshake included) are bounded apart from associations
/// (<see cref="DicomServerOptions.MaxAssociations"/>). When the unassociated pool is full, room is made by closing
/// (1) the oldest <em>idle</em> unassociated connection (at least <see cref="MinIdleAge"/> old, nothing unread), else
/// (2) when the newcomer's address is within its share (<c>maxUnassociatedPerPeer</c>), the oldest connection of the
/// address holding the most; else (3) the newcomer is refused. An address over its share also loses its own oldest
/// idle connection first. So a flood of idle sockets costs its sender its own old sockets, while an honest peer's
/// fresh connection, which sends its A-ASSOCIATE-RQ at once, still gets through. The pool is a hard bound: file
/// descriptors held by strangers stay below it.
/// </summary>
internal sealed class ConnectionLimiter(int maxAssociations, int maxUnassociated, int maxUnassociatedPerPeer)
{
    /// <summary>Younger connections are not idle yet: an honest peer may still be between connect and its first write.</summary>
    public static readonly TimeSpan MinIdleAge = TimeSpan.FromSeconds(1);

    private readonly object _lock = new();
    private readonly LinkedList<Ticket> _unassociated = new(); // oldest first
    private readonly Dictionary<IPAddress, int> _unassociatedPerPeer = [];
    private int _associated;

    /// <summary>One connection's place in the pools; <see cref="Evicted"/> says it was closed to make room.</summary>
    public sealed class Ticket(IPAddress peer, Action close, Func<bool> hasUnreadData, long admittedAt)
    {
        internal IPAddress Peer { get; } = peer;
        internal Action Close { get; } = close;
        internal Func<bool> HasUnreadData { get; } = hasUnreadData;
        internal long AdmittedAt { get; } = admittedAt;
        internal LinkedListNode<Ticket>? Node { get; set; }
        internal bool Associated { get; set; }
        public bool Evicted { get; internal set; }
    }

    public int Unassociated
    {
        get
        {
            lock (_lock)
            {
                return _unassociated.Count;
            }
        }
    }

    public int Associated => Volatile.Read(ref _associated);

    /// <summary>
    /// Admits a new connection as unassociated. <paramref name="close"/> is called (outside the lock) if it is evicted
    /// later; <paramref name="hasUnreadData"/> tells whether the peer sent bytes not yet read (then it is not idle).
    /// </summary>
    /// <returns>The ticket, or null when refused (close the socket); and how many older connections were closed to make room.</returns>
    public (Ticket? Ticket, int Evicted) Admit(IPAddress peer, Action close, Func<bool> hasUnreadData)
    {
        ArgumentNullException.ThrowIfNull(peer);
        long now = Environment.TickCount64;
        var victims = new List<Ticket>();
        Ticket? ticket = null;
        lock (_lock)
        {
            int mine = _unassociatedPerPeer.GetValueOrDefault(peer);
            if (mine >= maxUnassociatedPerPeer && OldestIdle(peer, now) is { } own)
            {
                Evict(own, victims);
                mine--;
            }
            if (_unassociated.Count >= maxUnassociated)
            {
                var victim = OldestIdle(null, now);
                if (victim is null && mine < maxUnassociatedPerPeer && BusiestPeer() is { } busiest && _unassociatedPerPeer[busiest] >= maxUnassociatedPerPeer)
                {
                    victim = Oldest(busiest);
                }
                if (victim is not null)
                {
                    Evict(victim, victims);
                }
            }
            if (_unassociated.Count < maxUnassociated)
            {
                ticket = new Ticket(peer, close, hasUnreadData, now);
                ticket.Node = _unassociated.AddLast(ticket);
                _unassociatedPerPeer[peer] = _unassociatedPerPeer.GetValueOrDefault(peer) + 1;
            }
        }
        foreach (var victim in victims)
        {
            victim.Close();
        }
        return (ticket, victims.Count);
    }

    /// <summary>
    /// Moves the connection to the associated pool if a slot is free. Otherwise it stays unassociated (and evictable)
    /// while it waits for ARTIM after its rejection, so rejected sockets are bounded too.
    /// </summary>
    public bool TryAssociate(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        lock (_lock)
        {
            if (ticket.Evicted || _associated >= maxAssociations)
            {
                return false;
            }
            Remove(ticket);
            ticket.Associated = true;
            _associated++;
            return true;
        }
    }

    /// <summary>The connection has ended: frees whatever it held.</summary>
    public void Release(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        lock (_lock)
        {
            Remove(ticket);
            if (ticket.Associated)
            {
                ticket.Associated = false;
                _associated--;
            }
        }
    }

    private void Evict(Ticket victim, List<Ticket> victims)
    {
        Remove(victim);
        victim.Evicted = true;
        victims.Add(victim);
    }

    private void Remove(Ticket ticket)
    {
        if (ticket.Node is { } node)
        {
            _unassociated.Remove(node);
            ticket.Node = null;
            int left = _unassociatedPerPeer[ticket.Peer] - 1;
            if (left == 0)
            {
                _unassociatedPerPeer.Remove(ticket.Peer);
            }
            else
            {
                _unassociatedPerPeer[ticket.Peer] = left;
            }
        }
    }

    private IPAddress? BusiestPeer() => _unassociatedPerPeer.Count == 0 ? null : _unassociatedPerPeer.MaxBy(p => p.Value).Key;

    private Ticket? Oldest(IPAddress peer)
    {
        for (var node = _unassociated.First; node is not null; node = node.Next)
        {
            if (node.Value.Peer.Equals(peer))
            {
                return node.Value;
            }
        }
        return null;
    }

    /// <summary>The oldest connection (of <paramref name="peer"/>, or of anyone when null) that is old enough and has sent nothing unread.</summary>
    private Ticket? OldestIdle(IPAddress? peer, long now)
    {
        long minAge = (long)MinIdleAge.TotalMilliseconds;
        for (var node = _unassociated.First; node is not null && now - node.Value.AdmittedAt >= minAge; node = node.Next)
        {
            if ((peer is null || node.Value.Peer.Equals(peer)) && !node.Value.HasUnreadData())
            {
                return node.Value;
            }
        }
        return null;
    }
}
