using System.Text.Json;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Service.Spool;
using MRSNode.Service.Studies;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

/// <summary>A metabolite series and its water reference as a separate series of the same study (Philips 3 T PRESS TE 30, re-encoded as MR Spectroscopy Storage).</summary>
[SlowTest]
public class WaterPairingTests
{
    /// <param name="waterShiftMm">Moves the water voxel along AP: a water series of another placement.</param>
    /// <param name="laterWaterSeries">Also writes a fitting water series 9 (ref9.dcm), farther in series number.</param>
    /// <param name="waterPatientId">The water series' patient (another patient's object sent into the study).</param>
    internal static (string Metabolite, string Water, string Study) WriteStudy(double waterShiftMm = 0, bool laterWaterSeries = false, string waterPatientId = "PAIR-1")
    {
        var folder = TestData.NewTempFolder();
        var study = DicomUidGenerator.Default.Generate();
        var frameOfReference = DicomUidGenerator.Default.Generate(); // one session: both series share it
        string Write(string sdat, int series, string name, double shiftMm = 0, string patientId = "PAIR-1")
        {
            var acquisition = WithAxialGeometry(MrsFormats.Default.Read(TestData.Path("mrs/philips-sdat/" + sdat))[0], shiftMm);
            var path = Path.Combine(folder, name);
            MrsDicomWriter.Write(acquisition, path, new MrsDicomIdentity
            {
                PatientId = patientId,
                StudyInstanceUid = study,
                SeriesInstanceUid = DicomUidGenerator.Default.Generate(),
                SeriesNumber = series,
                SopInstanceUid = DicomUidGenerator.Default.Generate(),
                FrameOfReferenceUid = frameOfReference,
            });
            return path;
        }
        if (laterWaterSeries)
        {
            Write("sub-01_ses-01_PRESS_raw-ref_noID.SDAT", 9, "ref9.dcm");
        }
        return (Write("sub-01_ses-01_PRESS_raw-act_noID.SDAT", 5, "act.dcm"), Write("sub-01_ses-01_PRESS_raw-ref_noID.SDAT", 6, "ref.dcm", waterShiftMm, waterPatientId), study);
    }

    /// <summary>SPAR gives no direction cosines; MR Spectroscopy Storage requires them (an axial voxel, as the test needs no real geometry).</summary>
    private static MrsAcquisition WithAxialGeometry(MrsAcquisition a, double shiftMm) =>
        new(a.Data, a.Points, a.Averages, a.Coils, a.Voxels)
        {
            SpectralWidthHz = a.SpectralWidthHz,
            TransmitterFrequencyMHz = a.TransmitterFrequencyMHz,
            Nucleus = a.Nucleus,
            ReferencePpm = a.ReferencePpm,
            EchoTimeMs = a.EchoTimeMs,
            RepetitionTimeMs = a.RepetitionTimeMs,
            AcquiredAverages = a.AcquiredAverages,
            Role = a.Role,
            Localization = a.Localization with
            {
                Orientation = [1, 0, 0, 0, 1, 0],
                VoxelSizeMm = a.Localization.VoxelSizeMm ?? [20, 20, 20],
                PositionMm = [.. (a.Localization.PositionMm ?? [0, 0, 0]).Select((x, i) => i == 1 ? x + shiftMm : x)],
            },
            Provenance = a.Provenance,
        };

    [Fact]
    public void Plan_WaterInItsOwnSeries_PairedWithTheMetaboliteSeries()
    {
        var (metabolite, water, study) = WriteStudy();

        var job = Assert.Single(new StudyAssembler(MrsFormats.Default).Plan("p", [water, metabolite]));

        Assert.Null(job.Failure);
        Assert.Equal(study, job.Manifest.StudyInstanceUid);
        Assert.Equal(["act.dcm"], job.Manifest.MetaboliteFiles);
        Assert.Equal(["ref.dcm"], job.Manifest.WaterFiles);
    }

    [Fact]
    public void Plan_WaterSeriesOfAnotherVoxel_NotPairedAndTheNoteSaysWhichAndWhy()
    {
        var (metabolite, water, _) = WriteStudy(waterShiftMm: 12);

        var job = Assert.Single(new StudyAssembler(MrsFormats.Default).Plan("p", [water, metabolite]));

        Assert.Null(job.Failure);
        Assert.Empty(job.Manifest.WaterFiles);
        Assert.Equal(["act.dcm", "ref.dcm"], job.Manifest.InputFiles.Order(StringComparer.Ordinal)); // kept with the job all the same
        Assert.Equal(["the water reference series 6 was not used: its voxel is 12 mm from the metabolite voxel"], job.Manifest.Notes);
    }

    [Fact]
    public void Plan_NearestWaterSeriesOfAnotherVoxel_TheFartherSeriesThatFitsIsPaired()
    {
        var (metabolite, water, _) = WriteStudy(waterShiftMm: 12, laterWaterSeries: true);
        var later = Path.Combine(Path.GetDirectoryName(water)!, "ref9.dcm");

        var job = Assert.Single(new StudyAssembler(MrsFormats.Default).Plan("p", [water, metabolite, later]));

        Assert.Equal(["ref9.dcm"], job.Manifest.WaterFiles);
        Assert.Empty(job.Manifest.Notes);
    }

    [Fact]
    public async Task Node_WaterSeriesOfAnotherVoxel_RatiosOnlyAndTheReportSaysWhy()
    {
        await using var node = await TestNode.StartAsync();
        var (metabolite, water, _) = WriteStudy(waterShiftMm: 12);

        await SendAsync(node, metabolite, water);

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) + node.Jobs.Count(JobState.Failed) == 1, TimeSpan.FromSeconds(90)));
        var job = Assert.Single(node.Jobs.List(JobState.Done));
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(node.Jobs.JobFolder(JobState.Done, job), "outputs", "results.json")));
        var reasons = results.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("the water reference series 6 was not used: its voxel is 12 mm from the metabolite voxel", reasons);
        var naa = results.RootElement.GetProperty("metabolites").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "tNAA");
        Assert.False(naa.TryGetProperty("concentration", out var mm) && mm.ValueKind == JsonValueKind.Number);
    }

    private static Task SendAsync(TestNode node, params string[] files) => SendAsAsync(node, "SCANNER", files);

    internal static async Task SendAsAsync(TestNode node, string callingAe, params string[] files)
    {
        var contexts = DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, DicomUids.ExplicitVRLittleEndian)]);
        await using var client = await DicomClient.ConnectAsync("127.0.0.1", node.Port, new DicomClientOptions { CalledAeTitle = "MRSNODE", CallingAeTitle = callingAe }, contexts);
        foreach (var file in files)
        {
            Assert.Equal(0x0000, (await client.StoreAsync(DicomFile.Open(file))).Code);
        }
        await client.ReleaseAsync();
    }

    [Fact]
    public async Task Node_MetaboliteAndWaterSeriesSent_OneJobWithConcentrationsInMillimolar()
    {
        await using var node = await TestNode.StartAsync();
        var (metabolite, water, study) = WriteStudy();

        var contexts = DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, DicomUids.ExplicitVRLittleEndian)]);
        await using (var client = await DicomClient.ConnectAsync("127.0.0.1", node.Port, new DicomClientOptions { CalledAeTitle = "MRSNODE", CallingAeTitle = "SCANNER" }, contexts))
        {
            Assert.Equal(0x0000, (await client.StoreAsync(DicomFile.Open(metabolite))).Code);
            Assert.Equal(0x0000, (await client.StoreAsync(DicomFile.Open(water))).Code);
            await client.ReleaseAsync();
        }

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) + node.Jobs.Count(JobState.Failed) == 1, TimeSpan.FromSeconds(90)));
        var job = Assert.Single(node.Jobs.List(JobState.Done));
        Assert.Equal(study, node.Jobs.Manifest(JobState.Done, job).StudyInstanceUid);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(node.Jobs.JobFolder(JobState.Done, job), "outputs", "results.json")));
        var naa = results.RootElement.GetProperty("metabolites").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "tNAA");
        Assert.Equal(JsonValueKind.Number, naa.GetProperty("concentration").ValueKind);
        Assert.InRange(naa.GetProperty("concentration").GetDouble(), 1, 40);
    }
}
