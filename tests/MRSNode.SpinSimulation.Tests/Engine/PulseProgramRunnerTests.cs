using System.Numerics;
using MRSNode.SpinSimulation.Engine;
using MRSNode.SpinSimulation.Sequences;
using MRSNode.SpinSimulation.SpinSystems;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.SpinSimulation.Tests.TestSpinSystems;

namespace MRSNode.SpinSimulation.Tests.Engine;

[UnitTest]
public class PulseProgramRunnerTests
{
    private const double Mhz = 123.2;
    private const double Reference = 4.65;

    /// <summary>At this field every coupling here is weak to 1e-5: first-order multiplets exactly.</summary>
    private const double WeakCouplingMhz = 100_000;

    internal static List<SpectralLine> Lines(MetaboliteSpinSystem metabolite, ILocalizationSequence sequence, double mhz = Mhz) =>
        new PulseProgramRunner(mhz, Reference).Lines(metabolite, sequence.Program, CancellationToken.None);

    internal static double HzOf(double ppm, double mhz = Mhz) => (Reference - ppm) * mhz;

    /// <summary>Sum of the amplitudes of the lines within ±halfWidthHz of a shift.</summary>
    internal static Complex AmplitudeNear(List<SpectralLine> lines, double ppm, double halfWidthHz, double mhz = Mhz) =>
        lines.Where(l => Math.Abs(l.FrequencyHz - HzOf(ppm, mhz)) <= halfWidthHz).Aggregate(Complex.Zero, (a, l) => a + l.Amplitude);

    /// <summary>Lines within toleranceHz of the previous one summed into it, in frequency order.</summary>
    internal static List<SpectralLine> Cluster(IEnumerable<SpectralLine> lines, double toleranceHz)
    {
        var merged = new List<SpectralLine>();
        foreach (var line in lines.OrderBy(l => l.FrequencyHz))
        {
            if (merged.Count > 0 && line.FrequencyHz - merged[^1].FrequencyHz < toleranceHz)
            {
                merged[^1] = merged[^1] with { Amplitude = merged[^1].Amplitude + line.Amplitude };
            }
            else
            {
                merged.Add(line);
            }
        }
        return merged;
    }

    [Fact]
    public void Lines_SingletAfterSpinEcho_OneLineOfAmplitudeProtonsAtItsShift()
    {
        var lines = Lines(NaaAcetyl(), new SpecialSequence(30));

        var line = Assert.Single(lines);
        Assert.Equal(HzOf(2.008), line.FrequencyHz, 9);
        Assert.Equal(3.0, line.Amplitude.Real, 9);
        Assert.Equal(0.0, line.Amplitude.Imaginary, 9);
    }

    [Fact]
    public void Lines_MethineCoupledToMethyl_QuartetOneThreeThreeOneAndDoublet()
    {
        var lac = Metabolite("Lac", Group([Spin("CH", 4.0974), Spin("CH3", 1.3142, 3)], Coupling("CH", "CH3", 6.933)));

        // Lines of the methyl's total-spin 3/2 and 1/2 manifolds differ by J²/Δν (2e-4 Hz here): one line each.
        var lines = Cluster(Lines(lac, new SpecialSequence(0), WeakCouplingMhz), 0.01);

        var quartet = lines.Where(l => Math.Abs(l.FrequencyHz - HzOf(4.0974, WeakCouplingMhz)) < 20).OrderBy(l => l.FrequencyHz).ToList();
        Assert.Equal(4, quartet.Count);
        Assert.Equal([0.125, 0.375, 0.375, 0.125], quartet.Select(l => Math.Round(l.Amplitude.Real, 4)));
        Assert.Equal(6.933, quartet[1].FrequencyHz - quartet[0].FrequencyHz, 3);
        var doublet = lines.Where(l => Math.Abs(l.FrequencyHz - HzOf(1.3142, WeakCouplingMhz)) < 20).ToList();
        Assert.Equal(2, doublet.Count);
        Assert.All(doublet, l => Assert.Equal(1.5, l.Amplitude.Real, 4));
    }

    [Fact]
    public void Lines_StronglyCoupledPair_MatchesClosedFormAbQuartet()
    {
        const double j = 10, ppmA = 3.05, ppmB = 3.0;
        var ab = Metabolite("AB", Group([Spin("A", ppmA), Spin("B", ppmB)], Coupling("A", "B", j)));

        var lines = Lines(ab, new SpecialSequence(0)).OrderBy(l => l.FrequencyHz).ToList();

        // AB quartet: lines at centre ± D/2 ± J/2 with D = √(Δν² + J²); inner (1 + J/D)/2, outer (1 − J/D)/2.
        double delta = (ppmA - ppmB) * Mhz, d = Math.Sqrt(delta * delta + j * j), centre = (HzOf(ppmA) + HzOf(ppmB)) / 2;
        double[] expectedHz = [centre - d / 2 - j / 2, centre - d / 2 + j / 2, centre + d / 2 - j / 2, centre + d / 2 + j / 2];
        double[] expectedAmplitude = [(1 - j / d) / 2, (1 + j / d) / 2, (1 + j / d) / 2, (1 - j / d) / 2];
        Assert.Equal(4, lines.Count);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expectedHz[i], lines[i].FrequencyHz, 6);
            Assert.Equal(expectedAmplitude[i], lines[i].Amplitude.Real, 9);
            Assert.Equal(0, lines[i].Amplitude.Imaginary, 9);
        }
    }

    [Fact]
    public void Lines_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            new PulseProgramRunner(Mhz, Reference).Lines(NaaAcetyl(), new SpecialSequence(30).Program, cts.Token));
    }
}
