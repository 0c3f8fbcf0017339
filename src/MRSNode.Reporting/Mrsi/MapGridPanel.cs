using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Rendering;

namespace MRSNode.Reporting.Mrsi;

/// <summary>
/// One slice of a map on its own grid, one block per voxel (aspect from the voxel spacing), for the PDF's small
/// multiples and for a capture without an MR image: colour where a value is reported, light grey where the voxel was
/// not fitted, mid grey where it was fitted but has no value here; the report's regions outlined.
/// </summary>
public static class MapGridPanel
{
    /// <summary>Blank voxels on a white page: light grey not fitted, mid grey fitted without a value.</summary>
    public static (ReportColor NotFitted, ReportColor NoValue) OnPaper { get; } = (new(235, 235, 235), new(170, 170, 170));

    /// <summary>Blank voxels on a black capture: near black not fitted, dark grey fitted without a value.</summary>
    public static (ReportColor NotFitted, ReportColor NoValue) OnScreen { get; } = (new(25, 25, 25), new(85, 85, 85));

    /// <summary>Draws the slice centred in the box; returns the rectangle the grid took.</summary>
    public static (double X, double Y, double Width, double Height) Draw(
        IReportCanvas canvas, MrsiQuantification result, MetaboliteMap map, MapColourScale scale, int slice, double x, double y, double width, double height, ReportColor outline, (ReportColor NotFitted, ReportColor NoValue) blanks)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(scale);
        var g = result.Geometry;
        double cellW = g.VoxelSpacingMm[0], cellH = g.VoxelSpacingMm[1];
        double factor = Math.Min(width / (g.Grid.Columns * cellW), height / (g.Grid.Rows * cellH));
        (cellW, cellH) = (cellW * factor, cellH * factor);
        double left = x + (width - g.Grid.Columns * cellW) / 2, top = y + (height - g.Grid.Rows * cellH) / 2;
        for (int row = 0; row < g.Grid.Rows; row++)
        {
            for (int column = 0; column < g.Grid.Columns; column++)
            {
                int i = g.Index(column, row, slice);
                var colour = scale.Colour(map.Values[i]) ?? (result.Voxels[i].State == VoxelState.NotFitted ? blanks.NotFitted : blanks.NoValue);
                // A hair of overlap: adjacent anti-aliased edges would otherwise leave faint seams.
                canvas.FillRectangle(left + column * cellW, top + row * cellH, cellW + 0.02 * cellW, cellH + 0.02 * cellH, colour);
            }
        }
        foreach (var region in result.Regions)
        {
            var (c, r, s) = g.Position(region.VoxelIndex);
            if (s == slice)
            {
                canvas.StrokeRectangle(left + c * cellW, top + r * cellH, cellW, cellH, outline, Math.Max(1, cellW / 8));
            }
        }
        return (left, top, g.Grid.Columns * cellW, g.Grid.Rows * cellH);
    }

    /// <summary>The slice to show: the maximum region's, else the middle one.</summary>
    public static int SliceOfInterest(MrsiQuantification result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Regions.Count > 0 ? result.Geometry.Position(result.Regions[0].VoxelIndex).Slice : result.Geometry.Grid.Slices / 2;
    }
}
