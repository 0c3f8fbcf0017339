using MRSNode.Spectroscopy.Processing.Mrsi;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.Spectroscopy.Tests.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Processing.Mrsi;

[UnitTest]
public class MrsiPreprocessorTests
{
    [Fact]
    public void Run_Phantom_EveryStepReportedShiftMapAndFitMask()
    {
        // 8×8 voxels of 20 mm with residual water: small enough for HLSVD per voxel in a unit test.
        var scan = new MrsiPhantom(MrsiPhantomTests.Basis.Value, new MrsiPhantomParameters { Columns = 8, Rows = 8, VoxelSizeMm = 20 }).Simulate();
        var result = new MrsiPreprocessor().Run(scan.Acquisition);
        int brain = scan.Truth.Voxels.Count(v => v.Tissue is PhantomTissue.Brain or PhantomTissue.Lesion or PhantomTissue.Contralateral);

        Assert.Equal(["Voxel mask", LipidL2Suppression.Name, MrsiFrequencyAlignment.Name, "Phasing", "Residual water removal (HLSVD)"], result.Reports.Select(r => r.Step));
        Assert.Equal(brain, result.FitMask.Count(b => b));
        Assert.Equal(brain, result.ShiftMapHz.Count(double.IsFinite));
        Assert.Equal(scan.Acquisition.Voxels, result.Acquisition.Voxels);
        // Residual water: two NAA areas at 4.7 ppm before, gone after (first points no longer dominated by it).
        Assert.True(result.Reports[^1]["FirstPointReduction"] > 0.05);
        // Voxels outside the fit mask are left as they were.
        int ring = scan.Truth.Of(PhantomTissue.ScalpRing).First().Index;
        Assert.Equal(scan.Acquisition.Fid(ring).ToArray(), result.Acquisition.Fid(ring).ToArray());
    }
}
