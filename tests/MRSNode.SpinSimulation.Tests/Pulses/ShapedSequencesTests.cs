using MRSNode.SpinSimulation.Caching;
using MRSNode.SpinSimulation.Pulses;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.SpinSimulation.Tests.Pulses;

[UnitTest]
public class ShapedSequencesTests
{
    private static BasisSimulationRequest SemiLaser(PulseModel pulses, int? points = null) => new()
    {
        FrequencyMHz = 123.2, Sequence = LocalizationSequence.SemiLaser, EchoTimeMs = 30, Pulses = pulses, SpatialPoints = points,
    };

    [Fact]
    public void Describe_ShapedSemiLaser_ProvenanceNamesPulseAndGrid()
    {
        var provenance = new DensityMatrixBasisSimulator().Describe(SemiLaser(PulseModel.Shaped, 4));

        Assert.Equal("shaped pulses: HS1 R20 4.5 ms 2 kHz refocusing at 3.0 ppm, 4×4 positions", provenance.PulseModel);
    }

    [Fact]
    public void CanonicalJson_IdealRequest_HasNoPulseFieldsSoOldKeysHold()
    {
        var json = BasisRequestKey.CanonicalJson(SemiLaser(PulseModel.Ideal));

        Assert.DoesNotContain("Pulses", json, StringComparison.Ordinal);
        Assert.DoesNotContain("SpatialPoints", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_ShapedOrOtherGrid_KeyDiffersFromIdeal()
    {
        var ideal = BasisRequestKey.Of(SemiLaser(PulseModel.Ideal), "lib", "v");
        var shaped = BasisRequestKey.Of(SemiLaser(PulseModel.Shaped), "lib", "v");
        var shaped4 = BasisRequestKey.Of(SemiLaser(PulseModel.Shaped, 4), "lib", "v");

        Assert.Equal(3, new[] { ideal, shaped, shaped4 }.Distinct().Count());
        Assert.Contains("\"Pulses\":\"Shaped\"", BasisRequestKey.CanonicalJson(SemiLaser(PulseModel.Shaped)), StringComparison.Ordinal);
    }

    [Fact]
    public void For_ShapedPress_RefusedNamingIdeal()
    {
        var request = SemiLaser(PulseModel.Shaped) with { Sequence = LocalizationSequence.Press };

        var e = Assert.Throws<ArgumentException>(() => ShapedSequences.For(request));

        Assert.Contains("Press is simulated with ideal pulses", e.Message, StringComparison.Ordinal);
    }
}
