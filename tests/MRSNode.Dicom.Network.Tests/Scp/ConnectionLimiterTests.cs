using System.Net;
using MRSNode.Dicom.Network.Scp;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Scp;

[UnitTest]
public class ConnectionLimiterTests
{
    private static readonly IPAddress _flooder = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress _honest = IPAddress.Parse("192.0.2.2");

    private sealed class Connection
    {
        public bool Closed { get; private set; }
        public bool HasUnreadData { get; set; }
        public ConnectionLimiter.Ticket? Ticket { get; set; }

        public void Close() => Closed = true;
    }

    private static Connection Admit(ConnectionLimiter limiter, IPAddress peer, out int evicted)
    {
        var c = new Connection();
        (c.Ticket, evicted) = limiter.Admit(peer, c.Close, () => c.HasUnreadData);
        return c;
    }

    private static List<Connection> AdmitMany(ConnectionLimiter limiter, IPAddress peer, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => Admit(limiter, peer, out _))];

    [Fact]
    public void TryAssociate_UnassociatedConnectionsHeld_AssociationSlotsStillFree()
    {
        var limiter = new ConnectionLimiter(maxAssociations: 2, maxUnassociated: 11, maxUnassociatedPerPeer: 10);
        AdmitMany(limiter, _flooder, 8);
        var a = Admit(limiter, _honest, out _);
        var b = Admit(limiter, _honest, out _);
        var c = Admit(limiter, _honest, out _);

        Assert.Equal((true, true, false), (limiter.TryAssociate(a.Ticket!), limiter.TryAssociate(b.Ticket!), limiter.TryAssociate(c.Ticket!)));
        Assert.Equal((2, 9), (limiter.Associated, limiter.Unassociated)); // the rejected one still counts until it closes
    }

    [Fact]
    public void Admit_PoolFullOfYoungConnectionsFromOnePeer_OtherPeerPushesOutTheFloodersOldest()
    {
        var limiter = new ConnectionLimiter(maxAssociations: 4, maxUnassociated: 4, maxUnassociatedPerPeer: 2);
        var flood = AdmitMany(limiter, _flooder, 4); // young (not idle yet): within the pool, over its share

        var honest = Admit(limiter, _honest, out int evicted);

        Assert.NotNull(honest.Ticket);
        Assert.Equal(1, evicted);
        Assert.Equal([true, false, false, false], flood.Select(c => c.Closed));
        Assert.True(flood[0].Ticket!.Evicted);
        Assert.False(limiter.TryAssociate(flood[0].Ticket!));
    }

    [Fact]
    public void Admit_PoolFullOfYoungConnectionsFromOnePeer_SamePeerRefused()
    {
        var limiter = new ConnectionLimiter(maxAssociations: 4, maxUnassociated: 4, maxUnassociatedPerPeer: 2);
        var flood = AdmitMany(limiter, _flooder, 4);

        var next = Admit(limiter, _flooder, out int evicted);

        Assert.Null(next.Ticket);
        Assert.Equal(0, evicted);
        Assert.DoesNotContain(flood, c => c.Closed);
        Assert.Equal(4, limiter.Unassociated);
    }

    [Fact]
    public async Task Admit_PoolFullOfIdleConnections_OldestIdleClosedForTheNewcomer()
    {
        var limiter = new ConnectionLimiter(maxAssociations: 4, maxUnassociated: 3, maxUnassociatedPerPeer: 3);
        var held = AdmitMany(limiter, _flooder, 3);
        held[0].HasUnreadData = true; // its A-ASSOCIATE-RQ is waiting to be read: not idle
        await Task.Delay(ConnectionLimiter.MinIdleAge + TimeSpan.FromMilliseconds(100));

        var newcomer = Admit(limiter, _flooder, out int evicted);

        Assert.NotNull(newcomer.Ticket);
        Assert.Equal(1, evicted);
        Assert.Equal([false, true, false], held.Select(c => c.Closed));
    }

    [Fact]
    public void Release_AssociatedAndUnassociated_BothPoolsEmpty()
    {
        var limiter = new ConnectionLimiter(maxAssociations: 1, maxUnassociated: 2, maxUnassociatedPerPeer: 2);
        var a = Admit(limiter, _honest, out _);
        var b = Admit(limiter, _honest, out _);
        limiter.TryAssociate(a.Ticket!);

        limiter.Release(a.Ticket!);
        limiter.Release(b.Ticket!);
        limiter.Release(b.Ticket!); // twice is harmless

        Assert.Equal((0, 0), (limiter.Associated, limiter.Unassociated));
        Assert.True(limiter.TryAssociate(Admit(limiter, _honest, out _).Ticket!));
    }
}
