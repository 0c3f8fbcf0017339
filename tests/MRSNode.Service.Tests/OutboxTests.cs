using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

[UnitTest]
public class OutboxTests
{
    private static (Outbox Outbox, string[] Outputs) NewOutbox(params string[] destinations)
    {
        var root = TestData.NewTempFolder();
        var outputs = Directory.CreateDirectory(Path.Combine(root, "outputs")).FullName;
        var files = new[] { "sr.dcm", "report.pdf", "report-pdf.dcm", "results.json" }.Select(f => Path.Combine(outputs, f)).ToArray();
        foreach (var f in files)
        {
            File.WriteAllBytes(f, [7, 7, 7]);
        }
        return (new Outbox(Path.Combine(root, "data"), destinations.Select(d => new DestinationOptions { Name = d })), files);
    }

    [Fact]
    public void Publish_NoDestination_KeepsDicomAndPdfInLocalOutbox()
    {
        var (outbox, outputs) = NewOutbox();

        outbox.Publish("job-1", outputs);

        Assert.Equal(["report-pdf.dcm", "report.pdf", "sr.dcm"], TestNode.FilesUnder(Path.Combine(outbox.Root, "job-1")));
        Assert.Equal(1, outbox.LocalJobCount);
    }

    [Fact]
    public void Publish_TwoDestinations_OneItemPerDicomObjectEach()
    {
        var (outbox, outputs) = NewOutbox("PACS", "ARCHIVE");

        outbox.Publish("job-1", outputs);

        Assert.Equal(2, outbox.PendingCount("PACS"));
        Assert.Equal(2, outbox.PendingCount("ARCHIVE"));
        Assert.Equal(["job-1/report-pdf.dcm", "job-1/sr.dcm"], outbox.Pending("PACS").Select(p => Path.GetRelativePath(outbox.DestinationFolder("PACS"), p)).ToArray());
    }

    [Fact]
    public void Pending_KilledBetweenAcknowledgementAndDelete_ObjectNotOfferedAgain()
    {
        var (outbox, outputs) = NewOutbox("PACS");
        outbox.Publish("job-1", outputs);
        var acknowledged = outbox.Pending("PACS")[0];
        File.WriteAllText(acknowledged + Outbox.SentSuffix, "2026-12-05T09:00:00Z"); // MarkSent's durable first step, then the kill

        var pending = new Outbox(Path.GetDirectoryName(outbox.Root)!, [new DestinationOptions { Name = "PACS" }]).Pending("PACS");

        Assert.Equal(["sr.dcm"], pending.Select(Path.GetFileName));
        Assert.False(File.Exists(acknowledged));
        Assert.False(File.Exists(acknowledged + Outbox.SentSuffix));
    }

    [Fact]
    public void MarkSent_LastObject_NoMarkerLeftAndTheJobFiledAsSent()
    {
        var (outbox, outputs) = NewOutbox("PACS");
        outbox.Publish("job-1", outputs);

        foreach (var item in outbox.Pending("PACS"))
        {
            outbox.MarkSent("PACS", item);
        }

        Assert.Empty(TestNode.FilesUnder(Path.Combine(outbox.DestinationFolder("PACS"), Outbox.SentFolder, "job-1")));
        Assert.Equal(0, outbox.PendingCount("PACS"));
    }

    [Fact]
    public void Publish_AgainAfterEverythingWasSent_SendsNothingTwice()
    {
        var (outbox, outputs) = NewOutbox("PACS");
        outbox.Publish("job-1", outputs);
        foreach (var item in outbox.Pending("PACS"))
        {
            outbox.MarkSent("PACS", item);
        }

        outbox.Publish("job-1", outputs); // a resumed job publishing again after a crash

        Assert.Equal(0, outbox.PendingCount("PACS"));
        Assert.True(Directory.Exists(Path.Combine(outbox.DestinationFolder("PACS"), Outbox.SentFolder, "job-1")));
    }

    [Fact]
    public void Publish_AgainWhilePending_KeepsOneCopy()
    {
        var (outbox, outputs) = NewOutbox("PACS");
        outbox.Publish("job-1", outputs);
        outbox.MarkSent("PACS", outbox.Pending("PACS")[0]);

        outbox.Publish("job-1", outputs);

        Assert.Equal(1, outbox.PendingCount("PACS"));
    }

    [Fact]
    public void DeadLetter_AfterAttempts_MovesObjectWithReasonAndCountsSurviveRestart()
    {
        var (outbox, outputs) = NewOutbox("PACS");
        outbox.Publish("job-1", outputs);
        var item = outbox.Pending("PACS")[0];

        Assert.Equal(1, Outbox.CountAttempt(item));
        Assert.Equal(2, Outbox.CountAttempt(item));
        var moved = outbox.DeadLetter("PACS", item, "refused 2 times, last status 0xA900");

        Assert.Equal(1, outbox.PendingCount("PACS"));
        Assert.Equal(1, outbox.DeadLetterCount("PACS"));
        Assert.Equal(new byte[] { 7, 7, 7 }, File.ReadAllBytes(moved));
        Assert.Equal("refused 2 times, last status 0xA900\n", File.ReadAllText(moved + ".error.txt"));
    }

    [Fact]
    public void Recover_StagingLeftByACrash_IsRemovedAndPublishRedone()
    {
        var (outbox, outputs) = NewOutbox("PACS");
        Directory.CreateDirectory(Path.Combine(outbox.Root, ".staging", "job-1-deadbeef"));
        File.WriteAllBytes(Path.Combine(outbox.Root, ".staging", "job-1-deadbeef", "sr.dcm"), [1]);

        outbox.Recover();
        outbox.Publish("job-1", outputs);

        Assert.Empty(Directory.GetDirectories(Path.Combine(outbox.Root, ".staging")));
        Assert.Equal(2, outbox.PendingCount("PACS"));
    }
}
