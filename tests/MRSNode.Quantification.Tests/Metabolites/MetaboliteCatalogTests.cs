using MRSNode.Quantification.Metabolites;
using Xunit;

namespace MRSNode.Quantification.Tests.Metabolites;

public class MetaboliteCatalogTests
{
    private static readonly MetaboliteCatalog Catalog = MetaboliteCatalog.Standard;

    [Theory]
    [InlineData("PCh", "PCho")]
    [InlineData("PCho", "PCho")]
    [InlineData("pch", "PCho")]
    [InlineData("Cre", "Cr")]
    [InlineData("mI", "Ins")]
    [InlineData("mIns", "Ins")]
    [InlineData("Scyllo", "sIns")]
    [InlineData("-CrCH2", "CrCH2")]
    public void Find_Alias_TheCanonicalEntry(string alias, string canonical) =>
        Assert.Equal(canonical, Catalog.Find(alias)!.Name);

    [Fact]
    public void Find_UnknownName_Null() => Assert.Null(Catalog.Find("Xyz"));

    [Fact]
    public void Find_OrdinalComparison_TakesOnlyTheExactSpelling()
    {
        Assert.Equal("PCho", Catalog.Find("PCh", StringComparison.Ordinal)!.Name);
        Assert.Null(Catalog.Find("pch", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tNAA", new[] { "NAA", "NAAG" }, false)]
    [InlineData("tCr", new[] { "Cr", "PCr" }, false)]
    [InlineData("tCho", new[] { "GPC", "PCho" }, false)]
    [InlineData("Glx", new[] { "Glu", "Gln" }, false)]
    [InlineData("tIns", new[] { "Ins", "Gly" }, true)]
    public void Pools_EachPool_ItsMembersAndRule(string pool, string[] members, bool requiresEveryMember)
    {
        var p = Catalog.Pool(pool);

        Assert.Equal(members, p.Members.Select(m => m.Name));
        Assert.Equal(requiresEveryMember, p.RequiresEveryMember);
    }

    [Fact]
    public void Pools_ReportOrder_TheFivePools() =>
        Assert.Equal(["tNAA", "tCr", "tCho", "Glx", "tIns"], Catalog.Pools.Select(p => p.Name));

    [Fact]
    public void MemberIndices_LcModelNames_FindsAliasesInMemberOrder()
    {
        string[] names = ["PCh", "Cre", "GPC", "PCr", "Gly", "mI"];

        Assert.Equal([2, 0], Catalog.Pool("tCho").MemberIndices(names)!);
        Assert.Equal([1, 3], Catalog.Pool("tCr").MemberIndices(names)!);
        Assert.Equal([5, 4], Catalog.Pool("tIns").MemberIndices(names)!);
        Assert.Null(Catalog.Pool("tNAA").MemberIndices(names));
    }

    [Fact]
    public void MemberIndices_TInsWithoutGly_NullWhileTNaaWithoutNaagIsReported()
    {
        string[] names = ["NAA", "Ins", "sIns"];

        Assert.Null(Catalog.Pool("tIns").MemberIndices(names));
        Assert.Equal([0], Catalog.Pool("tNAA").MemberIndices(names)!);
    }

    [Theory]
    [InlineData("Cr", 5)]
    [InlineData("PCr", 5)]
    public void Protons_CreatineAndPhosphocreatine_FiveAsTheWaterScalingUses(string name, int protons)
    {
        Assert.Equal(protons, Catalog.Find(name)!.Protons);
        Assert.Equal(protons, WaterScaling.ReferenceProtons[name]);
    }

    [Theory]
    [InlineData("NAA", "SCT", "115391007", "N-acetylaspartate")]
    [InlineData("Cr", "SCT", "14804005", "Creatine")]
    [InlineData("Ins", "SCT", "72164009", "Inositol")]
    [InlineData("Lac", "SCT", "83036002", "Lactate")]
    [InlineData("Gln", "SCT", "25761002", "Glutamine")]
    [InlineData("Tau", "SCT", "10944007", "Tuarine")]
    [InlineData("Glx", "DCM", "113080", "Glutamate and glutamine")]
    public void CodeOf_EntryOrPool_ThePs316Code(string name, string scheme, string value, string meaning) =>
        Assert.Equal(new CodedTerm(scheme, value, meaning), Catalog.CodeOf(name));

    [Fact]
    public void MrProtonSpectroscopyCodes_CholineAndTheRatios_ThePs316Codes()
    {
        Assert.Equal(new CodedTerm("SCT", "65123005", "Choline"), MrProtonSpectroscopyCodes.Choline);
        Assert.Equal(16, MrProtonSpectroscopyCodes.All.Count);
        Assert.Equal(
            [("tCho", "tCr", "113081", "Choline/Creatine Ratio"), ("tNAA", "tCr", "113082", "N-acetylaspartate/Creatine Ratio"), ("tNAA", "tCho", "113083", "N-acetylaspartate/Choline Ratio")],
            Catalog.RatioCodes.Select(r => (r.Numerator, r.Denominator, r.Code.Value, r.Code.Meaning)));
    }

    [Theory]
    [InlineData("NAAG", "tNAA")]
    [InlineData("PCr", "tCr")]
    [InlineData("-CrCH2", "tCr")]
    [InlineData("PCh", "tCho")]
    [InlineData("Cho", "tCho")]
    [InlineData("GSH", "Glx")]
    [InlineData("Scyllo", "tIns")]
    [InlineData("MM20", "MM")]
    [InlineData("MMBL", "MM")]
    [InlineData("Lip13a", "MM")]
    [InlineData("GABA", "other")]
    [InlineData("tNAA", "other")]
    public void LineshapeGroupOf_BasisName_ItsGroup(string name, string group) =>
        Assert.Equal(group, Catalog.LineshapeGroupOf(name));

    [Theory]
    [InlineData("Mac", MetaboliteKind.Macromolecule)]
    [InlineData("MMBL", MetaboliteKind.Macromolecule)]
    [InlineData("Lip20", MetaboliteKind.Lipid)]
    [InlineData("NAA", MetaboliteKind.Metabolite)]
    public void KindOf_BasisName_ItsKind(string name, MetaboliteKind kind) => Assert.Equal(kind, Catalog.KindOf(name));

    [Fact]
    public void Metabolites_EveryParametricComponent_IsAKnownMacromoleculeOrLipid() =>
        Assert.All(MacromoleculeLibrary.LcModelDefaults, c => Assert.NotEqual(MetaboliteKind.Metabolite, Catalog.Find(c.Name)!.Kind));

    [Fact]
    public void FindRatioPriorAlias_Big3_CreatinesAndNaasOnceAndCholinesThrice()
    {
        var big3 = Catalog.FindRatioPriorAlias("Big3")!;

        Assert.Equal(
            [("Cr", 1.0), ("PCr", 1.0), ("NAA", 1.0), ("NAAG", 1.0), ("Cho", 3.0), ("GPC", 3.0), ("PCho", 3.0)],
            big3.Terms.Select(t => (t.Metabolite.Name, t.Factor)));
        Assert.Null(Catalog.FindRatioPriorAlias("big3")); // literal, as LCModel
    }

    [Fact]
    public void Constructor_NameOfTwoEntries_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MetaboliteCatalog(
            [new("Cr", ["Cre"]), new("Creatine", ["cre"])], [], [], [], [], [], []));

        Assert.Contains("'cre' names both Cr and Creatine", ex.Message, StringComparison.Ordinal);
    }
}
