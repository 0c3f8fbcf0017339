using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.Dicom.Network.Scp;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Scp;

/// <summary>Every association failure and refused object is logged (EventIds 2000–2099) and reported through the server's events.</summary>
[Collection("network")]
[UnitTest]
public class DicomServerLogTests
{
    private static readonly TimeSpan _wait = TimeSpan.FromSeconds(10);

    /// <summary>Collects log lines as (EventId, formatted message).</summary>
    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<(int Id, string Message)> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((eventId.Id, formatter(state, exception)));
    }

    private static (DicomServer Server, ListLogger Log, ConcurrentQueue<AssociationReport> Reports, ConcurrentQueue<ObjectIssue> Issues) Start(DicomServerOptions? options = null)
    {
        var log = new ListLogger();
        var server = new DicomServer(options ?? new DicomServerOptions { AeTitle = "MRSNODE" }, new FileStoreHandler(TestData.NewTempFolder()), 0, IPAddress.Loopback, log).Start();
        var reports = new ConcurrentQueue<AssociationReport>();
        var issues = new ConcurrentQueue<ObjectIssue>();
        server.AssociationEnded += reports.Enqueue;
        server.ObjectIssue += issues.Enqueue;
        return (server, log, reports, issues);
    }

    [Fact]
    public async Task Negotiated_DebugEnabled_DumpWithEveryContextAndItsResult()
    {
        var (server, log, _, _) = Start();
        await using (server)
        {
            await using var client = await MRSNode.Dicom.Network.Scu.DicomClient.ConnectAsync("127.0.0.1", server.Port, new MRSNode.Dicom.Network.Scu.DicomClientOptions { CalledAeTitle = "MRSNODE", CallingAeTitle = "DUMPER" },
            [
                new PresentationContextRequest(1, DicomUids.MRSpectroscopyStorage, [DicomUids.ImplicitVRLittleEndian, DicomUids.ExplicitVRLittleEndian]),
                new PresentationContextRequest(3, DicomUids.MRSpectroscopyStorage, ["1.2.840.10008.1.2.4.999"]),
                new PresentationContextRequest(5, "1.2.3.4", [DicomUids.ImplicitVRLittleEndian]),
            ]);
            await client.ReleaseAsync();

            var dump = Assert.Single(log.Lines, l => l.Id == 2010).Message;
            Assert.Contains("calling AE \"DUMPER\", called AE \"MRSNODE\"", dump);
            Assert.Contains("context 1: MR Spectroscopy Storage (1.2.840.10008.5.1.4.1.1.4.2) proposed in [Implicit VR Little Endian (1.2.840.10008.1.2), Explicit VR Little Endian (1.2.840.10008.1.2.1)] → accepted in Explicit VR Little Endian (1.2.840.10008.1.2.1)", dump);
            Assert.Contains("context 3: MR Spectroscopy Storage (1.2.840.10008.5.1.4.1.1.4.2) proposed in [1.2.840.10008.1.2.4.999] → transfer syntaxes not supported (4)", dump);
            Assert.Contains("context 5: 1.2.3.4 proposed in [Implicit VR Little Endian (1.2.840.10008.1.2)] → abstract syntax not supported (3)", dump);
            Assert.EndsWith("answered A-ASSOCIATE-AC: 1 of 3 context(s) accepted, max PDU 65536", dump);
        }
    }

    [Fact]
    public async Task AssociationFailed_DuplicateContextIds_LoggedWith2000AndReportedWithTheAnswer()
    {
        var (server, log, reports, _) = Start();
        await using (server)
        {
            await using (var peer = await RawPeer.ConnectAsync(server.Port))
            {
                var pc = new PresentationContextRequest(1, DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian]);
                await peer.SendAsync(PduCodec.Encode(new AssociateRequest("MRSNODE", "RAWPEER", [pc, pc], new UserInformation())));
                Assert.Equal(new byte[] { 0x03, 0, 0, 0, 0, 4, 0, 1, 1, 1 }, await peer.ReadPduAsync(_wait));
            }

            Assert.True(await NetworkTestSupport.WaitUntil(() => !reports.IsEmpty, _wait));
            var report = Assert.Single(reports);
            Assert.Equal(("RAWPEER", "A-ASSOCIATE-RJ result 1 source 1 reason 1"), (report.CallingAeTitle, report.Answer));
            Assert.Equal("rejected: presentation context ID 1 proposed 2 times (IDs must be unique, PS3.8 §9.3.2.2)", report.AbortReason);
            var line = Assert.Single(log.Lines, l => l.Id == 2000);
            Assert.Contains("calling AE RAWPEER", line.Message, StringComparison.Ordinal);
            Assert.Contains("answered A-ASSOCIATE-RJ result 1 source 1 reason 1", line.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ObjectRefused_CStoreWithoutDataSet_LoggedWith2001AndReported()
    {
        var (server, log, _, issues) = Start();
        await using (server)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Port);
            await peer.SendAsync(PduCodec.Encode(new AssociateRequest("MRSNODE", "RAWPEER",
                [new PresentationContextRequest(1, DicomUids.MRSpectroscopyStorage, [DicomUids.ExplicitVRLittleEndian])], new UserInformation())));
            Assert.Equal((byte)PduType.AssociateAccept, (await peer.ReadPduAsync(_wait))![0]);
            var command = Dimse.CommandBytes.Command(
                (0x0002, Dimse.CommandBytes.UI(DicomUids.MRSpectroscopyStorage)), (0x0100, Dimse.CommandBytes.US(0x0001)), (0x0110, Dimse.CommandBytes.US(5)),
                (0x0800, Dimse.CommandBytes.US(0x0101)), (0x1000, Dimse.CommandBytes.UI("1.2.3.4")));

            await peer.SendAsync(PduCodec.Encode(new PDataTransfer([new Pdv(1, true, true, command)])));
            var pdu = await peer.ReadPduAsync(_wait);

            var response = (CStoreResponse)DimseCommandCodec.Decode(((PDataTransfer)PduCodec.Decode(PduType.PData, pdu.AsMemory(6))).Values[0].Data);
            Assert.Equal(0xC000, response.Status.Code);
            var issue = Assert.Single(issues);
            Assert.Equal(("1.2.3.4", "RAWPEER", 0xC000), (issue.SopInstanceUid, issue.CallingAeTitle, issue.Status.Code));
            Assert.Contains(log.Lines, l => l.Id == 2001 && l.Message.Contains("1.2.3.4", StringComparison.Ordinal) && l.Message.Contains("0xC000", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AssociationFailed_ServerStopping_NotLogged()
    {
        var (server, log, _, _) = Start();
        await using var peer = await RawPeer.ConnectAsync(server.Port);
        Assert.Equal(PduType.AssociateAccept, await peer.AssociateAsync());

        await server.DisposeAsync();

        Assert.DoesNotContain(log.Lines, l => l.Id == 2000);
    }

    [Fact]
    public async Task IdleConnectionsClosed_PeersNeverSend_CountedIn2006NotLoggedOneByOne()
    {
        var (server, log, reports, _) = Start(new DicomServerOptions { ArtimTimeout = TimeSpan.FromMilliseconds(500) });
        await using (server)
        {
            var idle = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RawPeer.ConnectAsync(server.Port)));

            Assert.True(await NetworkTestSupport.WaitUntil(() => reports.Count == 3, _wait));
            Assert.All(reports, r => Assert.Equal((true, "ARTIM timer expired"), (r.Idle, r.AbortReason)));
            Assert.DoesNotContain(log.Lines, l => l.Id == 2000);
            var line = Assert.Single(log.Lines, l => l.Id == 2006); // the first at once; the others wait for the next minute's line
            // Closes that race the first line are counted in it (seen in CI: 2), so the line counts 1 to 3 of them.
            var counted = System.Text.RegularExpressions.Regex.Match(line.Message, @"^(\d) connection\(s\) closed before an A-ASSOCIATE-RQ");
            Assert.True(counted.Success, line.Message);
            Assert.InRange(int.Parse(counted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 3);
            foreach (var peer in idle)
            {
                await peer.DisposeAsync();
            }
        }
    }
}
