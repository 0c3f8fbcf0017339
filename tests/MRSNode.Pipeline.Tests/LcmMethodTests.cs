using System.Text.Json;
using MRSNode.Quantification;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

public class LcmMethodTests
{
    private static string Config(string file) => Path.Combine(TestData.Root, "..", "..", "config", file);

    private static JsonElement LcmBlock(LcmOptions options)
    {
        var pipeline = new QuantificationPipeline(
            [new LcmMethod(options)],
            new ConfidenceChecker(ReferenceRanges.Load(Config("reference-ranges.json")), ConfidenceThresholds.Load(Config("confidence-checks.json"))),
            MrsFormats.Default);
        var outcome = pipeline.Run(new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-svs.dcm")],
            BasisManifest = Config("basis-sets/manifest.json"),
            Method = "lcm",
        });
        return JsonDocument.Parse(outcome.Report.ToJson()).RootElement.GetProperty("lcm");
    }

    [Fact]
    public void Quantify_DefaultOptions_ResultsJsonListsTheRatioPriorsApplied()
    {
        var lcm = LcmBlock(LcmOptions.Default);

        // The ISMRM basis the manifest picks for this 3 T PRESS TE 30 scan has a measured MM: the six metabolite priors.
        Assert.Equal(
            ["Asp/Big3 = 0.05 +- 0.05", "GABA/Big3 = 0.03 +- 0.03", "Glc/Big3 = 0.03 +- 0.03", "Scyllo/Big3 = 0.01 +- 0.01", "Tau/Big3 = 0.05 +- 0.05", "GSH/Gln+GSH = 0.286 +- 0.126"],
            lcm.GetProperty("ratioPriors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Quantify_RatioPriorsNone_ResultsJsonHasNone()
    {
        var lcm = LcmBlock(LcmOptions.Default with { RatioPriors = RatioPriorSet.None });

        Assert.Equal(0, lcm.GetProperty("ratioPriors").GetArrayLength());
    }
}
