using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Dicom.Network.Scu;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Scu;

[Collection("network")]
[UnitTest]
public class DicomClientTests
{
    [Fact]
    public async Task StoreAsync_PeerAcceptsOnlyImplicitVR_ConvertsAndValuesSurvive()
    {
        var options = new DicomServerOptions { PreferredTransferSyntaxes = [DicomUids.ImplicitVRLittleEndian], AcceptEncapsulatedTransferSyntaxes = false };
        var (server, folder, _) = NetworkTestSupport.StartScp(options);
        await using (server)
        {
            var path = TestData.Path("dicom/philips-mrs-2frame.dcm");
            var file = DicomFile.Open(path);
            await using var client = await DicomClient.ConnectAsync("127.0.0.1", server.Port, new DicomClientOptions { CalledAeTitle = "MRSNODE" },
                DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, DicomUids.ExplicitVRLittleEndian)]));

            var status = await client.StoreAsync(file);
            await client.ReleaseAsync();

            Assert.Equal(DimseStatus.Success, status);
            Assert.Equal(DicomUids.ImplicitVRLittleEndian, Assert.Single(client.Accept.PresentationContexts).TransferSyntax);
            var stored = DicomFile.Open(Path.Combine(folder, file.Dataset.GetString(DicomTags.SOPInstanceUID) + ".dcm"));
            Assert.Equal(DicomUids.ImplicitVRLittleEndian, stored.TransferSyntax.Uid);
            Assert.Equal(file.Dataset.GetFloats(DicomTags.SpectroscopyData), stored.Dataset.GetFloats(DicomTags.SpectroscopyData));
            Assert.Equal(file.Dataset.GetString(DicomTags.PatientName), stored.Dataset.GetString(DicomTags.PatientName));
            Assert.Equal(63.89575, stored.Dataset.GetValue<double>(DicomTags.TransmitterFrequency), 5);
        }
    }

    [Fact]
    public async Task StoreAsync_SopClassNotAccepted_ThrowsNamingTheClass()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(new DicomServerOptions { AcceptedSopClasses = new HashSet<string> { DicomUids.Verification } });
        await using (server)
        {
            await using var client = await DicomClient.ConnectAsync("127.0.0.1", server.Port, new DicomClientOptions { CalledAeTitle = "MRSNODE" },
                DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, DicomUids.ExplicitVRLittleEndian)]));

            Assert.Equal(PresentationContextResult.AbstractSyntaxNotSupported, Assert.Single(client.Accept.PresentationContexts).Result);
            var ex = await Assert.ThrowsAsync<DicomAssociationException>(() => client.StoreAsync(DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm"))));
            Assert.Contains("MR Spectroscopy Storage", ex.Message);
        }
    }

    [Fact]
    public async Task ConnectAsync_CalledAeUnknown_ThrowsWithRejectReason7()
    {
        var (server, _, _) = NetworkTestSupport.StartScp();
        await using (server)
        {
            var ex = await Assert.ThrowsAsync<DicomAssociationException>(() =>
                DicomClient.ConnectAsync("127.0.0.1", server.Port, new DicomClientOptions { CalledAeTitle = "NOT_ME" }, DicomClient.ProposeVerification()));

            Assert.Equal(new AssociateReject(RejectResult.Permanent, RejectSource.ServiceUser, 7), ex.Reject);
            Assert.Contains("called AE title not recognized", ex.Message);
        }
    }

    [Fact]
    public async Task StoreAsync_LargeObjectOverSmallPdus_FragmentsAndArrivesIntact()
    {
        var (server, folder, _) = NetworkTestSupport.StartScp(new DicomServerOptions { MaxPduLength = 4096 });
        await using (server)
        {
            var ds = new DicomDataset(DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm")).Dataset);
            var data = Enumerable.Range(0, 500_000).Select(i => (float)Math.Sin(i * 0.01)).ToArray();
            ds.AddOrUpdate<float>(DicomTags.SpectroscopyData, DicomVR.OF, data);
            await using var client = await DicomClient.ConnectAsync("127.0.0.1", server.Port, new DicomClientOptions { CalledAeTitle = "MRSNODE", MaxPduLength = 8192 },
                DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, DicomUids.ExplicitVRLittleEndian)]));

            Assert.Equal(4096u, client.Accept.UserInformation.MaxPduLength);
            Assert.Equal(DimseStatus.Success, await client.StoreAsync(new DicomFile(ds)));
            await client.ReleaseAsync();

            var stored = DicomFile.Open(Path.Combine(folder, ds.GetString(DicomTags.SOPInstanceUID) + ".dcm"));
            Assert.Equal(data, stored.Dataset.GetFloats(DicomTags.SpectroscopyData));
        }
    }
}
