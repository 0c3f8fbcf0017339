using System.Numerics;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests;

[UnitTest]
public class WaterReferenceMatchTests
{
    private static MrsAcquisition Acquisition(double? te = 30, double[]? position = null, double[]? size = null, string? frame = "1.2.3", bool geometry = true) =>
        new(new Complex[4], 4)
        {
            SpectralWidthHz = 4000,
            TransmitterFrequencyMHz = 123.25,
            EchoTimeMs = te,
            Localization = geometry ? new Localization { PositionMm = position ?? [1, 40, 30], VoxelSizeMm = size ?? [20, 20, 20] } : new Localization(),
            Provenance = new Provenance { SourceFormat = "test", FrameOfReferenceUid = frame },
        };

    [Fact]
    public void Check_SameVoxelTeAndFrame_UsableWithoutCaveat()
    {
        var pairing = WaterReferenceMatch.Check(Acquisition(), Acquisition(te: 31, position: [1.5, 40, 30], size: [20.1, 20, 20]));

        Assert.Equal(new WaterPairing(null, null), pairing);
        Assert.True(pairing.Usable);
    }

    [Fact]
    public void Check_Voxel12MmAway_RefusedSayingTheDistance()
    {
        var pairing = WaterReferenceMatch.Check(Acquisition(), Acquisition(position: [1, 52, 30]));

        Assert.Equal("its voxel is 12 mm from the metabolite voxel", pairing.Refusal);
    }

    [Fact]
    public void Check_OtherSizeOtherTeOtherFrame_EveryReasonNamed()
    {
        var pairing = WaterReferenceMatch.Check(Acquisition(), Acquisition(te: 144, size: [20, 20, 15], frame: "9.9"));

        Assert.Equal("it has another frame of reference (another session, or the patient was repositioned); it was acquired at TE 144 ms, the metabolites at TE 30 ms (the water scaling's relaxation correction assumes the same TE); its voxel is 20×20×15 mm, the metabolite voxel 20×20×20 mm", pairing.Refusal);
    }

    [Fact]
    public void Check_FrameOfReferenceOnOneSideOnly_NotCompared()
    {
        Assert.True(WaterReferenceMatch.Check(Acquisition(frame: null), Acquisition()).Usable);
    }

    [Fact]
    public void Check_GeometryAndTeUnknown_UsableWithCaveatSayingWhatWasNotChecked()
    {
        var pairing = WaterReferenceMatch.Check(Acquisition(), Acquisition(te: null, geometry: false));

        Assert.Null(pairing.Refusal);
        Assert.Equal("the water reference's echo time, voxel position, voxel size could not be compared with the metabolite data's (not stated in the files): water scaling assumes the same voxel and TE", pairing.Caveat);
    }
}
