using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Spool;

[UnitTest]
public class DirectorySyncTests
{
    [Fact]
    public void Flush_ExistingDirectory_Succeeds()
    {
        var folder = TestData.NewTempFolder();
        File.WriteAllText(Path.Combine(folder, "a"), "x");

        var ex = Record.Exception(() => DirectorySync.Flush(folder));

        Assert.Null(ex);
        Assert.True(File.Exists(Path.Combine(folder, "a")));
    }

    [Fact]
    public void Flush_MissingDirectory_ThrowsIOExceptionNamingIt()
    {
        var missing = Path.Combine(TestData.NewTempFolder(), "gone");

        var ex = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));

        Assert.Contains(missing, ex.Message);
        Assert.Contains("errno 2", ex.Message); // ENOENT: the native call really ran
    }
}
