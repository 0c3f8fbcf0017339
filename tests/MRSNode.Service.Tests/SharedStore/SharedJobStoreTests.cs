using MRSNode.Service.SharedStore;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.SharedStore;

[UnitTest]
public class SharedJobStoreTests
{
    /// <summary>A local job folder as the job spool makes it: job.json and two inputs.</summary>
    internal static string LocalJob(string id, string? inputText = null)
    {
        var spool = new JobSpool(Path.Combine(TestData.NewTempFolder(), "jobs"));
        var inputs = TestData.NewTempFolder();
        File.WriteAllText(Path.Combine(inputs, "a.dcm"), inputText ?? "metabolite bytes");
        File.WriteAllText(Path.Combine(inputs, "b.dcm"), "water bytes");
        spool.Create(new JobManifest { Id = id, StudyInstanceUid = "1.2.3", MetaboliteFiles = ["a.dcm"], WaterFiles = ["b.dcm"], InputFiles = ["a.dcm", "b.dcm"] },
            [Path.Combine(inputs, "a.dcm"), Path.Combine(inputs, "b.dcm")]);
        return spool.JobFolder(JobState.Queued, id);
    }

    [Fact]
    public void ImportJob_LocalJob_CopiesManifestAndInputsWithTheLocalHash()
    {
        var store = new SharedJobStore(TestData.NewTempFolder());
        var local = LocalJob("20260101T000000000-abcd1234-1");

        var hash = store.ImportJob("20260101T000000000-abcd1234-1", local);

        var stored = store.JobFolder("20260101T000000000-abcd1234-1");
        Assert.Equal(PayloadHash.OfJob(local), hash);
        Assert.Equal(64, hash.Length);
        Assert.Equal(File.ReadAllBytes(Path.Combine(local, "job.json")), File.ReadAllBytes(Path.Combine(stored, "job.json")));
        Assert.Equal("metabolite bytes", File.ReadAllText(Path.Combine(stored, "inputs", "a.dcm")));
        Assert.Equal(["a.dcm", "b.dcm"], Directory.GetFiles(Path.Combine(stored, "inputs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(store.Root, ".tmp"))); // staging cleaned
        Assert.True(store.HasJob("20260101T000000000-abcd1234-1"));
        Assert.False(store.HasOutputs("20260101T000000000-abcd1234-1"));
    }

    [Fact]
    public void ImportJob_SameIdAgain_KeepsTheFirstCopy()
    {
        var store = new SharedJobStore(TestData.NewTempFolder());
        var first = store.ImportJob("job-1", LocalJob("job-1"));

        var second = store.ImportJob("job-1", LocalJob("job-1", inputText: "other bytes"));

        Assert.Equal(first, second);
        Assert.Equal("metabolite bytes", File.ReadAllText(Path.Combine(store.JobFolder("job-1"), "inputs", "a.dcm")));
    }

    [Fact]
    public void WriteOutputs_TwoWorkersFileTheSameJob_TheFirstStaysAndBothGetItsHash()
    {
        var store = new SharedJobStore(TestData.NewTempFolder());
        store.ImportJob("job-1", LocalJob("job-1"));
        var outputsA = TestData.NewTempFolder();
        File.WriteAllText(Path.Combine(outputsA, "sr.dcm"), "from worker A");
        var outputsB = TestData.NewTempFolder();
        File.WriteAllText(Path.Combine(outputsB, "sr.dcm"), "from worker B");

        var a = store.WriteOutputs("job-1", outputsA, new StoredOutcome(StoredOutcome.Done, "normal", null, DateTimeOffset.UnixEpoch));
        var b = store.WriteOutputs("job-1", outputsB, new StoredOutcome(StoredOutcome.Done, "normal", null, DateTimeOffset.UnixEpoch));

        Assert.Equal(a, b);
        Assert.Equal("from worker A", File.ReadAllText(Path.Combine(store.OutputsFolder("job-1"), "sr.dcm")));
        Assert.True(store.HasOutputs("job-1"));
        Assert.Equal(StoredOutcome.Done, store.Outcome("job-1")!.State);
        Assert.Equal("normal", store.Outcome("job-1")!.Verdict);
        Assert.Equal([Path.Combine(store.OutputsFolder("job-1"), "sr.dcm")], store.OutputFiles("job-1"));
    }

    [Fact]
    public void RecordFailed_TwoReasons_KeepsTheFirst()
    {
        var store = new SharedJobStore(TestData.NewTempFolder());

        store.RecordFailed("job-1", "payload hash mismatch");
        store.RecordFailed("job-1", "something later");

        Assert.EndsWith(" payload hash mismatch", store.FailedReason("job-1"), StringComparison.Ordinal);
        Assert.Equal(1, store.FailedCount);
    }

    [Theory]
    [InlineData("../etc", false)]
    [InlineData("a/b", false)]
    [InlineData(".hidden", false)]
    [InlineData("", false)]
    [InlineData("20261205T181500123-abcd1234-1", true)]
    public void IsJobId_Candidates_OnlyPlainIds(string id, bool expected) => Assert.Equal(expected, SharedJobStore.IsJobId(id));

    [Fact]
    public void JobFolder_TraversalId_Throws()
    {
        var store = new SharedJobStore(TestData.NewTempFolder());

        Assert.Throws<ArgumentException>(() => store.JobFolder("../../etc"));
    }
}
