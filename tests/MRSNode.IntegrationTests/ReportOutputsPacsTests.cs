using System.Buffers.Binary;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Neural.Backend;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.IntegrationTests;

/// <summary>
/// Every vendor test file through the real pipeline: its SR, Encapsulated PDF and Secondary Capture validate
/// with dciodvfy, a real PACS (Orthanc) stores all three in the source's study, and renders the capture.
/// </summary>
[SlowTest]
public class ReportOutputsPacsTests
{
    private static readonly string ConfigDirectory = Path.Combine(TestData.Root, "..", "..", "config");

    private static readonly string[] DicomOutputs = ["sr.dcm", "report-pdf.dcm", "capture.dcm"];

    [PeerFact("dciodvfy", "Orthanc")]
    public async Task Write_ForEveryVendorFile_DciodvfyCleanStoredInTheSourceStudyAndCapturePreviewed()
    {
        var settings = new PipelineSettings { ConfigDirectory = ConfigDirectory, Method = MethodSelection.Lcm };
        using var pipeline = new PipelineComposer(new CpuBackendFactory()).Compose(settings);
        // The 3 T files quantify with the shipped basis; the 1.5 T and 7 T ones are (rightly) refused by it, so their
        // reports carry the 3 T result under their own patient, study and source instances: identity is what varies here.
        var quantified = new Dictionary<string, QuantificationOutcome>();
        var written = new List<(string Path, string StudyUid)>();
        foreach (var file in TestData.VendorDicomFiles)
        {
            var request = settings.Request([TestData.Path(file)]);
            QuantificationOutcome outcome;
            try
            {
                outcome = pipeline.Run(request);
                quantified[file] = outcome;
            }
            catch (BasisSetSelectionException)
            {
                outcome = quantified.Values.First();
            }
            var folder = TestData.NewTempFolder();
            var files = OutputWriter.Write(outcome, request, folder);
            Assert.Equal(["results.json", "sr.dcm", "report.pdf", "report-pdf.dcm", "capture.dcm"], files.Select(Path.GetFileName));
            var studyUid = DicomFile.Open(TestData.Path(file), DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.StudyInstanceUID)!;
            foreach (var output in DicomOutputs)
            {
                var path = Path.Combine(folder, output);
                var check = Peers.Run("dciodvfy", [path]);
                var errors = (check.StdOut + check.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
                Assert.True(errors.Count == 0, $"{file} {output}:\n" + string.Join('\n', errors));
                written.Add((path, studyUid));
            }
        }

        using var orthanc = await OrthancServer.StartAsync();
        await using (var client = await DicomClient.ConnectAsync("127.0.0.1", orthanc.DicomPort, new DicomClientOptions { CalledAeTitle = OrthancServer.AeTitle },
            DicomClient.ProposeStorage([
                (DicomUids.ComprehensiveSRStorage, DicomUids.ExplicitVRLittleEndian),
                (DicomUids.EncapsulatedPdfStorage, DicomUids.ExplicitVRLittleEndian),
                (DicomUids.SecondaryCaptureImageStorage, DicomUids.ExplicitVRLittleEndian)])))
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
        var byClass = new Dictionary<string, int>();
        foreach (var id in ids)
        {
            var tags = await orthanc.TagsAsync(id);
            var sopClass = tags["SOPClassUID"].GetString()!;
            byClass[sopClass] = byClass.GetValueOrDefault(sopClass) + 1;
            var sop = tags["SOPInstanceUID"].GetString();
            var (path, studyUid) = written.Single(w => DicomFile.Open(w.Path, DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.SOPInstanceUID) == sop);
            Assert.Equal(studyUid, tags["StudyInstanceUID"].GetString()); // each output sits in its source's study
            if (sopClass == DicomUids.SecondaryCaptureImageStorage)
            {
                using var preview = await orthanc.Http.GetAsync($"instances/{id}/preview");
                Assert.True(preview.IsSuccessStatusCode, preview.StatusCode.ToString());
                var png = await preview.Content.ReadAsByteArrayAsync();
                Assert.Equal(0x89504E47u, BinaryPrimitives.ReadUInt32BigEndian(png));
                Assert.Equal((1191u, 1684u), (BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20))));
                Assert.True(png.Length > 50_000, $"{path}: a {png.Length}-byte preview is too small to hold the page");
            }
        }
        Assert.Equal(2, quantified.Count); // both 3 T files went through the real fit
        Assert.Equal(TestData.VendorDicomFiles.Count, byClass[DicomUids.ComprehensiveSRStorage]);
        Assert.Equal(TestData.VendorDicomFiles.Count, byClass[DicomUids.EncapsulatedPdfStorage]);
        Assert.Equal(TestData.VendorDicomFiles.Count, byClass[DicomUids.SecondaryCaptureImageStorage]);
    }

    [PeerFact("Orthanc")]
    public async Task RenderNotProcessed_SameInputsSentTwice_OrthancKeepsOneCopyOfEachObject()
    {
        var request = new QuantificationRequest { MetaboliteFiles = [TestData.Path("dicom/philips-mrs-2frame.dcm")] };
        const string reason = "no basis set matches this acquisition";
        var first = OutputWriter.Save(OutputWriter.RenderNotProcessed(request, reason, new DateTime(2026, 11, 21, 18, 0, 0))!, TestData.NewTempFolder());
        var resend = OutputWriter.Save(OutputWriter.RenderNotProcessed(request, reason, new DateTime(2026, 11, 22, 7, 0, 0))!, TestData.NewTempFolder());
        string[] sent = [.. first.Concat(resend).Where(f => DicomOutputs.Contains(Path.GetFileName(f)))];

        using var orthanc = await OrthancServer.StartAsync();
        await using (var client = await DicomClient.ConnectAsync("127.0.0.1", orthanc.DicomPort, new DicomClientOptions { CalledAeTitle = OrthancServer.AeTitle },
            DicomClient.ProposeStorage([
                (DicomUids.ComprehensiveSRStorage, DicomUids.ExplicitVRLittleEndian),
                (DicomUids.EncapsulatedPdfStorage, DicomUids.ExplicitVRLittleEndian),
                (DicomUids.SecondaryCaptureImageStorage, DicomUids.ExplicitVRLittleEndian)])))
        {
            foreach (var path in sent)
            {
                var status = await client.StoreAsync(DicomFile.Open(path));
                Assert.True(status.IsSuccess, $"{path}: {status}"); // the resend is accepted, not an error the node would retry
            }
            await client.ReleaseAsync();
        }

        Assert.Equal(6, sent.Length);
        Assert.Equal(3, (await orthanc.InstancesAsync()).Length);
    }
}
