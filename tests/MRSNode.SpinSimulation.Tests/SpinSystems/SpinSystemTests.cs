using System.Numerics;
using MRSNode.Spectroscopy;
using MRSNode.SpinSimulation.SpinSystems;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.SpinSimulation.Tests.SpinSystems;

[UnitTest]
public class SpinSystemTests
{
    private const double Mhz = 123.2;

    private static HeteronuclearCoupling Hetero(string spin, string nucleus, double hz) =>
        new() { Spin = spin, Nucleus = nucleus, Hz = hz, Source = TestSpinSystems.Source };

    [Fact]
    public void ProtonOnlyStates_No_Heteronucleus_IsTheGroupItself()
    {
        var group = TestSpinSystems.Group([TestSpinSystems.Spin("A", 3.0)]);

        var states = group.ProtonOnlyStates(Mhz);

        Assert.Same(group, Assert.Single(states));
    }

    [Fact]
    public void ProtonOnlyStates_PhosphorusOnOneSpin_TwoHalfWeightStatesShiftedByHalfJ()
    {
        var group = TestSpinSystems.Group([TestSpinSystems.Spin("A", 4.0), TestSpinSystems.Spin("B", 3.6)], TestSpinSystems.Coupling("A", "B", 7)) with
        {
            Weight = 0.8,
            Heteronuclear = [Hetero("A", "31P", 6)],
        };

        var states = group.ProtonOnlyStates(Mhz);

        Assert.Equal([0.4, 0.4], states.Select(s => s.Weight));
        Assert.Equal([4.0 - 3 / Mhz, 4.0 + 3 / Mhz], states.Select(s => s.Spins[0].ShiftPpm));
        Assert.All(states, s => Assert.Equal(3.6, s.Spins[1].ShiftPpm));
        Assert.All(states, s => Assert.Empty(s.Heteronuclear));
        Assert.All(states, s => Assert.Equal(7, Assert.Single(s.Couplings).Hz));
    }

    [Fact]
    public void ProtonOnlyStates_PhosphorusAndNitrogen_SixStatesOfOneSixthWithSummedOffsets()
    {
        var group = TestSpinSystems.Group([TestSpinSystems.Spin("A", 4.0)]) with
        {
            Heteronuclear = [Hetero("A", "31P", 6), Hetero("A", "14N", 2)],
        };

        var states = group.ProtonOnlyStates(Mhz);

        Assert.Equal(6, states.Count);
        Assert.All(states, s => Assert.Equal(1.0 / 6, s.Weight, 12));
        var offsetsHz = states.Select(s => Math.Round((s.Spins[0].ShiftPpm - 4.0) * Mhz, 9)).Order().ToArray();
        Assert.Equal([-5, -3, -1, 1, 3, 5], offsetsHz);
    }

    [Fact]
    public void ProtonOnlyStates_UnknownNucleus_Throws()
    {
        var group = TestSpinSystems.Group([TestSpinSystems.Spin("A", 4.0)]) with { Heteronuclear = [Hetero("A", "13C", 140)] };

        var error = Assert.Throws<ArgumentException>(() => group.ProtonOnlyStates(Mhz));

        Assert.Contains("13C", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_SingletCoupledToPhosphorus_GivesADoubletSplitByJ()
    {
        var group = TestSpinSystems.Group([TestSpinSystems.Spin("A", 3.0, 2)]) with { Heteronuclear = [Hetero("A", "31P", 10)] };
        var library = TestSpinSystems.Library(TestSpinSystems.Metabolite("P", group));
        var request = new BasisSimulationRequest { FrequencyMHz = Mhz, Sequence = LocalizationSequence.Press, EchoTimeMs = 30, Te1Ms = 11, Te2Ms = 19, Points = 8192, SpectralWidthHz = 4096, LinewidthHz = 1 };

        var basis = new DensityMatrixBasisSimulator(library).Simulate(request);

        var fid = basis.Metabolites[0].Fid;
        var axis = basis.Axis;
        var spectrum = SpectralAxis.Spectrum(fid);
        double centre = axis.IndexOf(3.0);
        int lower = (int)Math.Round(centre - 5 / axis.HzPerPoint), upper = (int)Math.Round(centre + 5 / axis.HzPerPoint);
        Assert.Equal(2, fid[0].Real, 9); // both protons, refocused: the 31P coupling evolves like a shift
        Assert.True(spectrum[lower].Real > 5 * spectrum[(int)Math.Round(centre)].Real);
        Assert.Equal(1, spectrum[lower].Real / spectrum[upper].Real, 2);
    }
}
