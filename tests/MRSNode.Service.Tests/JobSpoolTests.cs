using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

[UnitTest]
public class JobSpoolTests
{
    private static (JobSpool Spool, string Input) NewSpool()
    {
        var root = TestData.NewTempFolder();
        var input = Path.Combine(root, "object.dcm");
        File.WriteAllBytes(input, [1, 2, 3, 4, 5]);
        return (new JobSpool(Path.Combine(root, "jobs")), input);
    }

    private static JobManifest Manifest(string id) => new() { Id = id, StudyInstanceUid = "1.2.3", MetaboliteFiles = ["object.dcm"], InputFiles = ["object.dcm"] };

    [Fact]
    public void Create_NewJob_IsQueuedWithItsInputsAndManifest()
    {
        var (spool, input) = NewSpool();

        Assert.True(spool.Create(Manifest("20250101T000000000-aaaa-1"), [input]));

        Assert.Equal(JobState.Queued, spool.Find("20250101T000000000-aaaa-1"));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, File.ReadAllBytes(Path.Combine(spool.JobFolder(JobState.Queued, "20250101T000000000-aaaa-1"), "inputs", "object.dcm")));
        Assert.Equal("1.2.3", spool.Manifest(JobState.Queued, "20250101T000000000-aaaa-1").StudyInstanceUid);
        Assert.Empty(spool.List(JobState.Incoming));
    }

    [Fact]
    public void Create_SameIdTwice_SecondIsANoOp()
    {
        var (spool, input) = NewSpool();
        spool.Create(Manifest("j-1"), [input]);
        spool.TryStartNext();

        Assert.False(spool.Create(Manifest("j-1"), [input]));

        Assert.Equal(JobState.Running, spool.Find("j-1"));
        Assert.Equal(0, spool.Count(JobState.Queued));
    }

    [Fact]
    public void StateMachine_QueuedRunningDoneAndFailed_OneFolderPerStateAlways()
    {
        var (spool, input) = NewSpool();
        spool.Create(Manifest("a-1"), [input]);
        spool.Create(Manifest("b-1"), [input]);

        Assert.Equal("a-1", spool.TryStartNext());
        Assert.Equal("b-1", spool.TryStartNext());
        Assert.Null(spool.TryStartNext());
        spool.Complete("a-1");
        spool.Fail("b-1", "basis set missing for 1.5 T");

        Assert.Equal(JobState.Done, spool.Find("a-1"));
        Assert.Equal(JobState.Failed, spool.Find("b-1"));
        var failed = spool.JobFolder(JobState.Failed, "b-1");
        Assert.Equal("basis set missing for 1.5 T\n", File.ReadAllText(Path.Combine(failed, "error.txt")));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, File.ReadAllBytes(Path.Combine(failed, "inputs", "object.dcm")));
        Assert.Equal([0, 0, 0, 1, 1], Enum.GetValues<JobState>().Select(spool.Count));
    }

    [Fact]
    public void RecoverInterrupted_JobLeftInRunningAndHalfCreatedJob_RequeuedAndRemoved()
    {
        var (spool, input) = NewSpool();
        spool.Create(Manifest("crashed-1"), [input]);
        spool.TryStartNext(); // the node dies here: the job stays in running/
        Directory.CreateDirectory(Path.Combine(spool.JobFolder(JobState.Incoming, "half-1"), "inputs"));

        var restarted = new JobSpool(spool.Root);
        var requeued = restarted.RecoverInterrupted();

        Assert.Equal(["crashed-1"], requeued);
        Assert.Equal(JobState.Queued, restarted.Find("crashed-1"));
        Assert.Null(restarted.Find("half-1"));
        Assert.Equal("crashed-1", restarted.TryStartNext());
        Assert.Equal(2, restarted.Starts(JobState.Running, "crashed-1"));
    }

    [Fact]
    public void Create_WithFailure_GoesStraightToFailedKeepingInputs()
    {
        var (spool, input) = NewSpool();

        spool.Create(Manifest("bad-1"), [input], "cannot be read as MR spectroscopy: object.dcm: truncated");

        Assert.Equal(JobState.Failed, spool.Find("bad-1"));
        Assert.Contains("truncated", File.ReadAllText(Path.Combine(spool.JobFolder(JobState.Failed, "bad-1"), "error.txt")));
        Assert.True(File.Exists(Path.Combine(spool.JobFolder(JobState.Failed, "bad-1"), "inputs", "object.dcm")));
    }

    [Fact]
    public void DeleteDoneBefore_OldDoneJob_DeletedFailedKept()
    {
        var (spool, input) = NewSpool();
        spool.Create(Manifest("old-1"), [input]);
        spool.Create(Manifest("old-2"), [input]);
        spool.TryStartNext();
        spool.TryStartNext();
        spool.Complete("old-1");
        spool.Fail("old-2", "x");

        int deleted = spool.DeleteDoneBefore(DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.Equal(1, deleted);
        Assert.Null(spool.Find("old-1"));
        Assert.Equal(JobState.Failed, spool.Find("old-2"));
    }

    [Fact]
    public void Requeue_GracefulStop_BackInQueueWithoutCountingTheStart()
    {
        var (spool, input) = NewSpool();
        spool.Create(Manifest("stop-1"), [input]);
        spool.TryStartNext();

        spool.Requeue("stop-1");

        Assert.Equal(JobState.Queued, spool.Find("stop-1"));
        Assert.Equal(0, spool.Starts(JobState.Queued, "stop-1"));
    }

    /// <summary>Issue 25, finding 10: a crash with two jobs running is blamed on neither; each then runs alone, first.</summary>
    [Fact]
    public void RecoverInterrupted_TwoJobsRunning_NeitherStartCountedAndEachRunsAloneFirst()
    {
        var (spool, input) = NewSpool();
        spool.Create(Manifest("a-1"), [input]);
        spool.Create(Manifest("b-1"), [input]);
        spool.Create(Manifest("c-1"), [input]);
        spool.TryStartNext();
        spool.TryStartNext(); // the node dies with a-1 and b-1 running

        var restarted = new JobSpool(spool.Root);
        var requeued = restarted.RecoverInterrupted();

        Assert.Equal(["a-1", "b-1"], requeued);
        Assert.Equal(0, restarted.Starts(JobState.Queued, "a-1"));
        Assert.Equal(0, restarted.Starts(JobState.Queued, "b-1"));
        Assert.True(restarted.RunsAlone(JobState.Queued, "a-1"));
        Assert.False(restarted.RunsAlone(JobState.Queued, "c-1"));
        Assert.Equal("a-1", restarted.TryStartNext());
        Assert.Null(restarted.TryStartNext()); // a second worker waits while a-1 runs alone
        restarted.Complete("a-1");
        Assert.Equal("b-1", restarted.TryStartNext());
        Assert.Null(restarted.TryStartNext());
        restarted.Fail("b-1", "x");
        Assert.Equal("c-1", restarted.TryStartNext());
        Assert.Equal(1, restarted.Starts(JobState.Running, "c-1"));
    }

    /// <summary>
    /// The finding's scenario the other way round: a job that crashes the node beside another is not blamed the first
    /// time, but each crash it causes alone afterwards is counted, so Processing:MaxStarts stops it, not its neighbour.
    /// </summary>
    [Fact]
    public void RecoverInterrupted_CulpritCrashesAgainAlone_OnlyItsStartsCount()
    {
        var (spool, input) = NewSpool();
        spool.Create(Manifest("1-victim"), [input]);
        spool.Create(Manifest("2-culprit"), [input]);
        spool.TryStartNext();
        spool.TryStartNext();
        spool = new JobSpool(spool.Root); // kill -9 with both running
        spool.RecoverInterrupted();
        Assert.Equal("1-victim", spool.TryStartNext());
        spool.Complete("1-victim");

        for (int crash = 1; crash <= 3; crash++)
        {
            Assert.Equal("2-culprit", spool.TryStartNext());
            spool = new JobSpool(spool.Root); // it kills the node again, alone
            spool.RecoverInterrupted();
            Assert.Equal(crash, spool.Starts(JobState.Queued, "2-culprit"));
        }

        Assert.Equal(1, spool.Starts(JobState.Done, "1-victim"));
        Assert.Equal("2-culprit", spool.TryStartNext());
        Assert.Equal(4, spool.Starts(JobState.Running, "2-culprit")); // > MaxStarts 3: JobRunner fails it unrun
    }
}
