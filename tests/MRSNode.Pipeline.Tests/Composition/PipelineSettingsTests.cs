using MRSNode.Neural.Backend;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification;
using Xunit;
using MRSNode.TestSupport;

namespace MRSNode.Pipeline.Tests.Composition;

[UnitTest]
public sealed class PipelineSettingsTests
{
    [Fact]
    public void Lcm_FitCrlbAndPriors_AreTheLcmOptionsDefaultsOtherwise()
    {
        var fit = FitOptions.Default with { Freedom = LineshapeFreedom.PerMetabolite, ShiftSdHz = 1.73, DampingSdHz = 2.3 };
        var settings = new PipelineSettings { Fit = fit, CrlbCovariance = CrlbCovariance.ActiveAmplitudes, RatioPriors = RatioPriorSet.None };

        Assert.Equal(LcmOptions.Default with { Fit = fit, CrlbCovariance = CrlbCovariance.ActiveAmplitudes, RatioPriors = RatioPriorSet.None }, settings.Lcm);
        Assert.Equal(LcmOptions.Default, new PipelineSettings().Lcm);
    }

    [Fact]
    public void Defaults_AreTheNodesShippedOnes()
    {
        var settings = new PipelineSettings();

        Assert.Equal((MethodSelection.Lcm, ComputeDevice.Cpu, 1, WaterScalingSettings.LcModelDefaults), (settings.Method, settings.Device, settings.NeuralThreads, settings.WaterScaling));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "config", "basis-sets", "manifest.json"), settings.BasisManifest);
    }

    [Theory]
    [InlineData(MethodSelection.Lcm, false)]
    [InlineData(MethodSelection.Neural, true)]
    [InlineData(MethodSelection.Both, true)]
    public void UsesModels_Method_OnlyWithoutLcmAlone(MethodSelection method, bool expected) =>
        Assert.Equal(expected, new PipelineSettings { Method = method }.UsesModels);

    [Fact]
    public void Request_Files_CarryMethodWaterScalingAndTheConfigsManifest()
    {
        var settings = new PipelineSettings { ConfigDirectory = "/site/config", Method = MethodSelection.Lcm, WaterScaling = new WaterScalingSettings(40000, 0.8, 0.9) };

        var request = settings.Request(["/in/met.dcm"], ["/in/water.dcm"]);

        Assert.Equal(["/in/met.dcm"], request.MetaboliteFiles);
        Assert.Equal(["/in/water.dcm"], request.WaterFiles);
        Assert.Equal(("/site/config/basis-sets/manifest.json", MethodSelection.Lcm, new WaterScalingSettings(40000, 0.8, 0.9)), (request.BasisManifest, request.Method, request.WaterScaling));
        Assert.Null(request.BasisFile);
        Assert.Empty(settings.Request(["/in/met.dcm"]).WaterFiles);
    }
}
