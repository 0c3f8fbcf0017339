using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>
/// Issue 25 finding 11: an object stored twice after a modality retry (65 inputs for a 64-average series), and a
/// study re-sent after completion getting a second, different report set.
/// </summary>
[SlowTest]
public sealed class IdempotenceTests
{
    [Fact]
    public async Task Node_SameObjectStoredTwiceThenOtherBytesUnderItsUid_OneInputAndTheReplacementAudited()
    {
        await using var node = await TestNode.StartAsync(s => s["Processing:SettleSeconds"] = "3");
        var (metabolite, water, _) = WaterPairingTests.WriteStudy();
        var sop = TestNode.Uid(metabolite, DicomTags.SOPInstanceUID);
        var altered = Path.Combine(TestData.NewTempFolder(), "altered.dcm");
        var copy = DicomFile.Open(water);
        copy.Dataset.AddOrUpdate(DicomTags.SeriesDescription, "resent");
        copy.Save(altered);
        var waterSop = TestNode.Uid(water, DicomTags.SOPInstanceUID);

        await WaterPairingTests.SendAsAsync(node, "SCANNER", metabolite, water, metabolite, altered); // the retry, and a changed water object

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) + node.Jobs.Count(JobState.Failed) == 1, TimeSpan.FromSeconds(90)));
        var job = Assert.Single(node.Jobs.List(JobState.Done));
        var manifest = node.Jobs.Manifest(JobState.Done, job);
        Assert.Single(manifest.MetaboliteFiles);
        Assert.Equal(2, manifest.InputFiles.Count);
        var received = node.Audit().Where(a => a.Event == "received").ToList();
        Assert.Equal(4, received.Count);
        Assert.Equal("the study holds this SOP Instance UID with the same bytes already: stored once", Assert.Single(received, a => a.Detail?.Contains("stored once", StringComparison.Ordinal) == true).Detail);
        Assert.Equal(sop, received.Single(a => a.Detail?.Contains("stored once", StringComparison.Ordinal) == true).SopInstanceUid);
        Assert.Equal(waterSop, Assert.Single(received, a => a.Detail?.Contains("replaced", StringComparison.Ordinal) == true).SopInstanceUid);
        var keptWater = Path.Combine(node.Jobs.JobFolder(JobState.Done, job), JobSpool.InputsFolder, Assert.Single(manifest.WaterFiles));
        Assert.Equal("resent", TestNode.Uid(keptWater, DicomTags.SeriesDescription)); // the latest object kept
    }

    [Fact]
    public async Task Node_StudyResentAfterCompletion_SecondReportSetHasTheSameUids()
    {
        await using var node = await TestNode.StartAsync();
        var (metabolite, water, _) = WaterPairingTests.WriteStudy();

        await WaterPairingTests.SendAsAsync(node, "SCANNER", metabolite, water);
        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) == 1, TimeSpan.FromSeconds(90)));
        await WaterPairingTests.SendAsAsync(node, "SCANNER", metabolite, water);
        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) == 2, TimeSpan.FromSeconds(90)));

        var sets = node.Jobs.List(JobState.Done).Select(id => OutputUidsOf(node, id)).ToList();
        Assert.Equal(3, sets[0].Count);
        Assert.Equal(sets[0], sets[1]); // a PACS stores the resend as the same three instances, not a second set
    }

    private static List<string> OutputUidsOf(TestNode node, string job) =>
        [.. TestNode.Outputs(node.Jobs, job).Where(f => f.EndsWith(".dcm", StringComparison.Ordinal))
            .Select(f => TestNode.Uid(Path.Combine(node.Jobs.JobFolder(JobState.Done, job), "outputs", f), DicomTags.SOPInstanceUID) + " " + f)
            .Order(StringComparer.Ordinal)];
}
