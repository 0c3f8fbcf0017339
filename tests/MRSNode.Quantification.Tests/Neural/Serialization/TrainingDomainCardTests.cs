using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests.Neural.Serialization;

/// <summary>The training domain a card states, derived from its simulation ranges, and the shipped card's honesty.</summary>
[UnitTest]
public class TrainingDomainCardTests
{
    private static readonly ModelCard _shipped = ModelDirectory.ReadCard(Path.Combine(TestData.Root, "..", "..", "config", "models", "qnet-press3T-30ms"));

    [Fact]
    public void FromSimulation_DefaultRanges_RatiosOverTheTCrExtremesPoolsSummed()
    {
        var domain = TrainingDomainCard.FromSimulation(ModelCards.SimulationSummary(new SimulationParameters()));

        // tCr = Cr + PCr = 7.8–12.56; Lac 0.25–1.05 → 0.25/12.56 to 1.05/7.8.
        Assert.Equal([0.0199, 0.1346], domain.RatioToTCr["Lac"]);
        Assert.Equal([Math.Round((8.39 + 0.98) / 12.56, 4), Math.Round((13.07 + 2.38) / 7.8, 4)], domain.RatioToTCr["tNAA"]);
        Assert.Equal([Math.Round((0.96 + 0.3) / 12.56, 4), Math.Round((2.46 + 1.2) / 7.8, 4)], domain.RatioToTCr["tCho"]);
        Assert.Equal([2.0, 12.94], domain.LineshapeFwhmHz!.Select(v => Math.Round(v, 2)));
        Assert.Equal([10.0, 100.0], domain.Snr!);
        Assert.Equal(0, domain.LipidToTCrMax);
    }

    [Fact]
    public void FromSimulation_WithLipids_TwoPeaksUpToTheLargestAmplitudeTimesNaaOverTCr()
    {
        var domain = TrainingDomainCard.FromSimulation(ModelCards.SimulationSummary(new SimulationParameters { Lipids = true, LipidAmplitude = new ValueRange(0, 1) }));

        Assert.Equal(Math.Round(2 * 1 * 13.07 / 7.8, 4), domain.LipidToTCrMax);
    }

    [Fact]
    public void ShippedQnetCard_DomainIsTheOneItsSimulationRangesGive()
    {
        var derived = TrainingDomainCard.FromSimulation(_shipped.Training.Simulation);

        Assert.Equal(derived.RatioToTCr.Keys.Order(StringComparer.Ordinal), _shipped.Domain!.RatioToTCr.Keys.Order(StringComparer.Ordinal));
        Assert.All(derived.RatioToTCr, kv => Assert.Equal(kv.Value, _shipped.Domain.RatioToTCr[kv.Key]));
        Assert.Equal(derived.LineshapeFwhmHz, _shipped.Domain.LineshapeFwhmHz);
        Assert.Equal(derived.Snr, _shipped.Domain.Snr);
        Assert.Equal((derived.LipidToTCrMax, 0.5), (_shipped.Domain.LipidToTCrMax, _shipped.Domain.LipidToTCrTolerance));
    }

    [Fact]
    public void ShippedQnetCard_NotValidatedAndSaysWhy()
    {
        var validity = _shipped.Validity!;

        Assert.False(validity.Validated);
        Assert.Empty(validity.ValidatedFor);
        Assert.Contains("46.6 % against 19.4 % for the LCM", validity.Statement, StringComparison.Ordinal);
        Assert.Contains("Lac 0.25–1.05", validity.Statement, StringComparison.Ordinal);
    }
}
