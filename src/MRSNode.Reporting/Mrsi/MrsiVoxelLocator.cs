using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Reporting.Mrsi;

/// <summary>Which MRSI voxel contains a point in patient coordinates: the inverse of <see cref="MrsiGeometry.VoxelCentre"/>.</summary>
public sealed class MrsiVoxelLocator(MrsiGeometry geometry)
{
    private readonly MrsiGeometry _geometry = geometry ?? throw new ArgumentNullException(nameof(geometry));
    private readonly double[] _normal = geometry.SliceDirection;

    /// <summary>The voxel index, or -1 outside the grid (including above or below the slab).</summary>
    public int VoxelAt(double[] pointMm)
    {
        ArgumentNullException.ThrowIfNull(pointMm);
        var g = _geometry;
        double u = 0, v = 0, w = 0;
        for (int k = 0; k < 3; k++)
        {
            double d = pointMm[k] - g.FirstVoxelCentreMm[k];
            u += d * g.RowDirection[k];
            v += d * g.ColumnDirection[k];
            w += d * _normal[k];
        }
        int column = (int)Math.Round(u / g.VoxelSpacingMm[0]), row = (int)Math.Round(v / g.VoxelSpacingMm[1]), slice = (int)Math.Round(w / g.VoxelSpacingMm[2]);
        return column < 0 || row < 0 || slice < 0 || column >= g.Grid.Columns || row >= g.Grid.Rows || slice >= g.Grid.Slices
            ? -1 : g.Index(column, row, slice);
    }
}
