using System.Text.Json;
using MRSNode.Quantification.Results;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests.Results;

[UnitTest]
public class BasisProvenanceTests
{
    private static BasisProvenance Simulated(string? pulses) => new()
    {
        Source = BasisProvenance.FromSimulation,
        Name = BasisProvenance.DefaultTiming,
        Sequence = "sLASER",
        EchoTimeMs = 30,
        Pulses = pulses,
        FieldT = 6.98,
        FrequencyMHz = 297.2,
        CacheKey = "0123456789abcdef",
    };

    [Fact]
    public void Summary_ShapedSimulation_NamesThePulses()
    {
        Assert.Equal("simulated: sLASER TE 30 ms, shaped pulses, key 01234567", Simulated("shaped").Summary);
    }

    [Fact]
    public void Summary_IdealSimulation_SaysNothingOfPulses()
    {
        Assert.Equal("simulated: sLASER TE 30 ms, key 01234567", Simulated(null).Summary);
    }

    [Fact]
    public void Serialize_Pulses_WrittenOnlyWhenShaped()
    {
        Assert.Contains("\"pulses\":\"shaped\"", JsonSerializer.Serialize(Simulated("shaped")), StringComparison.Ordinal);
        Assert.DoesNotContain("pulses", JsonSerializer.Serialize(Simulated(null)), StringComparison.Ordinal);
    }
}
