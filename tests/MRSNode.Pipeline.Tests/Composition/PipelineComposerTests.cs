using MRSNode.Quantification.Results;
using MRSNode.Neural.Backend;
using MRSNode.Pipeline.Composition;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests.Composition;

[UnitTest]
public sealed class PipelineComposerTests
{
    private static PipelineSettings Shipped(MethodSelection method, ComputeDevice device = ComputeDevice.Cpu) =>
        new() { ConfigDirectory = ShippedConfig.ConfigDirectory, Method = method, Device = device };

    [Fact]
    public void Compose_Lcm_AsksForNoBackendAndInstallsLcmAlone()
    {
        var backends = new RecordingBackendFactory { CudaRefusal = "no GPU" };

        using var composed = new PipelineComposer(backends).Compose(Shipped(MethodSelection.Lcm, ComputeDevice.Cuda));

        Assert.Empty(backends.Requests);
        Assert.Null(composed.Backend);
        Assert.Null(composed.Device);
        Assert.Equal([MethodKind.Lcm], composed.Methods.Select(m => m.Kind));
    }

    [Fact]
    public void Checker_SiteReferenceRanges_LoadedOverTheShippedOnes()
    {
        var site = Path.Combine(TestData.NewTempFolder(), "site.json");
        File.WriteAllText(site, """{ "version": "site-3", "source": "our normals", "ranges": [ { "metabolite": "tCho", "ratioToTCr": [0.25, 0.4] } ] }""");

        var shipped = PipelineComposer.Checker(ShippedConfig.ConfigDirectory);
        var withSite = PipelineComposer.Checker(ShippedConfig.ConfigDirectory, site);

        Assert.StartsWith("2026.12-literature-2: ", shipped.ReferenceRangesDescription, StringComparison.Ordinal);
        Assert.StartsWith("site-3 (site) over 2026.12-literature-2: site: our normals", withSite.ReferenceRangesDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_BothAuto_OneSingleThreadBackendResolvedByTheFactoryAndDisposedWithThePipeline()
    {
        var backends = new RecordingBackendFactory { AutoResolvesTo = "cuda" };

        var composed = new PipelineComposer(backends).Compose(Shipped(MethodSelection.Both, ComputeDevice.Auto));
        var backend = Assert.Single(backends.Created);
        var disposalsWhileInUse = backend.Disposals;
        composed.Dispose();

        Assert.Equal([(ComputeDevice.Auto, 1)], backends.Requests);
        Assert.Same(backend, composed.Backend);
        Assert.Equal(ComputeDevice.Cuda, composed.Device);
        Assert.Equal([MethodKind.Lcm, MethodKind.Neural], composed.Methods.Select(m => m.Kind)); // the shipped config/models holds a model
        Assert.Equal((0, 1), (disposalsWhileInUse, backend.Disposals));
    }

    [Fact]
    public void Compose_DeviceTheFactoryRefuses_ThrowsItsReason()
    {
        var backends = new RecordingBackendFactory { CudaRefusal = "CUDA requested but not available: no CUDA driver" };

        var ex = Assert.Throws<BackendNotAvailableException>(() => new PipelineComposer(backends).Compose(Shipped(MethodSelection.Neural, ComputeDevice.Cuda)));

        Assert.Equal("CUDA requested but not available: no CUDA driver", ex.Message);
        Assert.Empty(backends.Created);
    }

}
