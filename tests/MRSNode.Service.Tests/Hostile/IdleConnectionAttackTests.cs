using System.Globalization;
using System.Net;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Dicom.Network.Tls;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>
/// Issue 25 finding 3: TCP connections that never send a byte locked every association out while held (measured
/// with 40 and 300 against Node:MaxAssociations 32). Unassociated connections now have their own bounded pool
/// (Node:MaxUnassociatedConnections 64, oldest idle closed first), so an honest peer still associates.
/// </summary>
[SlowTest]
public class IdleConnectionAttackTests
{
    // ConnectionLimiter.MinIdleAge is 1 s: only older connections count as idle and may be closed to make room.
    private static readonly TimeSpan _idleAge = TimeSpan.FromSeconds(1.5);

    [PeerFact("echoscu")]
    public async Task Associate_300IdleSocketsHeld_HonestEchoscuAssociates()
    {
        await using var node = await TestNode.StartAsync();
        var idle = await HostilePeer.OpenIdleAsync(node.Port, 300);
        try
        {
            await Task.Delay(_idleAge);

            var echo = await Task.Run(() => Peers.Run("echoscu", ["-aet", "SCANNER", "-aec", "MRSNODE", "127.0.0.1", node.Port.ToString(CultureInfo.InvariantCulture)]));

            Assert.True(echo.ExitCode == 0, echo.StdErr);
            Assert.True(idle.Count >= 200, $"only {idle.Count} idle connections could be opened");
            Assert.True(await TestNode.WaitUntilAsync(() => idle.Count(c => !HostilePeer.ClosedByNode(c)) <= 64, TimeSpan.FromSeconds(10)),
                $"{idle.Count(c => !HostilePeer.ClosedByNode(c))} idle connections still open, more than Node:MaxUnassociatedConnections 64");
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Associate_300IdleSocketsFromOneAddress_SecondAddressAssociatesAtOnce()
    {
        // No wait for the idle age: a peer within its per-address share pushes out the flooding address's oldest.
        await using var node = await TestNode.StartAsync();
        var idle = await HostilePeer.OpenIdleAsync(node.Port, 300);
        try
        {
            await using var honest = await HostilePeer.ConnectAsync(node.Port, IPAddress.Parse("127.0.0.2"));

            await honest.SendAsync(HostilePeer.AssociateRequest());

            var answer = await honest.ReadPduAsync(TimeSpan.FromSeconds(10));
            Assert.Equal((byte)PduType.AssociateAccept, answer?[0]);
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Associate_FortyIdleSocketsOverMaxAssociations_AssociationsStillAccepted()
    {
        // The measured lock-out: 40 idle sockets against Node:MaxAssociations 32 (here 4, and 8 idle sockets).
        await using var node = await TestNode.StartAsync(s => s["Node:MaxAssociations"] = "4");
        var idle = await HostilePeer.OpenIdleAsync(node.Port, 8);
        try
        {
            for (int i = 0; i < 4; i++)
            {
                await using var peer = await HostilePeer.ConnectAsync(node.Port);
                await peer.AssociateAsync(); // throws unless A-ASSOCIATE-AC
            }
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Associate_300IdleSocketsOnTlsWithRequiredClientCertificates_CertifiedClientAssociates()
    {
        // Idle sockets never start the handshake: they wait in the unassociated pool like plain ones.
        var certs = new TestCertificates();
        await using var node = await TestNode.StartAsync(s =>
        {
            s["Node:Tls:Enabled"] = "true";
            s["Node:Tls:CertificatePath"] = certs.ServerCertPem;
            s["Node:Tls:KeyPath"] = certs.ServerKeyPem;
            s["Node:Tls:TrustedCaPath"] = certs.AuthorityPem;
            s["Node:Tls:RequireClientCertificate"] = "true";
        });
        var idle = await HostilePeer.OpenIdleAsync(node.Port, 300);
        try
        {
            await Task.Delay(_idleAge);

            await using var client = await DicomClient.ConnectAsync("127.0.0.1", node.Port,
                new DicomClientOptions { CalledAeTitle = "MRSNODE", CallingAeTitle = "SCANNER", Tls = new DicomTlsOptions { Certificate = certs.Client, TrustedAuthorities = [certs.Authority], ServerName = "localhost" } },
                DicomClient.ProposeVerification());

            Assert.Equal(0x0000, (await client.EchoAsync()).Code);
            await client.ReleaseAsync();
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Associate_300IdleSocketsFromAHostNotAllowed_ClosedAtAcceptAndAllowedHostAssociates()
    {
        // Node:AllowedCallingHosts is applied when the connection is accepted: a stranger's socket is closed at once.
        await using var node = await TestNode.StartAsync(s => s["Node:AllowedCallingHosts:0"] = "127.0.0.2");
        var idle = await HostilePeer.OpenIdleAsync(node.Port, 300);
        try
        {
            Assert.True(await TestNode.WaitUntilAsync(() => idle.All(HostilePeer.ClosedByNode), TimeSpan.FromSeconds(10)),
                $"{idle.Count(c => !HostilePeer.ClosedByNode(c))} sockets from 127.0.0.1 still open");
            await using var allowed = await HostilePeer.ConnectAsync(node.Port, IPAddress.Parse("127.0.0.2"));

            await allowed.AssociateAsync(); // throws unless A-ASSOCIATE-AC
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }
}
