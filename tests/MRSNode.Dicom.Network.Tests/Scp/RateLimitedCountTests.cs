using MRSNode.Dicom.Network.Scp;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Scp;

[UnitTest]
public class RateLimitedCountTests
{
    [Fact]
    public void Add_FloodWithinTheInterval_OnlyTheFirstReported()
    {
        var count = new RateLimitedCount(TimeSpan.FromHours(1));

        var reports = Enumerable.Range(0, 1000).Select(_ => count.Add()).ToArray();

        Assert.Equal(1, reports[0]);
        Assert.All(reports[1..], r => Assert.Null(r));
    }

    [Fact]
    public async Task Add_AfterTheInterval_ReportsTheCountSinceTheLastReport()
    {
        var count = new RateLimitedCount(TimeSpan.FromMilliseconds(100));
        count.Add();
        count.Add();
        count.Add();
        await Task.Delay(200);

        Assert.Equal(3, count.Add()); // the two held back, and this one
    }
}
