using MRSNode.Spectroscopy.Processing.Mrsi;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.Spectroscopy.Tests.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Processing.Mrsi;

[UnitTest]
public class MrsiVoxelMaskTests
{
    [Fact]
    public void Classify_Phantom_RingBrainAndBackgroundAsInTruth()
    {
        var scan = MrsiPhantomFixture.WithLipids;
        var mask = MrsiVoxelMask.Classify(scan.Acquisition);
        var truth = scan.Truth.Voxels;

        Assert.All(truth.Where(v => v.Tissue == PhantomTissue.ScalpRing), v => Assert.Equal(MrsiVoxelClass.LipidRing, mask.Classes[v.Index]));
        Assert.All(truth.Where(v => v.Tissue is PhantomTissue.Brain or PhantomTissue.Lesion or PhantomTissue.Contralateral), v => Assert.Equal(MrsiVoxelClass.Brain, mask.Classes[v.Index]));
        Assert.All(truth.Where(v => v.Tissue == PhantomTissue.Background), v => Assert.Equal(MrsiVoxelClass.NoSignal, mask.Classes[v.Index]));
    }

    [Fact]
    public void Classify_PressBox_BrainOnlyInsideTheBox()
    {
        var scan = new MrsiPhantom(MrsiPhantomTests.Basis.Value, new MrsiPhantomParameters { PressBox = true, PressBoxVoxels = 8 }).Simulate();
        var mask = MrsiVoxelMask.Classify(scan.Acquisition);

        Assert.Equal(64, mask.Count(MrsiVoxelClass.Brain));
        Assert.All(Enumerable.Range(0, 256).Where(v => mask.Classes[v] == MrsiVoxelClass.Brain), v => Assert.True(scan.Truth.Voxels[v].InsideVolume));
    }
}
