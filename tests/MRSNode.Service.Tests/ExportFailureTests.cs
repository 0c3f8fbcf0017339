using System.Net;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

[SlowTest]
public class ExportFailureTests
{
    /// <summary>A PACS that drains every object and answers "data set does not match SOP class" (A900).</summary>
    private sealed class RefusingHandler : ICStoreHandler
    {
        public int Calls;

        public ValueTask<Stream> OpenAsync(CStoreContext context, CancellationToken cancellationToken) => ValueTask.FromResult<Stream>(new MemoryStream());

        public ValueTask<DimseStatus> CompleteAsync(CStoreContext context, Stream dataSet, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            dataSet.Dispose();
            return ValueTask.FromResult(DimseStatus.DataSetDoesNotMatchSopClass);
        }

        public void Abandon(CStoreContext context, Stream dataSet) => dataSet.Dispose();
    }

    [Fact]
    public async Task Export_DestinationRefusesEveryObject_DeadLetteredAfterMaxAttemptsWithReason()
    {
        var handler = new RefusingHandler();
        await using var pacs = new DicomServer(new DicomServerOptions { AeTitle = "REFUSER", AcceptedSopClasses = null }, handler, 0, IPAddress.Loopback).Start();
        await using var node = await TestNode.StartAsync(s =>
        {
            s["Destinations:0:Name"] = "PACS";
            s["Destinations:0:AeTitle"] = "REFUSER";
            s["Destinations:0:Host"] = "127.0.0.1";
            s["Destinations:0:Port"] = pacs.Port.ToString();
            s["Export:MaxAttempts"] = "2";
        });

        var contexts = MRSNode.Dicom.Network.Scu.DicomClient.ProposeStorage([(MRSNode.Dicom.DicomUids.SiemensCsaNonImageStorage, MRSNode.Dicom.DicomUids.ExplicitVRLittleEndian)]);
        var file = MRSNode.Dicom.IO.DicomFile.Open(TestData.Path("dicom/siemens-csa-svs30.ima"));
        await using (var client = await MRSNode.Dicom.Network.Scu.DicomClient.ConnectAsync("127.0.0.1", node.Port, new() { CalledAeTitle = "MRSNODE" }, contexts))
        {
            await client.StoreAsync(file);
            await client.ReleaseAsync();
        }

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) == 1, TimeSpan.FromSeconds(90)));
        int objects = TestNode.DicomOutputs(node.Jobs);
        var deadLetter = Path.Combine(node.Outbox, "PACS", "dead-letter");
        Assert.True(await TestNode.WaitUntilAsync(() => Directory.GetFiles(deadLetter, "*.dcm", SearchOption.AllDirectories).Length == objects, TimeSpan.FromSeconds(30)));
        // The sender moves an object to the dead-letter folder, then audits it: the last line may trail the last file.
        Assert.True(await TestNode.WaitUntilAsync(() => node.Audit().Count(a => a.Event == "dead-letter") == objects, TimeSpan.FromSeconds(30)));
        Assert.Equal(2 * objects, handler.Calls);
        var reason = File.ReadAllText(Directory.GetFiles(deadLetter, "*.error.txt", SearchOption.AllDirectories)[0]);
        Assert.StartsWith("refused 2 times, last: status 0xA900", reason);
        var audit = node.Audit();
        Assert.Equal(objects, audit.Count(a => a.Event == "send-failed"));
        Assert.Equal(objects, audit.Count(a => a.Event == "dead-letter"));
        Assert.DoesNotContain(audit, a => a.Event == "sent");
        Assert.Empty(Directory.GetFiles(Path.Combine(node.Outbox, "PACS"), "*.dcm", SearchOption.TopDirectoryOnly));
        Assert.Equal(objects, (await node.StatusAsync()).GetProperty("destinations")[0].GetProperty("deadLetter").GetInt32());
    }

    [PeerFact("storescu")]
    public async Task Export_DestinationWithoutEncapsulatedPdf_DeadLettersOnlyThePdfAndDeliversTheRest()
    {
        var received = TestData.NewTempFolder();
        var accepted = new HashSet<string>(StringComparer.Ordinal) { MRSNode.Dicom.DicomUids.ComprehensiveSRStorage, MRSNode.Dicom.DicomUids.SecondaryCaptureImageStorage };
        await using var pacs = new DicomServer(new DicomServerOptions { AeTitle = "NOPDF", AcceptedSopClasses = accepted }, new FileStoreHandler(received), 0, IPAddress.Loopback).Start();
        await using var node = await TestNode.StartAsync(s =>
        {
            s["Destinations:0:Name"] = "PACS";
            s["Destinations:0:AeTitle"] = "NOPDF";
            s["Destinations:0:Host"] = "127.0.0.1";
            s["Destinations:0:Port"] = pacs.Port.ToString();
            s["Export:MaxAttempts"] = "2";
        });

        var r = await node.StorescuAsync(TestData.Path("dicom/siemens-csa-svs30.ima"));

        Assert.Equal(0, r.ExitCode);
        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) == 1, TimeSpan.FromSeconds(90)));
        var deadLetter = Path.Combine(node.Outbox, "PACS", "dead-letter");
        Assert.True(await TestNode.WaitUntilAsync(() => Directory.GetFiles(deadLetter, "*.dcm", SearchOption.AllDirectories).Length == 1, TimeSpan.FromSeconds(30)));
        Assert.True(await TestNode.WaitUntilAsync(() => Directory.GetFiles(received, "*.dcm", SearchOption.AllDirectories).Length == 2, TimeSpan.FromSeconds(30)));
        var dead = Assert.Single(Directory.GetFiles(deadLetter, "*.dcm", SearchOption.AllDirectories));
        Assert.Equal("report-pdf.dcm", Path.GetFileName(dead));
        var reason = File.ReadAllText(Assert.Single(Directory.GetFiles(deadLetter, "*.error.txt", SearchOption.AllDirectories)));
        Assert.Contains("accepted no presentation context for Encapsulated PDF Storage", reason);
        // The PACS has a file before the node has its response and audits the send: wait for the audit.
        Assert.True(await TestNode.WaitUntilAsync(() => node.Audit().Count(a => a.Event == "sent") == 2, TimeSpan.FromSeconds(30)));
    }
}
