using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests.Fitting;

[UnitTest]
public class BaselineStiffnessSelectorTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_SpectrumTheBasisExplains_KeepsTheStiffestBaseline()
    {
        var r = LcmQuantifier.Quantify(FitterTests.SyntheticAcquisition(0.05, 3), null, Fixtures.IsmrmBasis);

        output.WriteLine($"stiffness {r.Fit.BaselineStiffness}, residual {r.Fit.RelativeResidual:F4}");
        Assert.Equal(FitOptions.Default.BaselineStiffness, r.Fit.BaselineStiffness);
    }

    [Fact]
    public void Fit_LcModel63RegressionCase_KeepsTheStiffestBaseline()
    {
        // Its residual SD is 1.7 noise SDs, within the misfit allowance (2): LCModel 6.3 kept this case's baseline stiff.
        var r = LcmQuantifier.Quantify(Fixtures.LcModelData(), null, Fixtures.ThreeTBasis);

        Assert.Equal(FitOptions.Default.BaselineStiffness, r.Fit.BaselineStiffness);
    }

    [Fact]
    public void Fit_PhilipsTe35WithBroadSignalTheBasisLacks_ChoosesAMoreFlexibleBaseline()
    {
        // The common-lineshape fit, whose baseline the selector chose (the plan refits such a spectrum with tNAA's own lineshape).
        var options = LcmOptions.Default with { Fit = FitOptions.Default with { OwnNaaLineshape = OwnNaaLineshape.Never } };
        var r = LcmQuantifier.Quantify(Fixtures.PhilipsTe35(), null, Fixtures.OspreyTe35Basis(), options);

        // Measured 0.016 (residual 5.9 noise SDs with the stiffest baseline): a step of 10^¼ either way is allowed.
        output.WriteLine($"stiffness {r.Fit.BaselineStiffness}, residual {r.Fit.RelativeResidual:F4}");
        Assert.InRange(r.Fit.BaselineStiffness, 0.005, 0.05);
    }

    [Fact]
    public void Fit_MinimumAtTheStiffness_FixesIt()
    {
        var options = LcmOptions.Default with { Fit = FitOptions.Default with { MinBaselineStiffness = FitOptions.Default.BaselineStiffness } };

        var r = LcmQuantifier.Quantify(Fixtures.PhilipsTe35(), null, Fixtures.OspreyTe35Basis(), options);

        Assert.Equal(FitOptions.Default.BaselineStiffness, r.Fit.BaselineStiffness);
    }
}
