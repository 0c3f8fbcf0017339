using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.IntegrationTests;

/// <summary>What our MR Spectroscopy Storage writer produces is what a PACS stores and gives back unchanged.</summary>
[InteropTest]
public class MrsDicomWriterPacsTests
{
    [PeerFact("Orthanc")]
    public async Task Write_EveryVendorAcquisition_AcceptedByOrthancAndReadBackIdentically()
    {
        var folder = TestData.NewTempFolder();
        var written = new List<(string Path, MrsAcquisition Acquisition)>();
        foreach (var file in TestData.VendorDicomFiles)
        {
            var source = TestData.Path(file);
            var details = MrsAcquisitionDetails.FromDicom(DicomFile.Open(source).Dataset);
            var reader = file.EndsWith(".ima", StringComparison.Ordinal) ? (IMrsReader)new SiemensCsaReader() : new DicomMrsReader();
            foreach (var acquisition in reader.Read(source, MrsReadOptions.Default))
            {
                var path = Path.Combine(folder, $"{written.Count}.dcm");
                MrsDicomWriter.Write(acquisition, path, MrsDicomIdentity.FromProvenance(acquisition.Provenance), details);
                written.Add((path, acquisition));
            }
        }
        Assert.Equal(5, written.Count); // the Philips object holds metabolite and water

        using var orthanc = await OrthancServer.StartAsync();
        await using (var client = await DicomClient.ConnectAsync("127.0.0.1", orthanc.DicomPort, new DicomClientOptions { CalledAeTitle = OrthancServer.AeTitle },
            DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, DicomUids.ExplicitVRLittleEndian)])))
        {
            foreach (var (path, _) in written)
            {
                var status = await client.StoreAsync(DicomFile.Open(path));
                Assert.True(status.IsSuccess, $"{path}: {status}");
            }
            await client.ReleaseAsync();
        }

        var ids = await orthanc.InstancesAsync();
        Assert.Equal(written.Count, ids.Length);
        foreach (var id in ids)
        {
            var tags = await orthanc.TagsAsync(id);
            Assert.Equal(DicomUids.MRSpectroscopyStorage, tags["SOPClassUID"].GetString());
            var back = Assert.Single(new DicomMrsReader().Read(await orthanc.DownloadAsync(id), MrsReadOptions.Default));
            var original = written.Single(w => DicomFile.Open(w.Path, DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.SOPInstanceUID) == tags["SOPInstanceUID"].GetString()).Acquisition;
            Assert.Equal(original.Points, back.Points);
            Assert.Equal(original.Role, back.Role);
            Assert.Equal(original.TransmitterFrequencyMHz, back.TransmitterFrequencyMHz, 6);
            var a = original.Fid().ToArray();
            var b = back.Fid().ToArray();
            double scale = a.Max(c => c.Magnitude);
            Assert.All(a.Zip(b), p => Assert.True((p.First - p.Second).Magnitude <= 1e-6 * scale));
        }
    }
}
