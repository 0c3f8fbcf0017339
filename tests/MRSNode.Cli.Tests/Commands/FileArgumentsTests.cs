using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

/// <summary>Issue 23 (11): a folder given where a file is expected is named as such, not "Access to the path … is denied".</summary>
[UnitTest]
public class FileArgumentsTests
{
    [Theory]
    [InlineData("dicom", "dump")]
    [InlineData("info")]
    [InlineData("quantify")]
    public void FilesOnly_FolderGiven_ExitsSayingItIsAFolder(params string[] command)
    {
        var folder = TestData.NewTempFolder();

        var r = MrsnodeProcess.Run([.. command, folder]);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"{folder} is a folder; give a file (FILE)", r.StdErr);
        Assert.DoesNotContain("denied", r.StdErr + r.StdOut);
    }
}
