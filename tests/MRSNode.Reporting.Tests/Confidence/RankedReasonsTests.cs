using MRSNode.Reporting.Confidence;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Confidence;

[UnitTest]
public class RankedReasonsTests
{
    [Fact]
    public void Ordered_MixedSeverities_NotUsableThenReviewThenInformationEachInOrderAdded()
    {
        var reasons = new RankedReasons();
        reasons.Add(ReasonSeverity.Information, "i1");
        reasons.Add(ReasonSeverity.Review, "r1");
        reasons.Add(ReasonSeverity.NotUsable, "n1");
        reasons.AddRange(ReasonSeverity.Review, ["r2", "r3"]);
        reasons.Add(ReasonSeverity.Information, "i2");

        Assert.Equal(["n1", "r1", "r2", "r3", "i1", "i2"], reasons.Ordered());
    }
}
