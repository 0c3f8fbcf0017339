using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Spool;

[UnitTest]
public sealed class DiskFullTests
{
    [Theory]
    [InlineData(28, true)] // ENOSPC as .NET on Unix carries it
    [InlineData(unchecked((int)0x80070070), true)] // ERROR_DISK_FULL
    [InlineData(unchecked((int)0x80070027), true)] // ERROR_HANDLE_DISK_FULL
    [InlineData(5, false)] // EIO
    public void Is_IOExceptionByHResult_TrueOnlyForAFullDisk(int hresult, bool expected)
    {
        Assert.Equal(expected, DiskFull.Is(new IOException("x", hresult)));
    }

    [Fact]
    public void Is_EnospcWrappedInAnotherException_True()
    {
        Assert.True(DiskFull.Is(new InvalidOperationException("outer", new IOException("No space left on device", 28))));
    }

    [Fact]
    public void RequeueAfterDiskFull_RunningJobWithStagedOutputs_QueuedStagingDeletedStartNotCounted()
    {
        var spool = new JobSpool(Path.Combine(TestData.NewTempFolder(), "jobs"));
        var input = Path.Combine(TestData.NewTempFolder(), "a.dcm");
        File.WriteAllBytes(input, [1, 2]);
        spool.Create(new JobManifest { Id = "j-1", StudyInstanceUid = "1.2.3", MetaboliteFiles = ["a.dcm"], InputFiles = ["a.dcm"] }, [input], null);
        Assert.Equal("j-1", spool.TryStartNext());
        Directory.CreateDirectory(Path.Combine(spool.JobFolder(JobState.Running, "j-1"), JobSpool.OutputsFolder + ".partial"));

        spool.RequeueAfterDiskFull("j-1");

        Assert.Equal(JobState.Queued, spool.Find("j-1"));
        Assert.False(Directory.Exists(Path.Combine(spool.JobFolder(JobState.Queued, "j-1"), JobSpool.OutputsFolder + ".partial")));
        Assert.Equal(0, spool.Starts(JobState.Queued, "j-1"));
    }
}
