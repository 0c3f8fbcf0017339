using MRSNode.Spectroscopy;
using MRSNode.SpinSimulation.Engine;
using MRSNode.SpinSimulation.Sequences;
using MRSNode.SpinSimulation.SpinSystems;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.SpinSimulation.Tests.Engine.PulseProgramRunnerTests;
using static MRSNode.SpinSimulation.Tests.TestSpinSystems;

namespace MRSNode.SpinSimulation.Tests.Sequences;

[UnitTest]
public class PressSequenceTests
{
    [Fact]
    public void From_EchoTimeOnly_HalvesItAndSaysSo()
    {
        var press = PressSequence.From(new BasisSimulationRequest { FrequencyMHz = 123.2, Sequence = LocalizationSequence.Press, EchoTimeMs = 30 });

        Assert.Equal(15, press.Te1Ms);
        Assert.Equal(15, press.Te2Ms);
        Assert.Equal("TE 30 ms (TE1 = TE2 = 15 ms assumed)", press.Timing);
    }

    [Fact]
    public void From_Te1Only_Te2IsTheRest()
    {
        var press = PressSequence.From(new BasisSimulationRequest { FrequencyMHz = 123.2, Sequence = LocalizationSequence.Press, EchoTimeMs = 30, Te1Ms = 11 });

        Assert.Equal(19, press.Te2Ms);
        Assert.Equal("TE1 11 / TE2 19 ms", press.Timing);
    }

    [Fact]
    public void From_SplitNotAddingUpToTe_Throws()
    {
        Assert.Throws<ArgumentException>(() => PressSequence.From(new BasisSimulationRequest
        {
            FrequencyMHz = 123.2, Sequence = LocalizationSequence.Press, EchoTimeMs = 30, Te1Ms = 11, Te2Ms = 20,
        }));
    }

    [Theory]
    [InlineData(30, 1)]
    [InlineData(144, -1)]
    [InlineData(288, 1)]
    public void Program_LactateMethylDoublet_JModulationSignAtTe(double te, int expectedSign)
    {
        var lac = SpinSystemLibrary.LoadEmbedded().Find("Lac")!;

        var lines = Lines(lac, new PressSequence(te / 2, te / 2));

        var methyl = AmplitudeNear(lines, 1.3142, 8);
        Assert.Equal(expectedSign, Math.Sign(methyl.Real));
        // Weakly coupled at 3 T: |cos(πJ·TE)| of the 3 methyl protons, in phase.
        Assert.Equal(3 * Math.Abs(Math.Cos(Math.PI * 6.933 * te / 1000)), Math.Abs(methyl.Real), 1);
    }

    [Fact]
    public void Program_WithExplicitCrusherFilters_SameSignalAsWithout()
    {
        var press = new PressSequence(11, 19);
        var abx = Metabolite("ABX", Group([Spin("A", 2.52), Spin("B", 2.49), Spin("X", 3.9)],
            Coupling("A", "B", -15.9), Coupling("A", "X", 3.9), Coupling("B", "X", 8.6)));
        var filtered = new PulseProgram([new PulseProgramRun(1, press.Timeline(crushers: true).EndingAt(30))]);
        var runner = new PulseProgramRunner(123.2, 4.65);

        var plain = FidSynthesis.Fid(runner.Lines(abx, press.Program, default), 2048, 4000, 0, default);
        var crushed = FidSynthesis.Fid(runner.Lines(abx, filtered, default), 2048, 4000, 0, default);

        Assert.InRange(plain[0].Magnitude, 0.5, 3.0);
        Assert.All(Enumerable.Range(0, 2048), n => Assert.True((plain[n] - crushed[n]).Magnitude < 1e-9, $"point {n}"));
    }
}
