using MRSNode.SpinSimulation.Sequences;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.SpinSimulation.Tests.Engine.PulseProgramRunnerTests;
using static MRSNode.SpinSimulation.Tests.TestSpinSystems;

namespace MRSNode.SpinSimulation.Tests.Sequences;

[UnitTest]
public class MegaPressSequenceTests
{
    private static MegaPressSequence Mega(EditingSubSpectrum which, double mhz, double te1 = 34, double te2 = 34) =>
        new(new PressSequence(te1, te2), new EditingPulse { OnPpm = 1.89, OffPpm = 7.5, SubSpectrum = which }, mhz);

    [Fact]
    public void Program_SingletDifference_Zero()
    {
        var creatine = Metabolite("Cr", Group([Spin("CH3", 3.027, 3)]));

        var lines = Lines(creatine, Mega(EditingSubSpectrum.Difference, 123.2));

        Assert.Equal(0.0, AmplitudeNear(lines, 3.027, 5).Magnitude, 9);
    }

    [Theory]
    [InlineData(34, 34)]
    [InlineData(15, 53)]
    public void Program_CoupledPartnerInverted_OnRefocusesJAndDifferenceIsOneMinusCos(double te1, double te2)
    {
        const double mhz = 100_000, j = 7.5, te = 0.068;

        var on = AmplitudeNear(Lines(GabaLikePair(), Mega(EditingSubSpectrum.On, mhz, te1, te2), mhz), 3.01, 10, mhz);
        var off = AmplitudeNear(Lines(GabaLikePair(), Mega(EditingSubSpectrum.Off, mhz, te1, te2), mhz), 3.01, 10, mhz);
        var diff = AmplitudeNear(Lines(GabaLikePair(), Mega(EditingSubSpectrum.Difference, mhz, te1, te2), mhz), 3.01, 10, mhz);

        // Editing pulses TE/2 apart undo the coupling evolution of the observed spin; OFF is plain PRESS.
        Assert.Equal(1.0, on.Real, 4);
        Assert.Equal(Math.Cos(Math.PI * j * te), off.Real, 4);
        Assert.Equal(1 - Math.Cos(Math.PI * j * te), diff.Real, 4);
    }

    [Fact]
    public void Timing_DefaultDuration_StatesBandAndSubSpectrum()
    {
        Assert.Equal("TE1 34 / TE2 34 ms, editing 1.89 ppm ON / 7.5 ppm OFF, 14 ms (71 Hz band), DIFF (ON − OFF)",
            Mega(EditingSubSpectrum.Difference, 123.2).Timing);
    }
}
