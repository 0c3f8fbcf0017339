using System.Text;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Dicom.Network.Scu;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Scp;

/// <summary>
/// Whatever arrives on the socket, the SCP answers per PS3.8 (A-ABORT with the right source and
/// reason, or a timeout), frees the association and keeps serving others.
/// </summary>
[Collection("network")]
[UnitTest]
public class DicomServerRobustnessTests
{
    private static readonly TimeSpan _wait = TimeSpan.FromSeconds(5);

    // Short enough that the expiry tests finish quickly, long enough that a test peer's next PDU, delayed by a busy
    // 2-core CI host, does not meet an expired timer instead of the state machine rule under test.
    private static DicomServerOptions Fast => new()
    {
        ArtimTimeout = TimeSpan.FromMilliseconds(1500),
        IdleTimeout = TimeSpan.FromMilliseconds(2500),
    };

    private static byte[] AbortPdu(byte source, byte reason) => [0x07, 0, 0, 0, 0, 4, 0, 0, source, reason];

    [Fact]
    public async Task Connect_PeerNeverSends_ClosedWhenArtimExpires()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(Fast);
        await using (server)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Port);

            Assert.True(await peer.ClosedWithinAsync(_wait));
            await AssertNoLeakAndStillServing(server);
        }
    }

    [Fact]
    public async Task Receive_HttpRequestBeforeAssociation_AbortsAndCloses()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(Fast);
        await using (server)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Port);

            await peer.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));

            // Sta2 + Evt19 (unrecognized PDU) → AA-1 in PS3.8 Table 9-10: A-ABORT with service-user source.
            Assert.Equal(AbortPdu(0, 0), await peer.ReadPduAsync(_wait));
            Assert.True(await peer.ClosedWithinAsync(_wait));
            await AssertNoLeakAndStillServing(server);
        }
    }

    [Fact]
    public async Task Receive_UnknownPduTypeWhileAssociated_AbortsWithUnrecognizedPdu()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(Fast);
        await using (server)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Port);
            Assert.Equal(PduType.AssociateAccept, await peer.AssociateAsync());

            await peer.SendAsync([0x47, 0x45, 0x54, 0x20, 0x2F, 0x20, 0x48, 0x54]);

            // Sta6 + Evt19 → AA-8: A-ABORT from the service provider with the decoder's reason.
            Assert.Equal(AbortPdu(2, AbortReason.UnrecognizedPdu), await peer.ReadPduAsync(_wait));
            Assert.True(await peer.ClosedWithinAsync(_wait));
            await AssertNoLeakAndStillServing(server);
        }
    }

    [Fact]
    public async Task Receive_PDataClaiming4GB_AbortsWithoutAllocating()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(Fast);
        await using (server)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Port);
            Assert.Equal(PduType.AssociateAccept, await peer.AssociateAsync());
            long before = GC.GetTotalAllocatedBytes(precise: true);

            await peer.SendAsync([0x04, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 10, 1, 3]);

            Assert.Equal(AbortPdu(2, AbortReason.InvalidPduParameterValue), await peer.ReadPduAsync(_wait));
            Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 16 << 20, "a 4 GB claim must not be allocated");
            await AssertNoLeakAndStillServing(server);
        }
    }

    [Fact]
    public async Task Receive_PDataBeforeAssociation_AbortsAndCloses()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(Fast);
        await using (server)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Port);

            await peer.SendAsync(PduCodec.Encode(new PDataTransfer([new Pdv(1, true, true, new byte[8])])));

            // Sta2 + Evt10 → AA-1: A-ABORT (service user source), then ARTIM closes the connection.
            Assert.Equal(AbortPdu(0, 0), await peer.ReadPduAsync(_wait));
            Assert.True(await peer.ClosedWithinAsync(_wait));
            await AssertNoLeakAndStillServing(server);
        }
    }

    [Fact]
    public async Task Receive_SecondAssociateRequestWhileAssociated_AbortsUnexpectedPdu()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(Fast);
        await using (server)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Port);
            Assert.Equal(PduType.AssociateAccept, await peer.AssociateAsync());

            await peer.SendAsync(RawPeer.AssociateRequest());

            Assert.Equal(AbortPdu(2, AbortReason.UnexpectedPdu), await peer.ReadPduAsync(_wait));
            await AssertNoLeakAndStillServing(server);
        }
    }

    [Fact]
    public async Task Receive_AssociateItemsOutOfOrder_AbortsAndCloses()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(Fast);
        await using (server)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Port);
            var rq = RawPeer.AssociateRequest();
            // Move the application context item (10H, right after the 74-byte fixed part) behind the presentation context.
            int appLength = 4 + (rq[76] << 8 | rq[77]);
            int pcLength = 4 + (rq[74 + appLength + 2] << 8 | rq[74 + appLength + 3]);
            byte[] reordered = [.. rq[..74], .. rq[(74 + appLength)..(74 + appLength + pcLength)], .. rq[74..(74 + appLength)], .. rq[(74 + appLength + pcLength)..]];

            await peer.SendAsync(reordered);

            // The decoder rejects it (reason 5); in Sta2 that is Evt19 → AA-1 (service-user source).
            Assert.Equal(AbortPdu(0, 0), await peer.ReadPduAsync(_wait));
            Assert.True(await peer.ClosedWithinAsync(_wait));
            await AssertNoLeakAndStillServing(server);
        }
    }

    [Fact]
    public async Task Receive_PdvOnUnacceptedContext_AbortsInvalidParameter()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(Fast);
        await using (server)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Port);
            Assert.Equal(PduType.AssociateAccept, await peer.AssociateAsync());

            await peer.SendAsync(PduCodec.Encode(new PDataTransfer([new Pdv(3, true, true, DimseCommandCodec.Encode(new CEchoRequest(1)))])));

            Assert.Equal(AbortPdu(2, AbortReason.InvalidPduParameterValue), await peer.ReadPduAsync(_wait));
            await AssertNoLeakAndStillServing(server);
        }
    }

    [Fact]
    public async Task Receive_PeerStopsMidPdu_AssociationEndsAndServerServesOthers()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(Fast);
        await using (server)
        {
            await using (var peer = await RawPeer.ConnectAsync(server.Port))
            {
                await peer.SendAsync(RawPeer.AssociateRequest()[..30]);
            }

            await AssertNoLeakAndStillServing(server);
        }
    }

    [Fact]
    public async Task Receive_PeerStallsMidPdu_AbortedAfterIdleTimeout()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(Fast);
        await using (server)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Port);
            Assert.Equal(PduType.AssociateAccept, await peer.AssociateAsync());

            await peer.SendAsync([0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0, 0]); // 256-byte P-DATA announced, 2 bytes sent

            Assert.Equal(AbortPdu(0, 0), await peer.ReadPduAsync(_wait));
            Assert.True(await peer.ClosedWithinAsync(_wait));
            await AssertNoLeakAndStillServing(server);
        }
    }

    [Fact]
    public async Task Associate_OverMaxAssociations_RejectedTransientLocalLimit()
    {
        var options = Fast with { MaxAssociations = 1, IdleTimeout = TimeSpan.FromSeconds(10) };
        var (server, _, _) = NetworkTestSupport.StartScp(options);
        await using (server)
        {
            await using var first = await RawPeer.ConnectAsync(server.Port);
            Assert.Equal(PduType.AssociateAccept, await first.AssociateAsync());
            await using var second = await RawPeer.ConnectAsync(server.Port);

            await second.SendAsync(RawPeer.AssociateRequest());
            var answer = await second.ReadPduAsync(_wait);

            // A-ASSOCIATE-RJ: result 2 transient, source 3 presentation, reason 2 local limit exceeded.
            Assert.Equal(new byte[] { 0x03, 0, 0, 0, 0, 4, 0, 2, 3, 2 }, answer);
        }
    }

    [Fact]
    public async Task Store_ObjectOverSizeLimit_RefusedWithOutOfResourcesAndNothingKept()
    {
        var (server, folder, _) = NetworkTestSupport.StartScp(Fast with { MaxObjectBytes = 1000, IdleTimeout = TimeSpan.FromSeconds(10) });
        await using (server)
        {
            var file = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm"));
            await using var client = await DicomClient.ConnectAsync("127.0.0.1", server.Port, new DicomClientOptions { CalledAeTitle = "MRSNODE" },
                DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, file.TransferSyntax.Uid)]));

            var status = await client.StoreAsync(file);
            await client.ReleaseAsync();

            Assert.Equal(DimseStatus.OutOfResources, status);
            Assert.Empty(Directory.GetFiles(folder, "*.dcm"));
            Assert.Empty(Directory.GetFiles(Path.Combine(folder, ".incoming")));
        }
    }

    [Fact]
    public async Task Store_FiftyConcurrentSenders_AllSucceed()
    {
        var (server, folder, _) = NetworkTestSupport.StartScp(new DicomServerOptions { MaxAssociations = 64 });
        await using (server)
        {
            var template = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm"));
            var proposal = DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, template.TransferSyntax.Uid)]);

            var senders = Enumerable.Range(0, 50).Select(async sender =>
            {
                await using var client = await DicomClient.ConnectAsync("127.0.0.1", server.Port, new DicomClientOptions { CalledAeTitle = "MRSNODE", CallingAeTitle = $"SCANNER{sender}" }, proposal);
                var statuses = new List<DimseStatus>();
                for (int i = 0; i < 2; i++)
                {
                    var ds = new DicomDataset(template.Dataset);
                    ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomUidGenerator.Default.Generate());
                    statuses.Add(await client.StoreAsync(new DicomFile(ds)));
                }
                await client.ReleaseAsync();
                return statuses;
            }).ToArray();
            var results = await Task.WhenAll(senders);

            Assert.All(results.SelectMany(s => s), s => Assert.Equal(DimseStatus.Success, s));
            Assert.Equal(100, Directory.GetFiles(folder, "*.dcm").Length);
            await AssertNoLeakAndStillServing(server);
        }
    }

    [PeerFact("storescu")]
    public async Task Store_64MBObjectFromStorescu_StreamedToDiskWithoutHoldingItInMemory()
    {
        var (server, folder, _) = NetworkTestSupport.StartScp(new DicomServerOptions());
        await using (server)
        {
            var ds = new DicomDataset(DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm")).Dataset);
            ds.AddOrUpdate<float>(DicomTags.SpectroscopyData, DicomVR.OF, new float[16 << 20]); // 64 MiB
            var source = Path.Combine(TestData.NewTempFolder(), "big.dcm");
            new DicomFile(ds).Save(source);
            ds = null;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            long baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak = baseline;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(false));
                    await Task.Delay(2);
                }
            });

            var r = await Task.Run(() => Peers.Run("storescu", ["-aec", "MRSNODE", "127.0.0.1", server.Port.ToString(), source]));
            await sampling.CancelAsync();
            await sampler;

            Assert.True(r.ExitCode == 0, r.StdErr);
            var stored = Assert.Single(Directory.GetFiles(folder, "*.dcm"));
            Assert.Equal(NetworkTestSupport.DatasetBytes(source), NetworkTestSupport.DatasetBytes(stored));
            Assert.True(peak - baseline < 32L << 20, $"managed heap grew by {(peak - baseline) >> 20} MiB while receiving a 64 MiB object");
        }
    }

    [Fact]
    public async Task Release_ByPeer_AnsweredWithReleaseResponse()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(Fast);
        await using (server)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Port);
            Assert.Equal(PduType.AssociateAccept, await peer.AssociateAsync());

            await peer.SendAsync(PduCodec.Encode(new ReleaseRequest()));

            Assert.Equal(new byte[] { 0x06, 0, 0, 0, 0, 4, 0, 0, 0, 0 }, await peer.ReadPduAsync(_wait));
            Assert.True(await peer.ClosedWithinAsync(_wait)); // ARTIM after AR-4, if the peer does not close first
            await AssertNoLeakAndStillServing(server);
        }
    }

    private static async Task AssertNoLeakAndStillServing(DicomServer server)
    {
        Assert.True(await NetworkTestSupport.WaitUntil(() => server.ActiveAssociations == 0, _wait), $"{server.ActiveAssociations} associations still active");
        await using var client = await DicomClient.ConnectAsync("127.0.0.1", server.Port, new DicomClientOptions { CalledAeTitle = "MRSNODE" }, DicomClient.ProposeVerification());
        Assert.Equal(DimseStatus.Success, await client.EchoAsync());
        await client.ReleaseAsync();
    }
}
