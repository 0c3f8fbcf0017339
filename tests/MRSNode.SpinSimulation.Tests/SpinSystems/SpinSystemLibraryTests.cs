using MRSNode.SpinSimulation.SpinSystems;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.SpinSimulation.Tests.SpinSystems;

[UnitTest]
public class SpinSystemLibraryTests
{
    private static readonly SpinSystemLibrary _library = SpinSystemLibrary.LoadEmbedded();

    [Fact]
    public void LoadEmbedded_Lactate_HasDoubletAndQuartetSpinsCoupledAt6Point9Hz()
    {
        var lac = _library.Find("lac");

        Assert.NotNull(lac);
        Assert.Equal(4, lac.Protons);
        var coupling = Assert.Single(lac.Groups[0].Couplings);
        Assert.Equal(6.933, coupling.Hz, 3);
    }

    [Fact]
    public void LoadEmbedded_EveryParameter_CitesAKnownSource()
    {
        var cited = _library.Metabolites.SelectMany(m => m.Groups)
            .SelectMany(g => g.Spins.Select(s => s.Source).Concat(g.Couplings.Select(c => c.Source)).Concat(g.Heteronuclear.Select(h => h.Source)))
            .ToList();

        Assert.True(cited.Count > 200, $"only {cited.Count} cited parameters");
        Assert.All(cited, key => Assert.True(_library.Sources.ContainsKey(key), $"unknown source key {key}"));
    }

    [Fact]
    public void LoadEmbedded_EverySource_IsCitedByAParameter()
    {
        var cited = _library.Metabolites.SelectMany(m => m.Groups)
            .SelectMany(g => g.Spins.Select(s => s.Source).Concat(g.Couplings.Select(c => c.Source)).Concat(g.Heteronuclear.Select(h => h.Source)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(_library.Sources.Keys.Order(StringComparer.Ordinal), cited.Order(StringComparer.Ordinal));
    }

    // The list, plus serine (in Osprey's 7 T basis); names as the ISMRM 2016 and Osprey LCModel bases spell them.
    [Theory]
    [InlineData("NAA")]
    [InlineData("NAAG")]
    [InlineData("Cr")]
    [InlineData("PCr")]
    [InlineData("GPC")]
    [InlineData("PCho")]
    [InlineData("PCh")]
    [InlineData("Cho")]
    [InlineData("Ins")]
    [InlineData("mI")]
    [InlineData("mIns")]
    [InlineData("sIns")]
    [InlineData("Scyllo")]
    [InlineData("Scy")]
    [InlineData("Glu")]
    [InlineData("Gln")]
    [InlineData("GABA")]
    [InlineData("GSH")]
    [InlineData("Tau")]
    [InlineData("Lac")]
    [InlineData("Ala")]
    [InlineData("Asp")]
    [InlineData("Asc")]
    [InlineData("Glc")]
    [InlineData("Gly")]
    [InlineData("PE")]
    [InlineData("2HG")]
    [InlineData("Ser")]
    public void Find_MetaboliteOrAlias_IsInTheLibrary(string name)
    {
        Assert.NotNull(_library.Find(name));
    }

    [Fact]
    public void LoadEmbedded_NamesAndAliases_AreUniqueAcrossTheLibrary()
    {
        var names = _library.Metabolites.SelectMany(m => m.Aliases.Prepend(m.Name)).ToList();

        var duplicates = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
        Assert.Equal(23, _library.Metabolites.Count);
    }

    // Convention: non-exchangeable carbon-bound protons only (NH, NH2, NH3+, OH left out), glucose's anomers weighted.
    [Theory]
    [InlineData("NAA", 6)]       // acetyl 3 + aspartyl CH, CH2
    [InlineData("NAAG", 11)]     // acetyl 3 + aspartyl 3 + glutamyl 5
    [InlineData("Cr", 5)]        // N-CH3 3 + CH2 2
    [InlineData("PCr", 5)]
    [InlineData("GPC", 18)]      // N(CH3)3 9 + glycerol 5 + ethylene 4
    [InlineData("PCho", 13)]     // N(CH3)3 9 + ethylene 4
    [InlineData("Cho", 13)]
    [InlineData("Ins", 6)]
    [InlineData("sIns", 6)]
    [InlineData("Glu", 5)]
    [InlineData("Gln", 5)]
    [InlineData("GABA", 6)]
    [InlineData("GSH", 10)]      // glycine CH2 2 + cysteine 3 + glutamyl 5
    [InlineData("Tau", 4)]
    [InlineData("Lac", 4)]
    [InlineData("Ala", 4)]
    [InlineData("Asp", 3)]
    [InlineData("Asc", 4)]
    [InlineData("Glc", 7)]       // 0.36 x 7 (alpha) + 0.64 x 7 (beta)
    [InlineData("Gly", 2)]
    [InlineData("PE", 4)]
    [InlineData("2HG", 5)]
    [InlineData("Ser", 3)]
    public void Protons_Metabolite_EqualsItsNonExchangeableCHProtons(string name, double expected)
    {
        var metabolite = _library.Find(name);

        Assert.NotNull(metabolite);
        Assert.Equal(expected, metabolite.Protons, 9);
    }

    [Fact]
    public void LoadEmbedded_Couplings_JoinTwoDistinctSpinsOfTheirGroupOnce()
    {
        foreach (var (metabolite, group) in AllGroups())
        {
            var labels = group.Spins.Select(s => s.Label).ToList();
            Assert.True(labels.Distinct(StringComparer.Ordinal).Count() == labels.Count, $"{metabolite}: duplicate spin label");
            var pairs = new HashSet<(string, string)>();
            foreach (var c in group.Couplings)
            {
                Assert.True(labels.Contains(c.A) && labels.Contains(c.B), $"{metabolite}: coupling {c.A}-{c.B} names a spin outside its group");
                Assert.True(c.A != c.B, $"{metabolite}: self-coupling of {c.A}");
                var pair = string.CompareOrdinal(c.A, c.B) < 0 ? (c.A, c.B) : (c.B, c.A);
                Assert.True(pairs.Add(pair), $"{metabolite}: coupling {c.A}-{c.B} listed twice");
                Assert.InRange(Math.Abs(c.Hz), 0.1, 20);
            }
        }
    }

    [Fact]
    public void LoadEmbedded_HeteronuclearCouplings_NameASpinOfTheirGroupAndA31POr14N()
    {
        var all = AllGroups().SelectMany(x => x.Group.Heteronuclear.Select(h => (x.Metabolite, x.Group, Coupling: h))).ToList();

        Assert.Equal(["Cho", "GPC", "PCho", "PE"], all.Select(x => x.Metabolite).Distinct().Order(StringComparer.Ordinal));
        Assert.All(all, x => Assert.Contains(x.Coupling.Spin, x.Group.Spins.Select(s => s.Label)));
        Assert.All(all, x => Assert.Contains(x.Coupling.Nucleus, new[] { "31P", "14N" }));
        Assert.All(all, x => Assert.InRange(x.Coupling.Hz, 0.1, 10));
        Assert.Equal(7.288, all.Single(x => x.Metabolite == "PE" && x.Coupling.Spin == "1CH" && x.Coupling.Nucleus == "31P").Coupling.Hz);
    }

    [Fact]
    public void LoadEmbedded_ShiftsCountsAndWeights_AreInPhysicalRanges()
    {
        foreach (var (metabolite, group) in AllGroups())
        {
            Assert.InRange(group.Weight, 0.01, 1);
            Assert.All(group.Spins, s => Assert.InRange(s.ShiftPpm, 0, 10));
            Assert.All(group.Spins, s => Assert.InRange(s.Count, 1, 9));
            Assert.True(group.Spins.Count <= 7, $"{metabolite}: a group of {group.Spins.Count} spins");
        }
    }

    [Fact]
    public void Find_Glucose_HasAlphaAndBetaAnomersWeighted36To64()
    {
        var glc = _library.Find("Glc");

        Assert.NotNull(glc);
        Assert.Equal([0.36, 0.64], glc.Groups.Select(g => g.Weight));
        Assert.Equal([5.216, 4.630], glc.Groups.Select(g => g.Spins.Single(s => s.Label == "1CH").ShiftPpm));
    }

    [Fact]
    public void Find_CreatineAndPhosphocreatine_DifferInTheMethyleneShift()
    {
        double Methylene(string name) => _library.Find(name)!.Groups.Single(g => g.Name == "CH2").Spins.Single().ShiftPpm;

        Assert.Equal(3.913, Methylene("Cr"), 4);
        Assert.Equal(3.930, Methylene("PCr"), 4);
    }

    [Fact]
    public void Find_Gaba_UsesTheKaiserValuesNear2013Recommends()
    {
        var gaba = _library.Find("GABA");

        Assert.NotNull(gaba);
        var group = Assert.Single(gaba.Groups);
        Assert.Equal([2.284, 2.284, 1.888, 1.888, 3.013, 3.013], group.Spins.Select(s => s.ShiftPpm));
        Assert.All(group.Spins, s => Assert.Equal("near2013", s.Source));
        Assert.Equal(11, group.Couplings.Count);
    }

    private static IEnumerable<(string Metabolite, SpinGroup Group)> AllGroups() =>
        _library.Metabolites.SelectMany(m => m.Groups.Select(g => (m.Name, g)));
}
