using MRSNode.Reporting.Confidence;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Confidence;

/// <summary>The QC part of config/confidence-checks.json: limits that scale with the field.</summary>
[UnitTest]
public class ConfidenceThresholdsTests
{
    private static string Shipped => Path.Combine(TestData.Root, "..", "..", "config", "confidence-checks.json");

    [Theory]
    [InlineData(63.9, 0.1, 0.15)]
    [InlineData(123.2, 0.07, 0.1)]
    [InlineData(297.2, 0.06, 0.09)]
    [InlineData(400.0, 0.06, 0.09)] // above every band: the last
    public void Linewidth_ShippedFile_BandOfTheField(double mhz, double review, double notUsable)
    {
        var band = ConfidenceThresholds.Load(Shipped).Linewidth(mhz);

        Assert.Equal((review, notUsable), (band.ReviewAbovePpm, band.NotUsableAbovePpm));
    }

    [Fact]
    public void Linewidth_UnknownField_The3TBand() =>
        Assert.Equal(0.07, ConfidenceThresholds.Default.Linewidth(null).ReviewAbovePpm);

    [Fact]
    public void Load_ShippedFile_ArtefactLimits()
    {
        var t = ConfidenceThresholds.Load(Shipped);

        Assert.Equal((0.12, 1.0, 200.0, 0.1, 0.05), (t.FrequencyOffsetReviewAbovePpm, t.LipidToTCrReviewAbove, t.ResidualWaterToNaaReviewAbove, t.TransientsRejectedReviewAboveFraction, t.FrequencyDriftReviewAbovePpm));
    }

    [Fact]
    public void Load_BandWithReviewAboveNotUsable_ClearError()
    {
        var path = Path.Combine(TestData.NewTempFolder(), "checks.json");
        File.WriteAllText(path, """{ "linewidthPpm": { "byField": [ { "reviewAbove": 0.2, "notUsableAbove": 0.1 } ] } }""");

        var error = Assert.Throws<InvalidDataException>(() => ConfidenceThresholds.Load(path));

        Assert.Contains("reviewAbove ≤ notUsableAbove", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "frequencyOffsetHz": { "reviewAbove": 15 } }""", "frequencyOffsetPpm")]
    [InlineData("""{ "linewidthPpm": { "notUsableAbove": 0.1, "reviewAbove": 0.07 } }""", "linewidthPpm.byField")]
    public void Load_Version1Keys_RefusedNamingTheNewKey(string json, string expected)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "checks.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<InvalidDataException>(() => ConfidenceThresholds.Load(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
