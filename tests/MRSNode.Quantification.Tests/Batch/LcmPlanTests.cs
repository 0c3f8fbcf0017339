using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests.Batch;

/// <summary>The plan's choice of lineshape model: one for all, or LCModel's per component when the data free the baseline.</summary>
[UnitTest]
public class LcmPlanTests(ITestOutputHelper output)
{
    /// <summary>The Philips TE 35 scan as stored (scanner-averaged; no eddy-current correction or water removal).</summary>
    private static MrsAcquisition PhilipsTe35() => MrsFormats.Default.Read(TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.sdat"))[0];

    private static BasisSet Te35Basis() => LcModelBasisReader.Read(TestData.Path("basis/osprey-press3T-35ms-noMM.BASIS"));

    [Fact]
    public void Quantify_SpectrumTheBasisExplains_OneLineshapeForAll()
    {
        var r = LcmQuantifier.Quantify(FitterTests.SyntheticAcquisition(0.05, 3), null, Fixtures.IsmrmBasis);

        Assert.Equal(LineshapeFreedom.Global, r.Lineshape);
        Assert.Empty(r.Fit.GroupNames);
        Assert.Equal(FitOptions.Default.BaselineStiffness, r.Fit.BaselineStiffness);
    }

    [Fact]
    public void Quantify_LcModel63RegressionCase_OneLineshapeForAll()
    {
        // Its baseline stays stiff (residual within the misfit allowance), so the fit that matches LCModel's table stays.
        var r = LcmQuantifier.Quantify(Fixtures.LcModelData(), null, Fixtures.ThreeTBasis);

        Assert.Equal(LineshapeFreedom.Global, r.Lineshape);
    }

    [Fact]
    public void Quantify_InVivoSpectrumThatFreesTheBaseline_RefittedWithAShiftAndDampingPerComponent()
    {
        var r = LcmQuantifier.Quantify(PhilipsTe35(), null, Te35Basis());

        output.WriteLine($"stiffness {r.Fit.BaselineStiffness}, groups {r.Fit.GroupNames.Count}, components {r.Fit.Names.Count}");
        Assert.Equal(LineshapeFreedom.PerMetabolite, r.Lineshape);
        Assert.Equal(r.Fit.Names, r.Fit.GroupNames);
        // Each component's damping deviation stays near its bound of five prior SDs (0.15 Hz; the recentring of the
        // deviations' mean into the common damping may move one a little past it) and at least one moved.
        Assert.All(r.Fit.GroupDampingsHz, d => Assert.InRange(d, -6 * 0.15, 6 * 0.15));
        Assert.Contains(r.Fit.GroupDampingsHz, d => Math.Abs(d) > 0.01);
    }

    [Fact]
    public void Quantify_RefinementSwitchedOff_KeepsTheCommonLineshapeAndItsFlexibleBaseline()
    {
        var options = LcmOptions.Default with { Fit = FitOptions.Default with { PerComponentLineshapeWhenBaselineFreed = false } };

        var r = LcmQuantifier.Quantify(PhilipsTe35(), null, Te35Basis(), options);

        Assert.Equal(LineshapeFreedom.Global, r.Lineshape);
        Assert.Empty(r.Fit.GroupNames);
        Assert.True(r.Fit.BaselineStiffness < FitOptions.Default.BaselineStiffness);
    }
}
