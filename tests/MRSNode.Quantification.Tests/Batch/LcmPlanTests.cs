using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests.Batch;

/// <summary>The plan's choice of lineshape model: one for all, or tNAA its own when the data free the baseline.</summary>
[UnitTest]
public class LcmPlanTests(ITestOutputHelper output)
{
    [Fact]
    public void Quantify_SpectrumTheBasisExplains_OneLineshapeForAll()
    {
        var r = LcmQuantifier.Quantify(FitterTests.SyntheticAcquisition(0.05, 3), null, Fixtures.IsmrmBasis);

        Assert.False(r.OwnNaaLineshape);
        Assert.Empty(r.Fit.GroupNames);
        Assert.Equal(FitOptions.Default.BaselineStiffness, r.Fit.BaselineStiffness);
    }

    [Fact]
    public void Quantify_LcModel63RegressionCase_OneLineshapeForAll()
    {
        // Its baseline stays stiff (residual within the misfit allowance), so the fit that matches LCModel's table stays.
        var r = LcmQuantifier.Quantify(Fixtures.LcModelData(), null, Fixtures.ThreeTBasis);

        Assert.False(r.OwnNaaLineshape);
    }

    [Fact]
    public void Quantify_InVivoSpectrumThatFreesTheBaseline_RefittedWithTNaasOwnNarrowerLine()
    {
        var r = LcmQuantifier.Quantify(Fixtures.PhilipsTe35(), null, Fixtures.OspreyTe35Basis());

        output.WriteLine($"stiffness {r.Fit.BaselineStiffness}, groups {string.Join(",", r.Fit.GroupNames)}, damping {r.Fit.GroupDampingsHz[0]:F3} Hz");
        Assert.True(r.OwnNaaLineshape);
        Assert.Equal(["tNAA"], r.Fit.GroupNames);
        // NAA's line narrower than the common one (its T2 is the longest), within five prior SDs (0.15 Hz).
        Assert.InRange(r.Fit.GroupDampingsHz[0], -5 * 0.15 - 1e-9, -0.05);
    }

    [Fact]
    public void Quantify_RefinementSwitchedOff_KeepsTheCommonLineshapeAndItsFlexibleBaseline()
    {
        var options = LcmOptions.Default with { Fit = FitOptions.Default with { OwnNaaLineshapeWhenBaselineFreed = false } };

        var r = LcmQuantifier.Quantify(Fixtures.PhilipsTe35(), null, Fixtures.OspreyTe35Basis(), options);

        Assert.False(r.OwnNaaLineshape);
        Assert.Empty(r.Fit.GroupNames);
        Assert.True(r.Fit.BaselineStiffness < FitOptions.Default.BaselineStiffness);
    }
}
