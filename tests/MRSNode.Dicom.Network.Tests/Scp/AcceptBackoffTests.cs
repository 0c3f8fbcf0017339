using MRSNode.Dicom.Network.Scp;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Scp;

[UnitTest]
public class AcceptBackoffTests
{
    [Fact]
    public void Failed_Repeatedly_DelayDoublesFrom10msTo1sCap()
    {
        var backoff = new AcceptBackoff(TimeProvider.System);

        var delays = Enumerable.Range(0, 10).Select(_ => { backoff.Failed(); return backoff.Delay.TotalMilliseconds; }).ToArray();

        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000], delays);
    }

    [Fact]
    public void Failed_OnlyTheFirstOfAnEpisode_ReturnsTrue()
    {
        var backoff = new AcceptBackoff(TimeProvider.System);

        var firsts = Enumerable.Range(0, 5).Select(_ => backoff.Failed()).ToArray();

        Assert.Equal([true, false, false, false, false], firsts);
    }

    [Fact]
    public void Succeeded_AfterAnEpisode_ReportsItsFailuresOnceAndResetsTheDelay()
    {
        var backoff = new AcceptBackoff(TimeProvider.System);
        backoff.Failed();
        backoff.Failed();
        backoff.Failed();

        var episode = backoff.Succeeded();
        var none = backoff.Succeeded();

        Assert.Equal(3, episode?.Failures);
        Assert.Null(none);
        Assert.Equal(10, backoff.Delay.TotalMilliseconds);
        Assert.True(backoff.Failed());
    }
}
