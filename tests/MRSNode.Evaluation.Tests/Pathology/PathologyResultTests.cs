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
}
