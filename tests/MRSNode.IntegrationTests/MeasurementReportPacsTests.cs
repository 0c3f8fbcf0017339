using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Dicom;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.IntegrationTests;

/// <summary>The SR made for every vendor test file validates with dciodvfy and is stored by a real PACS in the source study.</summary>
public class MeasurementReportPacsTests
{
    private static readonly QuantificationReport _report = new()
    {
        Software = "MRSNode 0.1.0",
        CreatedUtc = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc),
        Input = new InputSummary { MetaboliteFile = "x", BasisSet = "press3T_30ms.BASIS", Points = 1024, SpectralWidthHz = 1200, FrequencyMHz = 123.2 },
        Metabolites =
        [
            new MetaboliteResult { Name = "tNAA", RatioToTCr = 1.4, ConcentrationMm = 11.2, CrlbPercent = 3, Flag = "normal", FlagReason = "within 0.942–2.154", IsPool = true },
            new MetaboliteResult { Name = "Ins", RatioToTCr = 1.3, CrlbPercent = 7, Flag = "high", FlagReason = "above 0.112–1.088" },
        ],
        Qc = new QualityResult { Snr = 20, SnrDefinition = "NAA / noise SD", FwhmPpm = 0.05, FwhmHz = 6 },
        Verdict = "reliable",
        Reasons = ["within limits"],
    };

    [PeerFact("dciodvfy", "Orthanc")]
    public async Task Create_ForEveryVendorFile_DciodvfyCleanAndStoredInTheSourceStudyByOrthanc()
    {
        var folder = TestData.NewTempFolder();
        var written = new List<(string Path, string StudyUid)>();
        foreach (var file in TestData.VendorDicomFiles)
        {
            var source = DicomFile.Open(TestData.Path(file), DicomReadOptions.HeaderOnly).Dataset;
            var path = Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + "-sr.dcm");
            new DicomFile(MeasurementReportWriter.Create(_report, SourceIdentity.FromDataset(source))).Save(path);
            var check = Peers.Run("dciodvfy", [path]);
            var errors = (check.StdOut + check.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, file + ":\n" + string.Join('\n', errors));
            written.Add((path, source.GetString(DicomTags.StudyInstanceUID)!));
        }

        using var orthanc = await OrthancServer.StartAsync();
        await using (var client = await DicomClient.ConnectAsync("127.0.0.1", orthanc.DicomPort, new DicomClientOptions { CalledAeTitle = OrthancServer.AeTitle },
            DicomClient.ProposeStorage([(DicomUids.ComprehensiveSRStorage, DicomUids.ExplicitVRLittleEndian)])))
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
        var studies = new HashSet<string>();
        foreach (var id in ids)
        {
            var tags = await orthanc.TagsAsync(id);
            Assert.Equal(DicomUids.ComprehensiveSRStorage, tags["SOPClassUID"].GetString());
            Assert.Equal("SR", tags["Modality"].GetString());
            studies.Add(tags["StudyInstanceUID"].GetString()!);
        }
        Assert.True(studies.SetEquals(written.Select(w => w.StudyUid)), "each SR must sit in its source's study");
    }
}
