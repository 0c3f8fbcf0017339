using MRSNode.SpinSimulation.Sequences;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.SpinSimulation.Tests.Engine.PulseProgramRunnerTests;
using static MRSNode.SpinSimulation.Tests.TestSpinSystems;

namespace MRSNode.SpinSimulation.Tests.Sequences;

[UnitTest]
public class SteamSequenceTests
{
    [Theory]
    [InlineData(11, 32)]
    [InlineData(20, 10)]
    public void Program_Singlet_SameLineAsSpinEcho(double te, double tm)
    {
        var steam = Lines(NaaAcetyl(), new SteamSequence(te, tm));
        var echo = Lines(NaaAcetyl(), new SpecialSequence(te));

        var line = Assert.Single(steam);
        Assert.Equal(Assert.Single(echo).FrequencyHz, line.FrequencyHz, 9);
        Assert.Equal(3.0, line.Amplitude.Real, 9);
        Assert.Equal(0.0, line.Amplitude.Imaginary, 9);
    }

    [Fact]
    public void Program_CoupledPairAtShortTe_CloseToSpinEchoButNotEqual()
    {
        // A weakly coupled pair at TE 11: STEAM's J modulation (TE only; TM keeps only z and zero-quantum terms) is
        // the spin echo's to first order; it differs only by the zero-quantum evolution during TM.
        var steam = AmplitudeNear(Lines(GabaLikePair(), new SteamSequence(11, 32), 100_000), 3.01, 10, 100_000);
        var echo = AmplitudeNear(Lines(GabaLikePair(), new SpecialSequence(11), 100_000), 3.01, 10, 100_000);

        Assert.Equal(Math.Cos(Math.PI * 7.5 * 0.011), echo.Real, 2);
        Assert.Equal(echo.Real, steam.Real, 1);
    }

    [Fact]
    public void Timing_NoMixingTime_SaysWhichWasAssumed()
    {
        var steam = new SteamSequence(11, null);

        Assert.Equal(SteamSequence.DefaultMixingTimeMs, steam.MixingTimeMs);
        Assert.Equal("TE 11 ms, TM 10 ms assumed", steam.Timing);
    }
}
