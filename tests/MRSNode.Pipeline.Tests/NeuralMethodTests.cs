using MRSNode.Neural.Backend;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

[SlowTest]
public sealed class NeuralMethodTests : IDisposable
{
    private readonly string _models = Directory.CreateTempSubdirectory("mrsnode-models-").FullName;

    public void Dispose() => Directory.Delete(_models, recursive: true);

    /// <summary>An untrained tiny model for the ISMRM basis: the plumbing does not care how good it is.</summary>
    private void InstallTinyModel(string kind, string? sha = null)
    {
        var basisPath = ShippedConfig.Path("basis-sets/press3T_30ms.BASIS");
        var basis = LcModelBasisReader.Read(basisPath);
        var simulation = new SimulationParameters();
        var model = NeuralModelFactory.Create(kind, basis, new CpuBackend(1), NetworkSpec.Tiny, 1, simulation);
        var card = ModelCards.Describe("tiny-" + kind, model, basisPath, basis, simulation, new TrainingCard(), null, echoTimeMs: 30);
        ModelDirectory.Save(Path.Combine(_models, "tiny-" + kind), model, sha is null ? card : card with { BasisSha256 = sha });
    }

    private static QuantificationPipeline Pipeline(IReadOnlyList<IQuantificationMethod> methods) => ShippedConfig.Pipeline(methods);

    private static QuantificationRequest Request(string method) => new()
    {
        MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-svs.dcm")],
        BasisManifest = ShippedConfig.Path("basis-sets/manifest.json"),
        Method = method,
    };

    [Fact]
    public void Available_ModelsFolder_RegistersNeuralOnlyWhenAModelIsThere()
    {
        Assert.Equal(["lcm"], QuantificationMethods.Available(_models).Select(m => m.Name));
        InstallTinyModel("cnn");
        Assert.Equal(["lcm", "neural"], QuantificationMethods.Available(_models).Select(m => m.Name));
    }

    [Theory]
    [InlineData("qnet")]
    [InlineData("cnn")]
    public void Run_NeuralWithAModelForTheBasis_ReportsNeuralEstimatesAndPools(string kind)
    {
        InstallTinyModel(kind);
        var outcome = Pipeline(QuantificationMethods.Available(_models)).Run(Request("neural"));
        var neural = outcome.Report.Neural!;
        Assert.Equal("neural", neural.Method);
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
        var methods = QuantificationMethods.Available(_models);
        var error = Assert.Throws<QuantificationException>(() => Pipeline(methods).Run(Request("neural")));
        Assert.Contains("press3T_30ms.BASIS", error.Message);
        var outcome = Pipeline(methods).Run(Request("both"));
        Assert.Null(outcome.Report.Neural);
        Assert.Contains(outcome.Report.Reasons, r => r.StartsWith("the neural method did not run: no neural model", StringComparison.Ordinal));
    }
}
