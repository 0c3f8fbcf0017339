using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[SlowTest]
public class EvaluateBasisCommandTests
{
    private static readonly string _basis = TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS");

    [Fact]
    public void EvaluateBasis_IsmrmChallengeBasis_PrintsOneRowPerCommonMetaboliteAndWritesTheTable()
    {
        var folder = TestData.NewTempFolder();
        try
        {
            var table = Path.Combine(folder, "agreement.md");

            var r = MrsnodeProcess.Run("evaluate", "basis", "--reference", _basis, "--out", table);

            Assert.True(r.ExitCode == 0, r.StdErr);
            Assert.Contains("PRESS TE1 11 + TE2 19 ms", r.StdOut, StringComparison.Ordinal);
            Assert.Contains("| NAA | 6 | 0.99", r.StdOut, StringComparison.Ordinal);
            Assert.Contains("| sIns | 6 | 0.9999 | 1.000", r.StdOut, StringComparison.Ordinal);
            Assert.Equal(20, r.StdOut.Split('\n').Count(l => l.EndsWith(" yes |", StringComparison.Ordinal) || l.EndsWith(" **no** |", StringComparison.Ordinal)));
            Assert.Equal(r.StdOut, File.ReadAllText(table));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void EvaluateBasis_MissingFile_ExitsWithOneLine()
    {
        var r = MrsnodeProcess.Run("evaluate", "basis", "--reference", Path.Combine(TestData.Root, "no-such.BASIS"));

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("no-such.BASIS", r.StdErr, StringComparison.Ordinal);
    }
}
