using MRSNode.Quantification.Mrsi;
using MRSNode.Spectroscopy.Mrsi;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.Quantification.Tests.Mrsi.MrsiFixtures;

namespace MRSNode.Quantification.Tests.Mrsi;

[UnitTest]
public class MrsiMapBuilderTests
{
    private static readonly MrsiMapBuilder Builder = new();

    [Fact]
    public void Build_NoWaterReference_MapsAreRatiosToTCrAndChoNaaIsTheAmplitudeRatio()
    {
        var geometry = Axial(2, 1);
        var result = Builder.Build(Fits(geometry, i => i == 0 ? Fit(naa: 1.5, cho: 0.3, cr: 1.2) : Fit(naa: 0.6, cho: 0.6, cr: 1.0)));

        Assert.Equal(["tNAA", "tCr", "tCho", "Ins", "Glx", "Lac", "Cho/NAA", "Cho/Cr"], result.Maps.Select(m => m.Name));
        Assert.Equal("ratio to tCr", result.Map("tNAA")!.Unit);
        Assert.Equal(1.5 / 1.2, result.Map("tNAA")!.Values[0], 12);
        Assert.Equal(0.2, result.Map("Cho/NAA")!.Values[0], 12);
        Assert.Equal(1.0, result.Map("Cho/NAA")!.Values[1], 12);
        Assert.Equal(0.6, result.Map("Cho/Cr")!.Values[1], 12);
        // tCr over its median (1.1) in the reported voxels.
        Assert.Equal(1.2 / 1.1, result.Map("tCr")!.Values[0], 12);
        Assert.Contains("No water reference: metabolites are ratios to tCr.", result.Notes);
    }

    [Fact]
    public void Build_WaterScaledFits_MetaboliteMapsInInstitutionalUnits()
    {
        var result = Builder.Build(Fits(Axial(1, 1), _ => Fit(naa: 1.4, waterScale: 8)));

        Assert.Equal("i.u.", result.Map("tNAA")!.Unit);
        Assert.Equal(11.2, result.Map("tNAA")!.Values[0], 12);
        Assert.Equal("ratio", result.Map("Cho/NAA")!.Unit);
    }

    [Fact]
    public void Build_VoxelOutsideTheVolumeAndFailedFit_NotFittedAndFailedWithReasonsAndBlankMaps()
    {
        var volume = new VolumeOfInterest([5, 0, 0], [10, 10, 10], [1, 0, 0], [0, 1, 0]);
        var input = Fits(Axial(3, 1, volume), i => i == 1 ? Fit() : null) with { Failures = new Dictionary<int, string> { [2] = "singular" } };

        var result = Builder.Build(input);

        Assert.Equal([VoxelState.NotFitted, VoxelState.Reported, VoxelState.Failed], result.Voxels.Select(v => v.State));
        Assert.Equal("outside the excited volume", result.Voxels[0].Reason);
        Assert.Equal("fit failed: singular", result.Voxels[2].Reason);
        Assert.True(double.IsNaN(result.Map("tNAA")!.Values[0]));
        Assert.True(double.IsNaN(result.Map("tNAA")!.Values[2]));
        Assert.Contains("3 voxels (3 × 1 × 1): 2 fitted, 1 reported.", result.Notes);
        Assert.Contains("1 failed to fit.", result.Notes);
        Assert.Contains("1 not fitted (1 outside the excited volume).", result.Notes);
    }

    [Fact]
    public void Build_LipidRichVoxelWithLactate_LacBlankWithReasonOtherMapsKept()
    {
        var result = Builder.Build(Fits(Axial(2, 1), i => i == 0 ? Fit(lac: 0.5, lipidToCreatine: 3) : Fit(lac: 0.4)));

        Assert.True(double.IsNaN(result.Map("Lac")!.Values[0]));
        Assert.Equal(0.4, result.Map("Lac")!.Values[1], 12);
        Assert.Equal(1.4, result.Map("tNAA")!.Values[0], 12);
        Assert.Equal(MrsiMapBuilder.LactateUnderLipid, result.Voxels[0].Withheld["Lac"]);
        Assert.Contains("Lac blank in 1 reported voxels: lactate not separable from lipid.", result.Notes);
    }

    [Fact]
    public void Build_MetaboliteCrlbAboveLimit_ThatMapBlankInThatVoxel()
    {
        var crlb = new Dictionary<string, double> { ["tIns"] = 80 };

        var result = Builder.Build(Fits(Axial(1, 1), _ => Fit(crlb: crlb)));

        Assert.True(double.IsNaN(result.Map("Ins")!.Values[0]));
        Assert.Equal(0.25, result.Map("tCho")!.Values[0], 12);
        Assert.Equal("CRLB above 50 %", result.Voxels[0].Withheld["Ins"]);
        Assert.Contains("Ins blank in 1 reported voxels: CRLB above 50 %.", result.Notes);
    }

    [Fact]
    public void Build_RejectedVoxels_CountedByKindInTheNotes()
    {
        var result = Builder.Build(Fits(Axial(4, 1), i => i switch { 0 => Fit(snr: 3), 1 => Fit(snr: 2), 2 => Fit(fwhmPpm: 0.2), _ => Fit() }));

        Assert.Equal(3, result.Voxels.Count(v => v.State == VoxelState.Rejected));
        Assert.Contains("3 rejected by the quality checks (2 low SNR, 1 broad lines).", result.Notes);
        Assert.Equal(3, result.Map("Cho/NAA")!.Values.Count(double.IsNaN));
    }

    [Fact]
    public void Build_FitCountNotTheGridsVoxelCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => Builder.Build(new MrsiVoxelFits(Axial(2, 2), [Fit()])));
    }

    [Fact]
    public void Build_LesionOnTheRight_RegionsAreTheLesionAndItsMirrorWithTheirValues()
    {
        // 4 × 1 grid centred on x = 0: voxel 0 (x = -15) holds the lesion, its mirror is voxel 3 (x = +15).
        var result = Builder.Build(Fits(Axial(4, 1), i => i == 0 ? Fit(naa: 0.5, cho: 0.6) : Fit()));

        Assert.Equal(2, result.Regions.Count);
        Assert.Equal((MrsiRegionFinder.MaximumLabel, 0), (result.Regions[0].Label, result.Regions[0].VoxelIndex));
        Assert.Equal((MrsiRegionFinder.ReferenceLabel, 3), (result.Regions[1].Label, result.Regions[1].VoxelIndex));
        Assert.Equal(1.2, result.Regions[0].Values["Cho/NAA"], 12);
        Assert.Equal(0.25 / 1.4, result.Regions[1].Values["Cho/NAA"], 12);
        Assert.Contains(result.Notes, n => n.StartsWith("Maximum Cho/NAA: voxel (column 1, row 1, slice 1) at x -15.0, y 0.0, z 0.0 mm, Cho/NAA 1.20", StringComparison.Ordinal));
    }
}
