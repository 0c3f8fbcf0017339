using MRSNode.Evaluation.Pathology;
using MRSNode.Quantification.Results;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests.Pathology;

[UnitTest]
public class PathologyResultTests
{
    private static PathologyFit Fit(double tnaa, double tcho, double lacRatio, double lac, MetaboliteFlag flag = MetaboliteFlag.Normal) =>
        new(tnaa, tcho, lacRatio, lac, flag, [], new Dictionary<string, double>());

    private static PathologyCase Case(string name) => PathologyCases.Standard.Single(c => c.Name == name);

    [Fact]
    public void Failures_WithinEveryLimit_None()
    {
        // tumour-lipids truth: tNAA/tCr 0.371, tCho/tCr 1.054, Lac/tCr 0.857.
        var result = new PathologyResult(Case("tumour-lipids"), 30, [Fit(0.371 * 1.14, 1.054 * 0.86, 0.857 * 1.24, 6)]);

        Assert.Empty(result.Failures());
    }

    [Fact]
    public void Failures_EachLimitExceeded_NamesIt()
    {
        var tumour = new PathologyResult(Case("tumour-lipids"), 30, [Fit(0.371 * 1.16, 1.054 * 0.84, 0.857 * 1.26, 6, MetaboliteFlag.NotDetected)]);
        var noLactate = new PathologyResult(Case("lipids-no-lac"), 50, [Fit(0.371, 1.054, 0.2, 1.5)]);

        Assert.Equal(["tNAA/tCr", "tCho/tCr", "Lac/tCr", "tNAA not detected"], tumour.Failures());
        Assert.Equal(["Lac > 1 mM"], noLactate.Failures());
    }

    [Fact]
    public void Failures_BelowSnr30_NothingRequired()
    {
        var result = new PathologyResult(Case("tumour-lipids"), 20, [Fit(1, 1, 1, 10, MetaboliteFlag.NotDetected)]);

        Assert.Empty(result.Failures());
    }

    [Fact]
    public void RmsErrorAndChanceAllWithin_FourDraws_FromTheirErrors()
    {
        // Relative errors +10, −10, +20 and 0 %: RMS √(0.06/4) = 12.2 %; three of four within 15 %, so ten draws all
        // within it with chance 0.75^10 = 0.0563.
        double truth = 0.371;
        var result = new PathologyResult(Case("tumour"), 30, [.. new[] { 1.1, 0.9, 1.2, 1.0 }.Select(x => Fit(truth * x, 1, 1, 6))]);

        Assert.Equal(Math.Sqrt(0.06 / 4), result.RmsError(f => f.TNaaRatio, truth), 1e-9);
        Assert.Equal(Math.Pow(0.75, 10), result.ChanceAllWithin(f => f.TNaaRatio, truth, 0.15, 10), 1e-9);
        Assert.Equal(1, result.ChanceAllWithin(f => f.TNaaRatio, truth, 0.25, 10), 1e-12);
    }

    [Fact]
    public void SpreadMarkdown_LipidsWithoutLactate_GivesTheChanceOfLactateAtMostOneMillimolar()
    {
        var pathology = Case("lipids-no-lac");
        double tnaa = pathology.Truth("tNAA") / pathology.Truth("tCr"), tcho = pathology.Truth("tCho") / pathology.Truth("tCr");
        var result = new PathologyResult(pathology, 50, [Fit(tnaa, tcho, 0, 0.5), Fit(tnaa, tcho, 0.2, 1.5)]);

        string table = PathologyEvaluation.SpreadMarkdown([result], 2);

        // tNAA and tCho exact (0 %, chance 1); no lactate requirement on its ratio; one of two at ≤ 1 mM: 0.5² = 0.25.
        Assert.Contains("| lipids-no-lac | 50 | 2 | 0.0 % | 1.00 | 0.0 % | 1.00 | — | — | 0.25 |", table, StringComparison.Ordinal);
    }
}
