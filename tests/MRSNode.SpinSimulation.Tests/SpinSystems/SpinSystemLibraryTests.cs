using MRSNode.SpinSimulation.SpinSystems;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.SpinSimulation.Tests.SpinSystems;

[UnitTest]
public class SpinSystemLibraryTests
{
    [Fact]
    public void LoadEmbedded_Lactate_HasDoubletAndQuartetSpinsCoupledAt6Point9Hz()
    {
        var library = SpinSystemLibrary.LoadEmbedded();

        var lac = library.Find("lac");

        Assert.NotNull(lac);
        Assert.Equal(4, lac.Protons);
        var coupling = Assert.Single(lac.Groups[0].Couplings);
        Assert.Equal(6.933, coupling.Hz, 3);
    }

    [Fact]
    public void LoadEmbedded_EveryParameter_CitesAKnownSource()
    {
        var library = SpinSystemLibrary.LoadEmbedded();

        var cited = library.Metabolites.SelectMany(m => m.Groups)
            .SelectMany(g => g.Spins.Select(s => s.Source).Concat(g.Couplings.Select(c => c.Source)))
            .ToList();

        Assert.NotEmpty(cited);
        Assert.All(cited, key => Assert.True(library.Sources.ContainsKey(key), $"unknown source key {key}"));
    }
}
