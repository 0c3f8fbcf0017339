using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Dicom.Network.Scu;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Interop;

/// <summary>Our SCP with dcmtk's echoscu/storescu, and our SCU with dcmtk's storescp.</summary>
[Collection("network")]
[InteropTest]
public class DcmtkInteropTests
{
    [PeerFact("echoscu")]
    public async Task Echoscu_AgainstOurScp_Succeeds()
    {
        var (server, _, _) = NetworkTestSupport.StartScp();
        await using (server)
        {
            var r = await Task.Run(() => Peers.Run("echoscu", ["-aec", "MRSNODE", "127.0.0.1", server.Port.ToString()]));

            Assert.Equal(0, r.ExitCode);
            Assert.Equal("", r.StdErr);
        }
    }

    [PeerFact("storescu")]
    public async Task Storescu_EveryVendorFile_ArrivesWithBitIdenticalDataset()
    {
        var (server, folder, _) = NetworkTestSupport.StartScp();
        await using (server)
        {
            var files = TestData.VendorDicomFiles.Select(TestData.Path).ToArray();

            var r = await Task.Run(() => Peers.Run("storescu", ["-xf", NetworkTestSupport.StorescuConfig(), "MRS", "-aet", "SCANNER", "-aec", "MRSNODE", "127.0.0.1", server.Port.ToString(), .. files]));

            Assert.True(r.ExitCode == 0, r.StdErr);
            foreach (var original in files)
            {
                var uid = DicomFile.Open(original, DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.SOPInstanceUID)!;
                var received = Path.Combine(folder, uid + ".dcm");
                Assert.True(File.Exists(received), $"{Path.GetFileName(original)} did not arrive");
                Assert.Equal(NetworkTestSupport.DatasetBytes(original), NetworkTestSupport.DatasetBytes(received));
                var meta = DicomFile.Open(received, DicomReadOptions.HeaderOnly).FileMetaInformation;
                Assert.Equal("SCANNER", meta.GetString(DicomTags.SourceApplicationEntityTitle));
                Assert.Equal(DicomUids.ExplicitVRLittleEndian, meta.GetString(DicomTags.TransferSyntaxUID));
            }
            Assert.Empty(Directory.GetFiles(Path.Combine(folder, ".incoming")));
        }
    }

    [PeerFact("storescu")]
    public async Task Storescu_WrongCalledAeTitle_RejectedWithReason7()
    {
        var (server, folder, _) = NetworkTestSupport.StartScp();
        await using (server)
        {
            var r = await Task.Run(() => Peers.Run("storescu", ["-aec", "SOMEONE_ELSE", "127.0.0.1", server.Port.ToString(), TestData.Path("dicom/siemens-xa60-svs.dcm")]));

            Assert.NotEqual(0, r.ExitCode);
            Assert.Contains("Called AE Title Not Recognized", r.StdErr + r.StdOut);
            Assert.Empty(Directory.GetFiles(folder, "*.dcm"));
        }
    }

    [PeerFact("storescu")]
    public async Task Storescu_CallingAeNotAllowed_RejectedWithReason3()
    {
        var options = new DicomServerOptions { AllowedCallingAeTitles = new HashSet<string> { "SCANNER1" } };
        var (server, folder, _) = NetworkTestSupport.StartScp(options);
        await using (server)
        {
            var r = await Task.Run(() => Peers.Run("storescu", ["-aet", "INTRUDER", "-aec", "MRSNODE", "127.0.0.1", server.Port.ToString(), TestData.Path("dicom/siemens-xa60-svs.dcm")]));

            Assert.NotEqual(0, r.ExitCode);
            Assert.Contains("Calling AE Title Not Recognized", r.StdErr + r.StdOut);
            Assert.Empty(Directory.GetFiles(folder, "*.dcm"));
        }
    }

    [PeerFact("storescp")]
    public async Task OurScu_ToStorescp_EchoAndEveryVendorFileArrive()
    {
        var port = NetworkTestSupport.FreePort();
        var output = TestData.NewTempFolder();
        using var storescp = Peers.StartBackground("storescp", ["-pm", "-od", output, "-aet", "STORESCP", port.ToString()]);
        try
        {
            Assert.True(await Ports.WaitListening(port), "storescp did not listen");
            var files = TestData.VendorDicomFiles.Select(TestData.Path).ToArray();
            var options = new DicomClientOptions { CalledAeTitle = "STORESCP", CallingAeTitle = "MRSNODE" };
            var proposal = DicomClient.ProposeStorage(files.Select(f => DicomFile.Open(f, DicomReadOptions.HeaderOnly)).Select(h => (h.Dataset.GetString(DicomTags.SOPClassUID)!, h.TransferSyntax.Uid)).ToList()
                .Append((DicomUids.Verification, DicomUids.ImplicitVRLittleEndian)));

            await using var client = await DicomClient.ConnectAsync("127.0.0.1", port, options, proposal);
            Assert.True((await client.EchoAsync()).IsSuccess);
            foreach (var f in files)
            {
                Assert.True((await client.StoreAsync(DicomFile.Open(f))).IsSuccess, f);
            }
            await client.ReleaseAsync();

            var received = Directory.GetFiles(output);
            Assert.Equal(files.Length, received.Length);
            foreach (var f in files)
            {
                var uid = DicomFile.Open(f, DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.SOPInstanceUID)!;
                var match = Assert.Single(received, r => r.EndsWith(uid, StringComparison.Ordinal));
                Assert.Equal(NetworkTestSupport.DatasetText(f), NetworkTestSupport.DatasetText(match));
            }
        }
        finally
        {
            storescp.Kill();
        }
    }
}
