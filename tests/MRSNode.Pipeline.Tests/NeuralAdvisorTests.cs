using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

/// <summary>When the neural second opinion may lower confidence: validated for the acquisition and inside its training domain, never otherwise.</summary>
[UnitTest]
public class NeuralAdvisorTests
{
    private static readonly ModelCard _shipped = ModelDirectory.ReadCard(ShippedConfig.Path("models/qnet-press3T-30ms"));

    private static QualityResult Qc(double snr = 40, double lineshapeHz = 5, double lipid = 0.1) =>
        new() { Snr = snr, SnrDefinition = "NAA peak / noise SD", FwhmPpm = 0.05, FwhmHz = 6.2, LineshapeFwhmHz = lineshapeHz, LipidToTCr = lipid };

    private static MetaboliteEstimate E(string name, double ratio, double crlb) => new(name, 1, ratio, null, crlb, false);

    private static AdvisoryContext Study(IReadOnlyList<MetaboliteEstimate> estimates, QualityResult? qc = null, double mhz = 123.2, double te = 30) =>
        new(mhz, te, "PRESS", "press3T_30ms.BASIS", estimates, qc ?? Qc());

    private static readonly MetaboliteEstimate[] _healthy = [E("NAA", 1.1, 3), E("tCho", 0.25, 5), E("Lac", 0.06, 40), E("Ins", 0.6, 6)];

    private static ModelCard Validated(ModelCard card) => card with
    {
        Validity = new ModelValidityCard { Validated = true, ValidatedFor = [new ValidatedAcquisitionCard { FieldTesla = 2.9, EchoTimeMinMs = 25, EchoTimeMaxMs = 35, Sequence = "PRESS", BasisFile = "press3T_30ms.BASIS" }] },
    };

    [Fact]
    public void Judge_ShippedCardHealthyStudy_NotValidatedAndMayNotLowerConfidence()
    {
        var advisory = NeuralAdvisor.Judge(_shipped, Study(_healthy));

        Assert.Equal((NeuralAdvisor.NotValidated, false), (advisory.Status, advisory.MayLowerConfidence));
        Assert.Contains("not validated for clinical use at 2.9 T, TE 30 ms", advisory.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_Lactate3Point8_OutOfDomainNamingLactateAndTheTrainedRange()
    {
        // Lac 3.8 over tCr 10: 0.38, the model was trained on Lac 0.25–1.05 with tCr 7.8–12.6 (0.02–0.135).
        var advisory = NeuralAdvisor.Judge(Validated(_shipped), Study([.. _healthy.Where(e => e.Name != "Lac"), E("Lac", 0.38, 8)]));

        Assert.Equal((NeuralAdvisor.OutOfDomain, false), (advisory.Status, advisory.MayLowerConfidence));
        Assert.Contains("Lac/tCr 0.38, trained 0.02–0.135", advisory.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ValueOutsideRangeButWithinTwoCrlb_NotEvidenceOfLeavingTheDomain()
    {
        // Lac/tCr 0.2 at CRLB 40 %: 0.2 − 2 × 0.08 = 0.04 lies inside 0.02–0.135.
        var advisory = NeuralAdvisor.Judge(Validated(_shipped), Study([.. _healthy.Where(e => e.Name != "Lac"), E("Lac", 0.2, 40)]));

        Assert.Equal(NeuralAdvisor.InDomainValidated, advisory.Status);
        Assert.True(advisory.MayLowerConfidence);
    }

    [Theory]
    [InlineData(5, 5, 0.1, "SNR 5, trained 10–100")]
    [InlineData(40, 20, 0.1, "lineshape FWHM 20 Hz, trained 2–12.9 Hz")]
    [InlineData(40, 5, 3.2, "lipid/tCr 3.2, trained without lipids")]
    public void Judge_QcOutsideTraining_OutOfDomainWithTheReason(double snr, double lineshapeHz, double lipid, string expected)
    {
        var advisory = NeuralAdvisor.Judge(Validated(_shipped), Study(_healthy, Qc(snr, lineshapeHz, lipid)));

        Assert.Equal(NeuralAdvisor.OutOfDomain, advisory.Status);
        Assert.Contains(expected, advisory.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(63.9, 30)] // 1.5 T
    [InlineData(123.2, 144)] // TE 144
    public void Judge_ValidatedForAnotherAcquisition_NotValidated(double mhz, double te)
    {
        var advisory = NeuralAdvisor.Judge(Validated(_shipped), Study(_healthy, mhz: mhz, te: te));

        Assert.Equal((NeuralAdvisor.NotValidated, false), (advisory.Status, advisory.MayLowerConfidence));
    }

    [Fact]
    public void Judge_NoCard_NotValidated() =>
        Assert.Equal(NeuralAdvisor.NotValidated, NeuralAdvisor.Judge(null, Study(_healthy)).Status);

    [Fact]
    public void OutsideDomain_CardWithoutDomain_SaysSo() =>
        Assert.Equal(["its card does not state its training domain"], NeuralAdvisor.OutsideDomain(null, Study(_healthy)));
}
