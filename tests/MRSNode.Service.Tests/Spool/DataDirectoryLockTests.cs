using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Spool;

[UnitTest]
public sealed class DataDirectoryLockTests
{
    [Fact]
    public void Acquire_FolderAlreadyLocked_ThrowsNamingTheFolder()
    {
        var data = TestData.NewTempFolder();
        using var first = DataDirectoryLock.Acquire(data);

        var ex = Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.Acquire(data));

        Assert.Contains(data, ex.Message, StringComparison.Ordinal);
        Assert.Contains("in use by another mrsnode process", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_AfterTheHolderReleased_Succeeds()
    {
        var data = TestData.NewTempFolder();
        DataDirectoryLock.Acquire(data).Dispose();

        using var second = DataDirectoryLock.Acquire(data);

        Assert.True(File.Exists(Path.Combine(data, DataDirectoryLock.FileName)));
    }
}
