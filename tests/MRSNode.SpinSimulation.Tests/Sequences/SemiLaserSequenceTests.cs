using MRSNode.SpinSimulation.Sequences;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.SpinSimulation.Tests.Engine.PulseProgramRunnerTests;
using static MRSNode.SpinSimulation.Tests.TestSpinSystems;

namespace MRSNode.SpinSimulation.Tests.Sequences;

[UnitTest]
public class SemiLaserSequenceTests
{
    [Theory]
    [InlineData(30)]
    [InlineData(77)]
    [InlineData(135)]
    public void Program_Singlet_RefocusedToProtonCount(double te)
    {
        var line = Assert.Single(Lines(NaaAcetyl(), new SemiLaserSequence(te)));

        Assert.Equal(HzOf(2.008), line.FrequencyHz, 9);
        Assert.Equal(3.0, line.Amplitude.Real, 9);
        Assert.Equal(0.0, line.Amplitude.Imaginary, 9);
    }

    [Fact]
    public void Program_WeaklyCoupledPair_SameJModulationAsPress()
    {
        // Hard 180° pulses leave weak-coupling evolution alone: lactate's doublet inverts at TE 144 in sLASER as in PRESS.
        var pair = Metabolite("AX", Group([Spin("A", 4.1), Spin("X", 1.31, 3)], Coupling("A", "X", 6.933)));

        var press = AmplitudeNear(Lines(pair, new PressSequence(72, 72)), 1.31, 8);
        var slaser = AmplitudeNear(Lines(pair, new SemiLaserSequence(144)), 1.31, 8);

        Assert.Equal(-3, press.Real, 1);
        Assert.Equal(press.Real, slaser.Real, 1);
    }

    [Fact]
    public void Program_StronglyCoupledPair_RefocusingTrainSlowsJEvolution()
    {
        // With pulse spacings short against 1/Δν a strongly coupled pair evolves less (the CPMG effect of sLASER).
        var ab = Metabolite("AB", Group([Spin("A", 2.10), Spin("B", 2.05)], Coupling("A", "B", 15)));

        var press = AmplitudeNear(Lines(ab, new PressSequence(30, 30)), 2.075, 40);
        var slaser = AmplitudeNear(Lines(ab, new SemiLaserSequence(60)), 2.075, 40);

        Assert.Equal(1.554, press.Real, 3);
        Assert.True(slaser.Real > 1.99, $"sLASER {slaser}");
    }
}
