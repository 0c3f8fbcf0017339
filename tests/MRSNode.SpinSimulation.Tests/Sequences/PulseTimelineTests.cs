using MRSNode.SpinSimulation.Sequences;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.SpinSimulation.Tests.Sequences;

[UnitTest]
public class PulseTimelineTests
{
    [Fact]
    public void EndingAt_EventsOutOfOrder_SortedWithEvolutionBetween()
    {
        var a = new PulseStep(90, 90);
        var b = new PulseStep(180, 0);
        var filter = new CoherenceFilterStep(1);

        var steps = new PulseTimeline().At(0, a).At(10, b).At(4, filter).At(10, filter).EndingAt(30);

        Assert.Equal<SequenceStep>([a, new EvolutionStep(4), filter, new EvolutionStep(6), b, filter, new EvolutionStep(20)], steps);
    }

    [Fact]
    public void EndingAt_EventAfterEcho_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseTimeline().At(40, new PulseStep(180, 0)).EndingAt(30));
    }
}
