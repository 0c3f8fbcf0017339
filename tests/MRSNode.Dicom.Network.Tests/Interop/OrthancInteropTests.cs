using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scu;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Interop;

/// <summary>Our SCU stores into a real PACS (Orthanc on loopback); its REST API says what arrived.</summary>
[Collection("network")]
[InteropTest]
public class OrthancInteropTests
{
    [PeerFact("Orthanc")]
    public async Task OurScu_ToOrthanc_EveryVendorFileArrivesWithSameValues()
    {
        using var orthanc = await OrthancServer.StartAsync();
        var files = TestData.VendorDicomFiles.Select(TestData.Path).ToArray();
        var headers = files.Select(f => DicomFile.Open(f, DicomReadOptions.HeaderOnly)).ToList();
        var proposal = DicomClient.ProposeStorage(headers.Select(h => (h.Dataset.GetString(DicomTags.SOPClassUID)!, h.TransferSyntax.Uid))
            .Append((DicomUids.Verification, DicomUids.ImplicitVRLittleEndian)));

        await using (var client = await DicomClient.ConnectAsync("127.0.0.1", orthanc.DicomPort, new DicomClientOptions { CalledAeTitle = OrthancServer.AeTitle }, proposal))
        {
            Assert.True((await client.EchoAsync()).IsSuccess);
            foreach (var f in files)
            {
                var status = await client.StoreAsync(DicomFile.Open(f));
                Assert.True(status.IsSuccess, $"{f}: {status}");
            }
            await client.ReleaseAsync();
        }

        var ids = await orthanc.InstancesAsync();
        Assert.Equal(files.Length, ids.Length);
        var arrived = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            arrived[(await orthanc.TagsAsync(id))["SOPInstanceUID"].GetString()!] = id;
        }
        foreach (var (f, h) in files.Zip(headers))
        {
            var stored = await orthanc.DownloadAsync(arrived[h.Dataset.GetString(DicomTags.SOPInstanceUID)!]);
            Assert.Equal(NetworkTestSupport.DatasetText(f), NetworkTestSupport.DatasetText(stored));
        }
    }
}
