using MRSNode.Quantification.Mrsi;
using MRSNode.Spectroscopy.Mrsi;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.Quantification.Tests.Mrsi.MrsiFixtures;

namespace MRSNode.Quantification.Tests.Mrsi;

[UnitTest]
public class MrsiRegionFinderTests
{
    private static MetaboliteMap ChoNaa(params double[] values) => new(MrsiMapNames.ChoNaa, "ratio", values, "");

    [Fact]
    public void Contralateral_VolumeOffCentre_MirrorsAcrossTheVolumesMidline()
    {
        // 6 × 1 grid, x = -25 … 25; the volume is centred on x = -10: voxel 0 (x = -25) mirrors to x = 5, voxel 3.
        var geometry = Axial(6, 1, new VolumeOfInterest([-10, 0, 0], [40, 10, 10], [1, 0, 0], [0, 1, 0]));

        Assert.Equal(3, MrsiRegionFinder.Contralateral(geometry, ChoNaa(1, 1, 1, 1, 1, 1), 0));
    }

    [Fact]
    public void Contralateral_MirrorVoxelBlank_NearestReportedVoxel()
    {
        // 5 × 1 grid: voxel 0 mirrors to voxel 4, which is blank; voxel 3 is the nearest with a value.
        Assert.Equal(3, MrsiRegionFinder.Contralateral(Axial(5, 1), ChoNaa(1, 1, double.NaN, 1, double.NaN), 0));
    }

    [Fact]
    public void Find_OnlyOneVoxelHasChoNaa_OnlyTheMaximum()
    {
        var regions = MrsiRegionFinder.Find(Axial(3, 1), [ChoNaa(double.NaN, 0.4, double.NaN)]);

        var region = Assert.Single(regions);
        Assert.Equal((MrsiRegionFinder.MaximumLabel, 1, 0.4), (region.Label, region.VoxelIndex, region.Values[MrsiMapNames.ChoNaa]));
    }

    [Fact]
    public void Find_NoChoNaaAnywhere_NoRegions()
    {
        Assert.Empty(MrsiRegionFinder.Find(Axial(2, 1), [ChoNaa(double.NaN, double.NaN)]));
    }
}
