using MRSNode.SpinSimulation.Engine;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.SpinSimulation.Tests.TestSpinSystems;

namespace MRSNode.SpinSimulation.Tests.Engine;

[UnitTest]
public class SpinGroupExpansionTests
{
    [Fact]
    public void Expand_UncoupledMethyl_IsOneSpinOfWeightThree()
    {
        var spins = SpinGroupExpansion.Expand(Group([Spin("CH3", 2.008, 3)]), "NAA");

        var only = Assert.Single(spins);
        Assert.Equal(1, only.Count);
        Assert.Equal(3.0, only.Weight);
    }

    [Fact]
    public void Expand_MethylCoupledToMethine_FourEquivalentlyCoupledSpins()
    {
        var spins = SpinGroupExpansion.Expand(Group([Spin("CH", 4.097), Spin("CH3", 1.314, 3)], Coupling("CH", "CH3", 6.933)), "Lac");

        var only = Assert.Single(spins);
        Assert.Equal(4, only.Count);
        Assert.Equal(16, only.Dimension);
        Assert.Equal([4.097, 1.314, 1.314, 1.314], only.ShiftsPpm);
        Assert.Equal(6.933, only.CouplingsHz[0, 3]);
        Assert.Equal(0.0, only.CouplingsHz[1, 2]);
    }

    [Fact]
    public void Expand_UncoupledSpinBesideCoupledPair_TwoSystems()
    {
        var group = Group([Spin("A", 3.0), Spin("B", 2.0), Spin("S", 1.0, 2)], Coupling("A", "B", 7));

        var spins = SpinGroupExpansion.Expand(group, "x");

        Assert.Equal([2, 1], spins.Select(s => s.Count));
        Assert.Equal(2.0, spins[1].Weight);
    }

    [Fact]
    public void Expand_CouplingToUnknownLabel_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => SpinGroupExpansion.Expand(Group([Spin("A", 3.0)], Coupling("A", "Z", 7)), "x"));

        Assert.Contains("Z", ex.Message, StringComparison.Ordinal);
    }
}
