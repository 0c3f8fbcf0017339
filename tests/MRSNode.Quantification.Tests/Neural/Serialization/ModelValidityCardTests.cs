using MRSNode.Quantification.Neural.Serialization;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests.Neural.Serialization;

[UnitTest]
public class ModelValidityCardTests
{
    private static readonly ValidatedAcquisitionCard _press3T = new() { FieldTesla = 2.9, EchoTimeMinMs = 25, EchoTimeMaxMs = 35, Sequence = "PRESS", BasisFile = "press3T_30ms.BASIS" };

    [Theory]
    [InlineData(3.0, 30.0, "press", "press3T_30ms.BASIS", true)]
    [InlineData(1.5, 30.0, "PRESS", "press3T_30ms.BASIS", false)]
    [InlineData(2.9, 144.0, "PRESS", "press3T_30ms.BASIS", false)]
    [InlineData(2.9, null, "PRESS", "press3T_30ms.BASIS", false)]
    [InlineData(2.9, 30.0, "STEAM", "press3T_30ms.BASIS", false)]
    [InlineData(2.9, 30.0, "PRESS", "other.BASIS", false)]
    public void Covers_Acquisition_FieldTeSequenceAndBasisMustAllMatch(double tesla, double? te, string sequence, string basis, bool expected) =>
        Assert.Equal(expected, _press3T.Covers(tesla, te, sequence, basis));

    [Fact]
    public void FromJson_CardWithValidityAndDomain_RoundTrips()
    {
        var card = new ModelCard
        {
            Name = "m",
            Kind = "qnet",
            BasisFile = "b.BASIS",
            BasisSha256 = "00",
            Names = ["NAA"],
            Groups = [0],
            Acquisition = new AcquisitionCard(123.2, 2.9, 30, "PRESS"),
            Grid = new GridCard(123.2, 4.65, 1024, 16, 0.2, 4.2),
            Validity = new ModelValidityCard { Validated = true, ValidatedFor = [_press3T], Statement = "validated in vivo" },
            Domain = new TrainingDomainCard { RatioToTCr = new Dictionary<string, double[]> { ["Lac"] = [0.02, 1.2] }, Snr = [5, 200], LipidToTCrMax = 2 },
        };

        var read = ModelCard.FromJson(card.ToJson());

        Assert.Equal((true, _press3T, "validated in vivo"), (read.Validity!.Validated, read.Validity.ValidatedFor.Single(), read.Validity.Statement));
        Assert.Equal([0.02, 1.2], read.Domain!.RatioToTCr["Lac"]);
        Assert.Equal((2.0, 0.5), (read.Domain.LipidToTCrMax, read.Domain.LipidToTCrTolerance));
    }

    [Fact]
    public void FromJson_CardWithoutTheSections_NotValidatedDomainUnknown()
    {
        var json = """{ "name": "old", "kind": "cnn", "basisFile": "b", "basisSha256": "0", "names": [], "groups": [], "acquisition": { "frequencyMHz": 123.2, "fieldTesla": 2.9, "echoTimeMs": 30, "sequence": "PRESS" }, "grid": { "frequencyMHz": 123.2, "referencePpm": 4.65, "points": 1024, "spanPpm": 16, "lowPpm": 0.2, "highPpm": 4.2 } }""";

        var card = ModelCard.FromJson(json);

        Assert.Equal((null, null), (card.Validity, card.Domain));
    }
}
