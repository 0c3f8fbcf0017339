using System.Text.Json;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Service.Spool;
using MRSNode.Service.Studies;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>
/// Issue 25 finding 5: any peer could add a "water reference" to another patient's study during the settle window,
/// and it was paired: the victim's report showed concentrations scaled by the attacker's water.
/// </summary>
[SlowTest]
public sealed class ForeignWaterTests
{
    [Fact]
    public void Plan_WaterOfAnotherPatient_NotPairedKeptWithTheJobAndReported()
    {
        var (metabolite, water, study) = WaterPairingTests.WriteStudy(waterPatientId: "OTHER-7");

        var job = Assert.Single(new StudyAssembler(MrsFormats.Default).Plan("p", [water, metabolite]));

        Assert.Empty(job.Manifest.WaterFiles);
        Assert.Equal(["act.dcm", "ref.dcm"], job.Manifest.InputFiles.Order(StringComparer.Ordinal));
        Assert.Equal(["a water reference from another sender, patient or study was ignored"], job.Manifest.Notes);
        var foreign = Assert.Single(job.ForeignWater);
        Assert.Equal(["patient"], foreign.Differences);
        Assert.Equal(study, foreign.StudyInstanceUid);
    }

    [Fact]
    public void Plan_ObjectOfAnotherPatientUnderTheMetaboliteSeriesUid_NeverAveragedWithTheSeries()
    {
        var (metabolite, water, _) = WaterPairingTests.WriteStudy();
        var forged = DicomFile.Open(metabolite);
        forged.Dataset.AddOrUpdate(DicomTags.PatientID, "OTHER-7");
        forged.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomUidGenerator.Default.Generate());
        var forgedPath = Path.Combine(Path.GetDirectoryName(metabolite)!, "act-forged.dcm");
        forged.Save(forgedPath);

        var jobs = new StudyAssembler(MrsFormats.Default).Plan("p", [water, metabolite, forgedPath]);

        Assert.Equal(2, jobs.Count);
        var genuine = Assert.Single(jobs, j => j.Manifest.MetaboliteFiles.SequenceEqual(["act.dcm"]));
        Assert.Equal(["ref.dcm"], genuine.Manifest.WaterFiles);
        Assert.Equal([StudyAssembler.MixedSeriesNote], genuine.Manifest.Notes);
        var other = Assert.Single(jobs, j => j.Manifest.MetaboliteFiles.SequenceEqual(["act-forged.dcm"]));
        Assert.Empty(other.Manifest.WaterFiles); // the water is the genuine patient's
        Assert.Equal([StudyAssembler.MixedSeriesNote, StudyAssembler.ForeignWaterNote(1)], other.Manifest.Notes);
    }

    [Fact]
    public async Task Node_WaterFromAnotherSender_NotPairedReportSaysSoAndAuditNamesUidsNotThePatient()
    {
        await using var node = await TestNode.StartAsync();
        var (metabolite, water, study) = WaterPairingTests.WriteStudy();
        var waterUid = TestNode.Uid(water, Dicom.DicomTags.SOPInstanceUID);

        await WaterPairingTests.SendAsAsync(node, "SCANNER", metabolite);
        await WaterPairingTests.SendAsAsync(node, "ATTACKER", water); // the same patient and study, from another AE

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) + node.Jobs.Count(JobState.Failed) == 1, TimeSpan.FromSeconds(90)));
        var job = Assert.Single(node.Jobs.List(JobState.Done));
        Assert.Empty(node.Jobs.Manifest(JobState.Done, job).WaterFiles);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(node.Jobs.JobFolder(JobState.Done, job), "outputs", "results.json")));
        var reasons = results.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("a water reference from another sender, patient or study was ignored", reasons);
        var naa = results.RootElement.GetProperty("metabolites").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "tNAA");
        Assert.False(naa.TryGetProperty("concentration", out var mm) && mm.ValueKind == JsonValueKind.Number); // ratios only
        var audit = Assert.Single(node.Audit(), a => a.Event == "water-ignored");
        Assert.Equal(waterUid, audit.SopInstanceUid);
        Assert.Equal(study, audit.StudyInstanceUid);
        Assert.Equal("ATTACKER", audit.Peer);
        Assert.Contains("sent by SCANNER", audit.Detail, StringComparison.Ordinal);
        Assert.EndsWith("another sender", audit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("PAIR-1", File.ReadAllText(node.AuditFile), StringComparison.Ordinal);
    }
}
