using MRSNode.Reporting.Mrsi;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Mrsi;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Mrsi;

[UnitTest]
public class MrsiVoxelLocatorTests
{
    // An oblique two-slice grid: rows tilted 30° about z.
    private static readonly MrsiGeometry Oblique = new(new MrsiGrid(4, 3, 2), [10, -20, 5],
        [Math.Cos(Math.PI / 6), Math.Sin(Math.PI / 6), 0], [-Math.Sin(Math.PI / 6), Math.Cos(Math.PI / 6), 0], [8, 9, 12]);

    [Fact]
    public void VoxelAt_EveryVoxelCentreNudged_ThatVoxel()
    {
        var locator = new MrsiVoxelLocator(Oblique);

        for (int i = 0; i < Oblique.Grid.VoxelCount; i++)
        {
            var p = Oblique.VoxelCentre(i);
            Assert.Equal(i, locator.VoxelAt([p[0] + 1.5, p[1] - 1.5, p[2] + 2]));
        }
    }

    [Fact]
    public void VoxelAt_BeyondTheLastSliceOrBeforeTheFirstColumn_MinusOne()
    {
        var locator = new MrsiVoxelLocator(Oblique);
        var last = Oblique.VoxelCentre(Oblique.Grid.VoxelCount - 1);
        var first = Oblique.VoxelCentre(0);

        Assert.Equal(-1, locator.VoxelAt([last[0], last[1], last[2] + 7]));
        Assert.Equal(-1, locator.VoxelAt([first[0] - 5 * Oblique.RowDirection[0], first[1] - 5 * Oblique.RowDirection[1], first[2]]));
    }
}
