using MRSNode.Service.SharedStore;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.SharedStore;

[UnitTest]
public class PayloadHashTests
{
    [Fact]
    public void OfJob_OneInputByteChanged_Differs()
    {
        var a = SharedJobStoreTests.LocalJob("job-1", "metabolite bytes");
        var b = SharedJobStoreTests.LocalJob("job-1", "metabolite bytez");

        Assert.NotEqual(PayloadHash.OfJob(a), PayloadHash.OfJob(b));
    }

    [Fact]
    public void OfJob_SameContentInAnotherFolder_Equal()
    {
        var a = SharedJobStoreTests.LocalJob("job-1");
        var b = SharedJobStoreTests.LocalJob("job-1");

        Assert.Equal(PayloadHash.OfJob(a), PayloadHash.OfJob(b));
    }

    [Fact]
    public void OfJob_OutputsAdded_Unchanged()
    {
        var job = SharedJobStoreTests.LocalJob("job-1");
        var before = PayloadHash.OfJob(job);
        Directory.CreateDirectory(Path.Combine(job, "outputs"));
        File.WriteAllText(Path.Combine(job, "outputs", "sr.dcm"), "x");

        Assert.Equal(before, PayloadHash.OfJob(job));
    }

    [Fact]
    public void OfFolder_FileRenamed_Differs()
    {
        var folder = TestData.NewTempFolder();
        File.WriteAllText(Path.Combine(folder, "a.dcm"), "x");
        var before = PayloadHash.OfFolder(folder);
        File.Move(Path.Combine(folder, "a.dcm"), Path.Combine(folder, "b.dcm"));

        Assert.NotEqual(before, PayloadHash.OfFolder(folder));
    }
}
