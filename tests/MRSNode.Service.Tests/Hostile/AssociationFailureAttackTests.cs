using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.Service.Observability;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>
/// Issue 25 finding 6: associations and C-STOREs that used to be dropped without a word (or acknowledged 0000) get
/// an answer on the wire and an audit line in the running node. The log lines are asserted in
/// MRSNode.Dicom.Network.Tests (DicomServerLogTests).
/// </summary>
[UnitTest]
public class AssociationFailureAttackTests
{
    private static readonly TimeSpan _answer = TimeSpan.FromSeconds(10);

    /// <summary>A-ASSOCIATE-RJ: result 1 (permanent), source 1 (service user), reason 1 (no reason given).</summary>
    private static readonly byte[] _rejectedPermanently = [0x03, 0, 0, 0, 0, 4, 0, 1, 1, 1];

    private static byte[] DataSet() =>
        DicomDatasetSerializer.ToBytes(DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm")).Dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

    private static async Task<AuditEntry> AuditLineAsync(TestNode node, string what)
    {
        Assert.True(await TestNode.WaitUntilAsync(() => node.Audit().Any(a => a.Event == what), _answer), $"no '{what}' audit line");
        return node.Audit().First(a => a.Event == what);
    }

    [Fact]
    public async Task Associate_DuplicatePresentationContextIds_RejectedAndAudited()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await HostilePeer.ConnectAsync(node.Port);

        await peer.SendAsync(HostilePeer.AssociateRequest([HostilePeer.MrsContext, HostilePeer.MrsContext with { AbstractSyntax = DicomUids.Verification }]));

        Assert.Equal(_rejectedPermanently, await peer.ReadPduAsync(_answer));
        await peer.DisposeAsync(); // the association ends (and is reported) when the peer closes after the rejection
        var audit = await AuditLineAsync(node, "association-failed");
        Assert.Equal("A-ASSOCIATE-RJ result 1 source 1 reason 1", audit.Status);
        Assert.Contains("presentation context ID 1 proposed 2 times", audit.Detail, StringComparison.Ordinal);
        Assert.StartsWith("HOSTILE@127.0.0.1:", audit.Peer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(5u)]
    [InlineData(6u)]
    [InlineData(1023u)]
    public async Task Associate_MaxPduLengthBelowMinimum_RejectedAndAudited(uint maxPduLength)
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await HostilePeer.ConnectAsync(node.Port);

        await peer.SendAsync(HostilePeer.AssociateRequest(maxPduLength: maxPduLength));

        Assert.Equal(_rejectedPermanently, await peer.ReadPduAsync(_answer));
        await peer.DisposeAsync(); // the association ends (and is reported) when the peer closes after the rejection
        var audit = await AuditLineAsync(node, "association-failed");
        Assert.Contains($"maximum PDU length {maxPduLength} is below the minimum 1024", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_SopInstanceUidWithLeadingZero_StoredAndRecorded()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await HostilePeer.ConnectAsync(node.Port);
        await peer.AssociateAsync();

        var response = await peer.StoreAsync(HostilePeer.StoreCommand("1.2.3.04"), DataSet(), _answer);

        Assert.Equal(0x0000, response.Status.Code);
        Assert.Equal("1.2.3.04", response.AffectedSopInstanceUid);
        var audit = await AuditLineAsync(node, "received-nonconformant");
        Assert.Equal(("1.2.3.04", "0x0000"), (audit.SopInstanceUid, audit.Status));
        Assert.Contains("leading zero", audit.Detail, StringComparison.Ordinal);
        Assert.Contains(node.Audit(), a => a.Event == "received" && a.SopInstanceUid == "1.2.3.04");
    }

    [Fact]
    public async Task Store_SopInstanceUidOver64Characters_RefusedC000AndAudited()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await HostilePeer.ConnectAsync(node.Port);
        await peer.AssociateAsync();
        var uid = "1.2." + new string('7', 70);

        var response = await peer.StoreAsync(HostilePeer.StoreCommand(uid), DataSet(), _answer);

        Assert.Equal(0xC000, response.Status.Code);
        Assert.Contains("74 characters, more than 64", response.ErrorComment, StringComparison.Ordinal);
        var audit = await AuditLineAsync(node, "refused");
        Assert.Equal("0xC000", audit.Status);
        Assert.DoesNotContain(TestNode.FilesUnder(TestNode.IntakeFolder(node.DataDirectory)), f => f.EndsWith(".dcm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Store_CommandDeclaresNoDataSet_AnsweredAtOnceWithC000()
    {
        // The node's idle timeout is 120 s: an answer within the 10 s hang detector means it did not wait for a data set.
        await using var node = await TestNode.StartAsync();
        await using var peer = await HostilePeer.ConnectAsync(node.Port);
        await peer.AssociateAsync();

        var response = await peer.StoreAsync(HostilePeer.StoreCommand("1.2.3.4", dataSetType: 0x0101), dataSet: null, _answer);

        Assert.Equal(0xC000, response.Status.Code);
        Assert.Contains("declares no data set", response.ErrorComment, StringComparison.Ordinal);
        Assert.Equal("0xC000", (await AuditLineAsync(node, "refused")).Status);
    }

    [Fact]
    public async Task Store_LastFragmentFlaggedBeforeTheObjectEnds_RefusedC000AndNothingStored()
    {
        await using var node = await TestNode.StartAsync();
        await using var peer = await HostilePeer.ConnectAsync(node.Port);
        await peer.AssociateAsync();
        var dataSet = DataSet();

        var response = await peer.StoreAsync(HostilePeer.StoreCommand("1.2.3.5"), dataSet[..(dataSet.Length / 2)], _answer);

        Assert.Equal(0xC000, response.Status.Code);
        Assert.Contains("data set ends", response.ErrorComment, StringComparison.Ordinal);
        Assert.Equal("0xC000", (await AuditLineAsync(node, "refused")).Status);
        Assert.DoesNotContain(TestNode.FilesUnder(TestNode.IntakeFolder(node.DataDirectory)), f => f.EndsWith(".dcm", StringComparison.Ordinal));
        Assert.Equal(0, node.Jobs.Count(MRSNode.Service.Spool.JobState.Queued));
    }

    [Fact]
    public async Task Store_WholeDataSetAfterRefusals_StillStored0000()
    {
        // The same association goes on after a refusal: the peer is answered, not cut off.
        await using var node = await TestNode.StartAsync();
        await using var peer = await HostilePeer.ConnectAsync(node.Port);
        await peer.AssociateAsync();
        var dataSet = DataSet();
        await peer.StoreAsync(HostilePeer.StoreCommand("1.2.3.6"), dataSet[..100], _answer);

        var response = await peer.StoreAsync(HostilePeer.StoreCommand("1.2.3.7"), dataSet, _answer);

        Assert.Equal(0x0000, response.Status.Code);
    }
}
