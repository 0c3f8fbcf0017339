using MRSNode.Spectroscopy.Processing;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Simulation;

[UnitTest]
public class MrsiPhantomTests
{
    internal static readonly Lazy<BasisSet> Basis = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));

    private static readonly Lazy<MrsiPhantomScan> _default = new(() => new MrsiPhantom(Basis.Value).Simulate());

    [Fact]
    public void Simulate_Default_RingLesionAndContralateralRegionsWithTheirTruth()
    {
        var truth = _default.Value.Truth;

        Assert.Equal(256, truth.Voxels.Count);
        Assert.InRange(truth.Of(PhantomTissue.ScalpRing).Count(), 20, 80);
        var lesion = truth.Of(PhantomTissue.Lesion).ToList();
        var contralateral = truth.Of(PhantomTissue.Contralateral).ToList();
        Assert.InRange(lesion.Count, 4, 16);
        Assert.Equal(lesion.Count, contralateral.Count);
        Assert.Equal(PhantomTissue.Lesion, truth.Voxels[truth.LesionCentreVoxel].Tissue);
        Assert.Equal(PhantomTissue.Contralateral, truth.Voxels[truth.ContralateralCentreVoxel].Tissue);
        // Lesion on the patient's left (+X in LPS), its mirror on the right.
        Assert.True(truth.Geometry.VoxelCentre(truth.LesionCentreVoxel)[0] > 0);
        Assert.Equal(-truth.Geometry.VoxelCentre(truth.LesionCentreVoxel)[0], truth.Geometry.VoxelCentre(truth.ContralateralCentreVoxel)[0], 6);

        var l = truth.Voxels[truth.LesionCentreVoxel];
        var c = truth.Voxels[truth.ContralateralCentreVoxel];
        Assert.Equal(3 * c.Amplitude("GPC"), l.Amplitude("GPC"), 9);
        Assert.Equal(0.35 * c.Amplitude("NAA"), l.Amplitude("NAA"), 9);
        Assert.Equal(4, l.Amplitude("Lac"), 9);
        Assert.True(l.CholineToNaa >= 2 * c.CholineToNaa, $"{l.CholineToNaa} vs {c.CholineToNaa}");
        Assert.All(truth.Voxels.Where(v => v.Tissue != PhantomTissue.Lesion), v => Assert.Equal(0, v.Amplitude("Lac")));
        Assert.All(truth.Of(PhantomTissue.ScalpRing), v => Assert.Empty(v.Amplitudes));
    }

    [Fact]
    public void Simulate_Default_NormalVoxelSnrAsAskedAndShiftsVary()
    {
        var truth = _default.Value.Truth;
        var normal = truth.Of(PhantomTissue.Brain).ToList();

        // The SNR is set on a normal voxel at the centre linewidth; broader, offset voxels read a little less.
        Assert.InRange(normal.Max(v => v.Snr), 18, 23);
        Assert.InRange(normal.Min(v => v.Snr), 10, 20);
        Assert.True(normal.Max(v => v.ShiftHz) - normal.Min(v => v.ShiftHz) > 5);
        Assert.InRange(normal.Max(v => v.LorentzianHz), 3, 6);
    }

    [Fact]
    public void Simulate_RingLipid_LargeInRingSmallInAdjacentBrainAbsentInCentre()
    {
        var scan = _default.Value;
        var truth = scan.Truth;
        var ring = truth.Of(PhantomTissue.ScalpRing).Select(v => v.LipidArea).ToList();
        var adjacent = truth.RingAdjacentBrainVoxels();

        Assert.NotEmpty(adjacent);
        Assert.True(adjacent.Min(i => truth.Voxels[i].LipidArea) > 0);
        Assert.True(ring.Min() > 5 * adjacent.Max(i => truth.Voxels[i].LipidArea));
        int centre = truth.Geometry.Index(8, 8, 0);
        Assert.Equal(0, truth.Voxels[centre].LipidArea);
    }

    [Fact]
    public void Simulate_WithoutLipids_SameNoiseSoOnlyTheLipidDiffers()
    {
        var parameters = new MrsiPhantomParameters { Columns = 8, Rows = 8, VoxelSizeMm = 20 };
        var with = new MrsiPhantom(Basis.Value, parameters).Simulate();
        var without = new MrsiPhantom(Basis.Value, parameters with { Lipids = false }).Simulate();

        int background = with.Truth.Of(PhantomTissue.Background).First().Index;
        Assert.Equal(without.Acquisition.Fid(background).ToArray(), with.Acquisition.Fid(background).ToArray());
        foreach (var voxel in new[] { with.Truth.Of(PhantomTissue.ScalpRing).First(), with.Truth.Of(PhantomTissue.Brain).First() })
        {
            var difference = with.Acquisition.Fid(voxel.Index)[0] - without.Acquisition.Fid(voxel.Index)[0];
            Assert.True(voxel.LipidArea > 0);
            Assert.Equal(voxel.LipidArea, difference.Magnitude, 1e-6 * difference.Magnitude);
        }
    }

    [Fact]
    public void Simulate_SameSeed_IdenticalData()
    {
        var parameters = new MrsiPhantomParameters { Columns = 8, Rows = 8, VoxelSizeMm = 20, Seed = 5 };
        var a = new MrsiPhantom(Basis.Value, parameters).Simulate();
        var b = new MrsiPhantom(Basis.Value, parameters).Simulate();
        var c = new MrsiPhantom(Basis.Value, parameters with { Seed = 6 }).Simulate();

        Assert.Equal(a.Acquisition.Data, b.Acquisition.Data);
        Assert.Equal(a.Truth.ToJson(), b.Truth.ToJson());
        Assert.NotEqual(a.Acquisition.Data, c.Acquisition.Data);
    }

    [Fact]
    public void Simulate_PressBox_NoMetabolitesOutsideAndGeometryStatesTheBox()
    {
        var scan = new MrsiPhantom(Basis.Value, new MrsiPhantomParameters { PressBox = true, PressBoxVoxels = 8 }).Simulate();
        var g = scan.Truth.Geometry;

        Assert.NotNull(g.Volume);
        Assert.Equal([80.0, 80.0, 10.0], g.Volume.SizeMm);
        Assert.Equal(64, Enumerable.Range(0, 256).Count(g.InsideVolume));
        Assert.All(scan.Truth.Voxels.Where(v => !v.InsideVolume), v => Assert.Empty(v.Amplitudes));
        Assert.All(scan.Truth.Voxels.Where(v => v.InsideVolume), v => Assert.Equal(g.InsideVolume(v.Index), v.InsideVolume));
        Assert.Equal("PRESS", scan.Acquisition.Localization.Technique);
    }

    [Fact]
    public void Simulate_LesionCentreVoxel_CholinePeakOverTwiceTheContralateral()
    {
        var scan = _default.Value;
        var truth = scan.Truth;
        var axis = scan.Acquisition.Axis;
        double Peak(int voxel, double low, double high)
        {
            var spectrum = SpectralAxis.Spectrum(scan.Acquisition.Fid(voxel));
            var (a, b) = FidMath.Bins(axis, low, high);
            return Enumerable.Range(a, b - a + 1).Max(k => spectrum[k].Magnitude);
        }

        double lesionCho = Peak(truth.LesionCentreVoxel, 3.15, 3.3), normalCho = Peak(truth.ContralateralCentreVoxel, 3.15, 3.3);
        Assert.True(lesionCho > 2 * normalCho, $"Cho {lesionCho} vs {normalCho}");
    }

    [Fact]
    public void Simulate_LesionLactate_AddsItsBasisSignalOnlyInTheLesion()
    {
        var parameters = new MrsiPhantomParameters { Columns = 8, Rows = 8, VoxelSizeMm = 20, LesionRadiusMm = 25 };
        var with = new MrsiPhantom(Basis.Value, parameters).Simulate();
        var without = new MrsiPhantom(Basis.Value, parameters with { LesionLactateMm = 0 }).Simulate();
        double lactate = BasisReferenceLine.Remove(Basis.Value.Find("Lac")!, Basis.Value.Axis)[0].Magnitude;

        int lesion = with.Truth.LesionCentreVoxel, contralateral = with.Truth.ContralateralCentreVoxel;
        Assert.Equal(4 * lactate, (with.Acquisition.Fid(lesion)[0] - without.Acquisition.Fid(lesion)[0]).Magnitude, 1e-6 * lactate);
        Assert.Equal(with.Acquisition.Fid(contralateral).ToArray(), without.Acquisition.Fid(contralateral).ToArray());
    }
}
