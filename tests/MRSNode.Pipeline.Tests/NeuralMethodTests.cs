using MRSNode.Quantification.Results;
using MRSNode.Neural.Backend;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

[SlowTest]
public sealed class NeuralMethodTests : IDisposable
{
    /// <summary>A config folder with the shipped checks and models of the test's own.</summary>
    private readonly string _config = Directory.CreateTempSubdirectory("mrsnode-config-").FullName;

    public NeuralMethodTests()
    {
        foreach (var file in new[] { "reference-ranges.json", "confidence-checks.json" })
        {
            File.Copy(ShippedConfig.Path(file), Path.Combine(_config, file));
        }
    }

    private string Models => Path.Combine(_config, "models");

    public void Dispose() => Directory.Delete(_config, recursive: true);

    /// <summary>An untrained tiny model for the ISMRM basis: the plumbing does not care how good it is.</summary>
    private void InstallTinyModel(string kind, string? sha = null)
    {
        var basisPath = ShippedConfig.Path("basis-sets/press3T_30ms.BASIS");
        var basis = LcModelBasisReader.Read(basisPath);
        var simulation = new SimulationParameters();
        var model = NeuralModelFactory.Create(kind, basis, new CpuBackend(1), NetworkSpec.Tiny, 1, simulation);
        var card = ModelCards.Describe("tiny-" + kind, model, basisPath, basis, simulation, new TrainingCard(), null, echoTimeMs: 30);
        ModelDirectory.Save(Path.Combine(Models, "tiny-" + kind), model, sha is null ? card : card with { BasisSha256 = sha });
    }

    /// <summary>The pipeline the composer makes of this config folder (every installed method, on the CPU).</summary>
    private ComposedPipeline Compose() => new PipelineComposer(new CpuBackendFactory()).Compose(new PipelineSettings { ConfigDirectory = _config, Method = MethodSelection.Both });

    private static QuantificationRequest Request(MethodSelection method) => new()
    {
        MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-svs.dcm")],
        BasisManifest = ShippedConfig.Path("basis-sets/manifest.json"),
        Method = method,
    };

    [Fact]
    public void Compose_ModelsFolder_RegistersNeuralOnlyWhenAModelIsThere()
    {
        using (var none = Compose())
        {
            Assert.Equal([MethodKind.Lcm], none.Methods.Select(m => m.Kind));
        }
        InstallTinyModel("cnn");
        using var one = Compose();
        Assert.Equal([MethodKind.Lcm, MethodKind.Neural], one.Methods.Select(m => m.Kind));
    }

    [Theory]
    [InlineData("qnet")]
    [InlineData("cnn")]
    public void Run_NeuralWithAModelForTheBasis_ReportsNeuralEstimatesAndPools(string kind)
    {
        InstallTinyModel(kind);
        using var composed = Compose();
        var outcome = composed.Run(Request(MethodSelection.Neural));
        var neural = outcome.Report.Neural!;
        Assert.Equal(MethodKind.Neural, neural.Method);
        Assert.Contains("tiny-" + kind, neural.Version);
        Assert.Contains(neural.Estimates, e => e.Name == "NAA");
        Assert.Contains(neural.Estimates, e => e.Name == "tCr");
        Assert.All(neural.Estimates, e => Assert.True(e.Amplitude >= 0));
        Assert.True(double.IsFinite(outcome.Report.Qc.Snr) && outcome.Report.Qc.Snr > 0);
    }

    [Fact]
    public void Run_ModelForAnotherBasisFile_NeuralFailsAndBothSaysWhy()
    {
        InstallTinyModel("cnn", sha: new string('0', 64));
        using var composed = Compose();
        var error = Assert.Throws<QuantificationException>(() => composed.Run(Request(MethodSelection.Neural)));
        Assert.Contains("press3T_30ms.BASIS", error.Message);
        var outcome = composed.Run(Request(MethodSelection.Both));
        Assert.Null(outcome.Report.Neural);
        Assert.Contains(outcome.Report.Reasons, r => r.StartsWith("the neural method did not run: no neural model", StringComparison.Ordinal));
    }
}
