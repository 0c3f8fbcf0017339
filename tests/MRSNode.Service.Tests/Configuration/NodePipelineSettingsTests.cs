using MRSNode.Neural.Backend;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification;
using MRSNode.Service.Configuration;
using Xunit;
using MRSNode.TestSupport;

namespace MRSNode.Service.Tests.Configuration;

[UnitTest]
public sealed class NodePipelineSettingsTests
{
    [Fact]
    public void From_EveryProcessingOption_LandsInItsSetting()
    {
        var options = new NodeOptions
        {
            Processing = new ProcessingSection
            {
                Method = "lcm",
                ConfigDirectory = "/site/config",
                Lineshape = "metabolite",
                ShiftSdHz = 1.73,
                DampingSdHz = 2.3,
                Crlb = "active",
                RatioPriors = "none",
                WaterConcentrationMm = 40000,
                WaterAttenuation = 0.8,
                MetaboliteAttenuation = 0.9,
                Device = "auto",
                TissueFractions = "0.6,0.3,0.1",
                SiteReferenceRanges = "/site/ranges.json",
            },
        };

        var settings = NodePipelineSettings.From(options);

        Assert.Equal(("/site/config", MethodSelection.Lcm, ComputeDevice.Auto, 1), (settings.ConfigDirectory, settings.Method, settings.Device, settings.NeuralThreads));
        Assert.Equal(FitOptions.Default with { Freedom = LineshapeFreedom.PerMetabolite, ShiftSdHz = 1.73, DampingSdHz = 2.3 }, settings.Fit);
        Assert.Equal((CrlbCovariance.ActiveAmplitudes, RatioPriorSet.None), (settings.CrlbCovariance, settings.RatioPriors));
        Assert.Equal((40000, 0.8, 0.9), (settings.WaterScaling.WaterConcentrationMm, settings.WaterScaling.WaterAttenuation, settings.WaterScaling.MetaboliteAttenuation));
        var tissue = settings.WaterScaling.Tissue!;
        Assert.Equal([0.6, 0.3, 0.1], [Math.Round(tissue.Grey, 12), Math.Round(tissue.White, 12), Math.Round(tissue.Csf, 12)]);
        Assert.Equal("/site/ranges.json", settings.SiteReferenceRanges);
    }

    [Fact]
    public void From_ShippedDefaults_AreThePipelinesDefaultsWithConfigBesideTheNodeAndTheBasisCacheInTheDataDirectory() =>
        Assert.Equal(new PipelineSettings
        {
            ConfigDirectory = NodePaths.DefaultConfigDirectory,
            BasisCacheDirectory = Path.Combine(NodePaths.DefaultDataDirectory, "basis-cache"),
        }, NodePipelineSettings.From(new NodeOptions()));

    [Fact]
    public void From_BasisSimulationSettings_CacheFolderOrNone()
    {
        var options = new NodeOptions();
        options.Node.DataDirectory = "/srv/mrsnode";
        Assert.Equal(Path.GetFullPath("/srv/mrsnode/basis-cache"), NodePipelineSettings.From(options).BasisCacheDirectory);

        options.Processing.BasisCacheDirectory = "/var/cache/mrsnode-bases";
        Assert.Equal(Path.GetFullPath("/var/cache/mrsnode-bases"), NodePipelineSettings.From(options).BasisCacheDirectory);

        options.Processing.SimulateBasisSets = false;
        Assert.Null(NodePipelineSettings.From(options).BasisCacheDirectory);
    }
}
