using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests;

[UnitTest]
public class ConcentrationRatioPriorTests
{
    private static readonly string[] Brain = ["NAA", "NAAG", "Cr", "PCr", "GPC", "PCho", "Asp", "Gln", "GSH", "sIns"];

    private static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();

    [Fact]
    public void Parse_LcModelSyntaxWithWeightTerms_ReadsEveryField()
    {
        var prior = ConcentrationRatioPrior.Parse("MM20/MM09* = 1.5 +- .375 +WT= Lip09*");

        Assert.Equal("MM20", prior.Numerator);
        Assert.Equal("MM09*", prior.Denominator);
        Assert.Equal(1.5, prior.Expected);
        Assert.Equal(0.375, prior.Sd);
        Assert.Equal("Lip09*", prior.WeightTerms);
        Assert.Equal("MM20/MM09* = 1.5 +- 0.375 +WT= Lip09*", prior.ToString());
    }

    [Theory]
    [InlineData("Asp/Big3 = -.05 +- .05", "≥ 0")]
    [InlineData("Asp/Big3 = .05 +- 0", "> 0")]
    [InlineData("Asp+GABA/Big3 = .05 +- .05", "one basis name")]
    [InlineData("Asp Big3 = .05 +- .05", "missing")]
    public void Parse_InvalidPrior_ThrowsNamingTheProblem(string text, string why)
    {
        var ex = Assert.Throws<FormatException>(() => ConcentrationRatioPrior.Parse(text));

        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30.0, 127.8, 13)]
    [InlineData(144.0, 127.8, 12)] // GSH/(Gln+GSH) only up to TE 49 ms
    [InlineData(30.0, 297.2, 12)] // Tau/Big3 only up to 190 Hz/ppm
    [InlineData(null, 123.2, 13)]
    public void LcModelDefaults_EchoTimeAndField_AsLcModelDropsThem(double? te, double mhz, int expected)
    {
        var priors = ConcentrationRatioPrior.LcModelDefaults(te, mhz);

        Assert.Equal(expected, priors.Count);
        Assert.Contains(priors, p => p.ToString() == "Asp/Big3 = 0.05 +- 0.05");
    }

    [Fact]
    public void LcModelDefaults_LipidRich_LeavesOutOnlyTheLipidAndMacromoleculePriors()
    {
        var brain = ConcentrationRatioPrior.LcModelDefaults(30, 123.2);
        var lipidRich = ConcentrationRatioPrior.LcModelDefaults(30, 123.2, SpectrumType.LipidRich);

        Assert.Equal(13, brain.Count);
        Assert.Equal(["-CrCH2", "Asp", "GABA", "Glc", "Scyllo", "Tau", "GSH"], lipidRich.Select(p => p.Numerator));
    }

    [Fact]
    public void Resolve_Big3_CountsTheCholinesThreefoldAndTakesSynonyms()
    {
        var resolved = ConcentrationRatioPrior.Parse("Asp/Big3 = .05 +- .05").Resolve(Brain, Ones(Brain.Length))!;

        // Asp − 0.05·(NAA + NAAG + Cr + PCr + 3·(GPC + PCh)); the basis calls PCh "PCho".
        Assert.Equal([-0.05, -0.05, -0.05, -0.05, -0.15, -0.15, 1, 0, 0, 0], resolved.Constraint, new ToleranceComparer(1e-12));
        Assert.Equal([1, 1, 1, 1, 3, 3, 0, 0, 0, 0], resolved.Sum);
    }

    [Fact]
    public void Resolve_NumeratorInItsOwnDenominator_NetsItsCoefficient()
    {
        var resolved = ConcentrationRatioPrior.Parse("GSH/Gln+GSH = .286 +- .126").Resolve(Brain, Ones(Brain.Length))!;

        Assert.Equal(1 - 0.286, resolved.Constraint[8], 12);
        Assert.Equal(-0.286, resolved.Constraint[7], 12);
        Assert.Equal(2, resolved.Sum.Sum());
    }

    [Fact]
    public void Resolve_WildcardAndWeightTerms_MatchPrefixesAndOnlyScaleTheSd()
    {
        string[] names = ["Lip13a", "Lip13b", "Lip09", "MM12", "NAA"];
        double[] units = [0.5, 0.5, 1.0 / 3, 0.5, 1];

        var resolved = ConcentrationRatioPrior.Parse("Lip09/Lip13* = .267 +- .1 +WT= MM12").Resolve(names, units)!;

        Assert.Equal([-0.267 * 0.5, -0.267 * 0.5, 1.0 / 3, 0, 0], resolved.Constraint, new ToleranceComparer(1e-12));
        Assert.Equal([0.5, 0.5, 0, 0.5, 0], resolved.Sum, new ToleranceComparer(1e-12));
    }

    [Theory]
    [InlineData("GABA/Big3 = .03 +- .03")] // numerator not in the basis
    [InlineData("Asp/Lip13* = .1 +- .1")] // neither denominator nor weight terms
    [InlineData("-CrCH2/totCr = .1 +- .25")]
    public void Resolve_PriorThatDoesNotApply_IsNull(string text) =>
        Assert.Null(ConcentrationRatioPrior.Parse(text).Resolve(Brain, Ones(Brain.Length)));

    [Fact]
    public void Weight_PreliminarySums_IsOneOverSumTimesSd()
    {
        var resolved = ConcentrationRatioPrior.Parse("GSH/Gln+GSH = .286 +- .126").Resolve(Brain, Ones(Brain.Length))!;
        var amplitudes = new double[Brain.Length];
        amplitudes[7] = 3;
        amplitudes[8] = 1;

        Assert.Equal(1 / (4 * 0.126), resolved.Weight(amplitudes, Ones(Brain.Length)), 12);
    }

    [Fact]
    public void Weight_DenominatorFittedAtZero_UsesATenthOfAPercentOfEverything()
    {
        var resolved = ConcentrationRatioPrior.Parse("GSH/Gln+GSH = .286 +- .126").Resolve(Brain, Ones(Brain.Length))!;
        var amplitudes = new double[Brain.Length];
        amplitudes[0] = 10; // NAA only

        Assert.Equal(1 / (1e-3 * 10 * 0.126), resolved.Weight(amplitudes, Ones(Brain.Length)), 9);
        Assert.Equal(0, resolved.Weight(new double[Brain.Length], Ones(Brain.Length)));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
