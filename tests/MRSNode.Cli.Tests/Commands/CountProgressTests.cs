using MRSNode.Cli.Commands;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[UnitTest]
public class CountProgressTests
{
    [Fact]
    public void Report_ManyQuickUpdates_FirstAndLastLinesOnly()
    {
        var text = new StringWriter();
        var progress = new CountProgress("fitted", 100, text);

        for (int i = 1; i <= 100; i++)
        {
            progress.Report(i);
        }

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("fitted 1 of 100 (", lines[0]);
        Assert.StartsWith("fitted 100 of 100 (", lines[1]);
    }
}
