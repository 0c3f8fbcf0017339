using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Scu;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

[UnitTest]
public class IntakeTests
{
    private static async Task<DimseStatus> SendAsync(int port, string file, string callingAe = "SCANNER")
    {
        var dicom = DicomFile.Open(file);
        var contexts = DicomClient.ProposeStorage([(dicom.Dataset.GetString(DicomTags.SOPClassUID)!, dicom.TransferSyntax.Uid)]);
        await using var client = await DicomClient.ConnectAsync("127.0.0.1", port, new DicomClientOptions { CalledAeTitle = "MRSNODE", CallingAeTitle = callingAe }, contexts);
        var status = await client.StoreAsync(dicom);
        await client.ReleaseAsync();
        return status;
    }

    [Fact]
    public async Task Store_DiskBelowWatermark_RefusedWithA700AndNothingWritten()
    {
        await using var node = await TestNode.StartAsync(s => s["Node:MinFreeDiskMegabytes"] = (1L << 40).ToString());
        var file = TestData.Path("dicom/siemens-xa60-svs.dcm");

        var status = await SendAsync(node.Port, file);

        Assert.Equal(0xA700, status.Code);
        Assert.Empty(TestNode.FilesUnder(TestNode.IntakeFolder(node.DataDirectory)));
        Assert.Equal(0, node.Jobs.Count(MRSNode.Service.Spool.JobState.Queued) + node.Jobs.Count(MRSNode.Service.Spool.JobState.Running));
        var audit = Assert.Single(node.Audit());
        Assert.Equal(("refused", "0xA700"), (audit.Event, audit.Status));
        Assert.Equal(TestNode.Uid(file, DicomTags.SOPInstanceUID), audit.SopInstanceUid);
    }

    [Fact]
    public async Task Store_CallingHostNotAllowed_ClosedAtAcceptAndNothingWritten()
    {
        // Closed before it can take a connection slot (issue 25 finding 3); the store handler's 0124 stays as a second line.
        await using var node = await TestNode.StartAsync(s => s["Node:AllowedCallingHosts:0"] = "192.0.2.7");

        var ex = await Assert.ThrowsAsync<DicomAssociationException>(() => SendAsync(node.Port, TestData.Path("dicom/siemens-xa60-svs.dcm")));

        Assert.Contains($"127.0.0.1:{node.Port}", ex.Message, StringComparison.Ordinal);
        Assert.Empty(TestNode.FilesUnder(TestNode.IntakeFolder(node.DataDirectory)));
    }

    [Fact]
    public async Task Associate_CallingAeNotAllowed_RejectedWithReason3()
    {
        await using var node = await TestNode.StartAsync(s => s["Node:AllowedCallingAeTitles:0"] = "SCANNER1");

        var ex = await Assert.ThrowsAsync<DicomAssociationException>(() => SendAsync(node.Port, TestData.Path("dicom/siemens-xa60-svs.dcm"), "INTRUDER"));

        Assert.Equal(3, ex.Reject!.Reason);
        Assert.True(await TestNode.WaitUntilAsync(() => node.Audit().Count == 1, TimeSpan.FromSeconds(10)));
        var audit = Assert.Single(node.Audit());
        Assert.Equal(("association-failed", "INTRUDER@127.0.0.1", "A-ASSOCIATE-RJ result 1 source 1 reason 3"), (audit.Event, audit.Peer[..audit.Peer.LastIndexOf(':')], audit.Status));
    }

    [Fact]
    public async Task Store_Accepted_AuditLineWithUidsAndNoPatientName()
    {
        await using var node = await TestNode.StartAsync(s => s["Processing:SettleSeconds"] = "3600");
        var file = TestData.Path("dicom/siemens-xa60-svs.dcm");

        var status = await SendAsync(node.Port, file);

        Assert.Equal(0x0000, status.Code);
        var study = TestNode.Uid(file, DicomTags.StudyInstanceUID);
        var sop = TestNode.Uid(file, DicomTags.SOPInstanceUID);
        Assert.Equal([Path.Combine(study, sop + ".dcm")], TestNode.FilesUnder(TestNode.IntakeFolder(node.DataDirectory)).Where(f => !f.StartsWith('.')));
        var audit = Assert.Single(node.Audit());
        Assert.Equal(("received", "0x0000", sop, study), (audit.Event, audit.Status, audit.SopInstanceUid, audit.StudyInstanceUid));
        Assert.StartsWith("SCANNER@127.0.0.1:", audit.Peer);
        var patientName = DicomFile.Open(file).Dataset.GetString(DicomTags.PatientName);
        if (!string.IsNullOrWhiteSpace(patientName))
        {
            Assert.DoesNotContain(patientName, File.ReadAllText(node.AuditFile));
        }
    }
}
