using MRSNode.Evaluation.Pathology;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests.Pathology;

[UnitTest]
public class PathologyCaseTests
{
    [Theory]
    [InlineData("tNAA", 2.6)]
    [InlineData("tCr", 7)]
    [InlineData("tCho", 7.38)]
    [InlineData("Lac", 6)]
    [InlineData("Lip13a", 0)]
    public void Truth_Tumour_PoolsSumTheirMembers(string name, double expected)
    {
        var tumour = PathologyCases.Standard.Single(c => c.Name == "tumour-lipids");

        Assert.Equal(expected, tumour.Truth(name), 9);
    }

    [Fact]
    public void Standard_TenCases_LipidCasesWithoutLactateHaveNone()
    {
        Assert.Equal(10, PathologyCases.Standard.Count);
        Assert.All(PathologyCases.Standard.Where(c => c.Name is "lipids-no-lac" or "scalp-lipid"), c =>
        {
            Assert.Equal(0, c.Truth("Lac"));
            Assert.NotEmpty(c.Lipids);
        });
    }
}
