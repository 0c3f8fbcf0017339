using MRSNode.Dicom;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Dicom.Network.Scu;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Scp;

[UnitTest]
public class AssociationPolicyTests
{
    private static PresentationContextResponse Negotiate(params string[] transferSyntaxes)
    {
        var policy = new AssociationPolicy(new DicomServerOptions());
        var request = new AssociateRequest("MRSNODE", "SCANNER",
            [new PresentationContextRequest(1, DicomUids.MRSpectroscopyStorage, transferSyntaxes)], new UserInformation());
        var decision = policy.Decide(request);
        return Assert.Single(Assert.IsType<AssociateAccept>(decision.Answer).PresentationContexts);
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.4.999")]
    [InlineData("1.2.840.10008.1.2.6.1")] // RFC 2557 MIME encapsulation (retired)
    [InlineData("1.2.840.10008.1.2.6.2")] // XML encoding (retired)
    [InlineData("1.2.840.10008.1.2.4.94")] // JPIP referenced: pixel data not in the object
    [InlineData("1.2.840.10008.1.2.55")]   // shares RLE's prefix
    public void Decide_UnlistedSyntaxWithAKnownPrefix_TransferSyntaxesNotSupported(string uid)
    {
        var answer = Negotiate(uid);

        Assert.Equal(PresentationContextResult.TransferSyntaxesNotSupported, answer.Result);
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.4.50")]
    [InlineData("1.2.840.10008.1.2.4.201")]
    [InlineData("1.2.840.10008.1.2.5")]
    public void Decide_StandardCompressedSyntaxOnly_AcceptedAsProposed(string uid)
    {
        var answer = Negotiate("1.2.840.10008.1.2.4.999", uid);

        Assert.Equal(PresentationContextResult.Acceptance, answer.Result);
        Assert.Equal(uid, answer.TransferSyntax);
    }

    [Fact]
    public void Decide_UncompressedBesideCompressed_PrefersExplicitLittleEndian()
    {
        var answer = Negotiate(DicomUids.JpegBaseline, DicomUids.ImplicitVRLittleEndian, DicomUids.ExplicitVRLittleEndian);

        Assert.Equal(DicomUids.ExplicitVRLittleEndian, answer.TransferSyntax);
    }
}

[Collection("network")]
[UnitTest]
public class DicomServerTransferSyntaxTests
{
    [Fact]
    public async Task StoreAsync_SyntaxOutsideTheStatement_ContextRejectedAndNothingStored()
    {
        var (server, folder, _) = NetworkTestSupport.StartScp();
        await using (server)
        {
            await using var client = await DicomClient.ConnectAsync("127.0.0.1", server.Port, new DicomClientOptions { CalledAeTitle = "MRSNODE" },
                DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, "1.2.840.10008.1.2.4.999")]));

            Assert.Equal(PresentationContextResult.TransferSyntaxesNotSupported, Assert.Single(client.Accept.PresentationContexts).Result);
            await client.ReleaseAsync();
            Assert.Empty(Directory.GetFiles(folder, "*.dcm", SearchOption.AllDirectories));
        }
    }
}
