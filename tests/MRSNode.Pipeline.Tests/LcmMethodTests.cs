using System.Text.Json;
using MRSNode.Quantification;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

[SlowTest]
public class LcmMethodTests
{
    private static QuantificationOutcome Run(LcmOptions options, string file = "dicom/siemens-xa60-svs.dcm")
    {
        var outcome = ShippedConfig.Pipeline([new LcmMethod(options)]).Run(new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path(file)],
            BasisManifest = ShippedConfig.Path("basis-sets/manifest.json"),
            Method = MethodSelection.Lcm,
        });
        return outcome;
    }

    private static JsonElement LcmBlock(LcmOptions options) => JsonDocument.Parse(Run(options).Report.ToJson()).RootElement.GetProperty("lcm");

    [Fact]
    public void Quantify_DefaultOptions_ResultsJsonListsTheRatioPriorsApplied()
    {
        var lcm = LcmBlock(LcmOptions.Default);

        // The ISMRM basis the manifest picks for this 3 T PRESS TE 30 scan has a measured MM, and LCModel's parametric
        // lipids/MM are fitted beside it (a normal-brain spectrum): their six priors and the six metabolite ones
        // (-CrCH2/totCr drops out: the basis has no -CrCH2).
        Assert.Equal(
            ["Lip09/Lip13* = 0.267 +- 0.1 +WT= MM12", "Lip20/Lip13* = 0.15 +- 0.07 +WT= MM12", "MM20/MM09* = 1.5 +- 0.375 +WT= Lip09*",
             "MM12/MM09* = 0.3 +- 0.1 +WT= Lip09*", "MM14/MM09* = 0.75 +- 0.45 +WT= Lip09*", "MM17/MM09* = 0.375 +- 0.3 +WT= Lip09*",
             "Asp/Big3 = 0.05 +- 0.05", "GABA/Big3 = 0.03 +- 0.03", "Glc/Big3 = 0.03 +- 0.03", "Scyllo/Big3 = 0.01 +- 0.01", "Tau/Big3 = 0.05 +- 0.05", "GSH/Gln+GSH = 0.286 +- 0.126"],
            lcm.GetProperty("ratioPriors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Quantify_RatioPriorsNone_ResultsJsonHasNone()
    {
        var lcm = LcmBlock(LcmOptions.Default with { RatioPriors = RatioPriorSet.None });

        Assert.Equal(0, lcm.GetProperty("ratioPriors").GetArrayLength());
    }

    [Fact]
    public void Quantify_IterationLimitReached_ReasonSaysTheFitDidNotConverge()
    {
        var outcome = Run(LcmOptions.Default with { Fit = FitOptions.Default with { MaxIterations = 1 } });

        var reason = Assert.Single(outcome.Report.Reasons, r => r.Contains("did not converge", StringComparison.Ordinal));
        // The count includes the preliminary fit that sizes the ratio priors; each fit stops at its limit of one.
        Assert.Matches(@"^the fit did not converge within \d+ iterations: the values are where it stopped, not a settled estimate$", reason);
        Assert.DoesNotContain(Run(LcmOptions.Default).Report.Reasons, r => r.Contains("did not converge", StringComparison.Ordinal));
    }

    [Fact]
    public void Quantify_DataFarFromARatioPrior_ReasonSaysSoWithoutChangingTheVerdict()
    {
        // This in vivo scan has NAA/tCr near 1.4: a prior NAA/(Cr+PCr) = 0.2 ± 0.1 is contradicted by more than 4 of its
        // SDs. (Without NAAG in the basis: a fit could otherwise meet the prior by handing NAA's singlet to NAAG.)
        var usual = LcmOptions.Default with { Exclude = ["NAAG"] };
        var strained = usual with { Fit = FitOptions.Default with { RatioPriors = [ConcentrationRatioPrior.Parse("NAA/Cr+PCr = 0.2 +- 0.1")] } };

        var expected = Run(usual, "dicom/siemens-csa-svs30.ima");
        var outcome = Run(strained, "dicom/siemens-csa-svs30.ima");

        var reason = Assert.Single(outcome.Report.Reasons, r => r.Contains("ratio prior", StringComparison.Ordinal));
        Assert.Matches(@"^NAA/Cr\+PCr is \d+\.\d SDs above its ratio prior \(0\.2 ± 0\.1\): a real change may be damped", reason);
        Assert.DoesNotContain(expected.Report.Reasons, r => r.Contains("ratio prior", StringComparison.Ordinal));
        Assert.Equal(expected.Report.Verdict, outcome.Report.Verdict);
    }
}
