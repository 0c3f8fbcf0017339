using System.Globalization;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;

namespace MRSNode.Reporting.Mrsi;

/// <summary>
/// One map as a picture for a PACS: over the MR image of the same frame of reference when there is one (each image
/// pixel → its point in patient coordinates → the MRSI voxel there; the map's colour blended over the grey image,
/// grey alone where the map is blank), else on its own grid upsampled (every slice, tiled), saying so. A title names the map, a colour
/// bar gives its scale, and the report's regions are outlined in white. Black background, as a PACS shows images.
/// </summary>
public static class MapCaptureRenderer
{
    /// <summary>The side the image is enlarged to (integer factor), so a 256 × 256 MR image or a 16 × 16 grid fills a screen.</summary>
    public const int TargetSize = 512;

    /// <summary>Opacity of the map's colour over the grey image.</summary>
    public const double Opacity = 0.55;

    private const int Header = 64, Panel = 150, Footer = 44, TextSize = 16;
    private static readonly ReportColor Background = ReportColor.Black;
    private static readonly ReportColor Text = new(235, 235, 235);

    /// <param name="image">The MR image to draw on, already checked to share the grid's frame of reference and to cross it (<see cref="Covers"/>); null: the map on its own grid.</param>
    /// <param name="note">Why there is no overlay, shown under the map (null with an image).</param>
    public static RasterCanvas Render(MrsiQuantification result, MetaboliteMap map, AnatomicalImage? image, string? note)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(map);
        var scale = MapColourScale.For(map);
        int width, height;
        if (image is not null)
        {
            int factor = Math.Max(1, TargetSize / Math.Max(image.Rows, image.Columns));
            (width, height) = (image.Columns * factor, image.Rows * factor);
            var canvas = Frame(width, height);
            DrawOverlay(canvas, result, map, scale, image, factor);
            Annotate(canvas, result, map, scale, width, height, $"on the MR image {image.Columns} × {image.Rows} of the same frame of reference", "no colour: not reported");
            return canvas;
        }
        var g = result.Geometry;
        // Every slice, tiled row by row (a 32 × 32 × 8 grid: 3 × 3 tiles), each tile keeping the voxels' aspect.
        int slices = g.Grid.Slices, across = (int)Math.Ceiling(Math.Sqrt(slices)), down = (slices + across - 1) / across;
        double aspect = g.Grid.Rows * g.VoxelSpacingMm[1] / (g.Grid.Columns * g.VoxelSpacingMm[0]);
        int tile = TargetSize / across;
        var (tileWidth, tileHeight) = aspect <= 1 ? (tile, (int)Math.Round(tile * aspect)) : ((int)Math.Round(tile / aspect), tile);
        (width, height) = (across * tileWidth, down * tileHeight);
        var own = Frame(width, height);
        for (int slice = 0; slice < slices; slice++)
        {
            double x = slice % across * tileWidth, y = Header + slice / across * tileHeight;
            MapGridPanel.Draw(own, result, map, scale, slice, x + 1, y + 1, tileWidth - 2, tileHeight - 2, ReportColor.White, MapGridPanel.OnScreen);
            if (slices > 1)
            {
                own.DrawText((slice + 1).ToString(CultureInfo.InvariantCulture), x + 4, y + 14, 11, Text);
            }
        }
        string where = slices > 1 ? string.Create(CultureInfo.InvariantCulture, $"on its own grid, slices 1–{slices}") : "on its own grid";
        Annotate(own, result, map, scale, width, height, where + (note is null ? "" : ": " + note), "dark grey: fitted, no value; black: not fitted");
        return own;
    }

    /// <summary>Whether any pixel of the image lies in a voxel with a value in some map (else an overlay would show nothing).</summary>
    public static bool Covers(MrsiQuantification result, AnatomicalImage image)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(image);
        var locator = new MrsiVoxelLocator(result.Geometry);
        var reported = result.Voxels.Where(v => v.State == VoxelState.Reported).Select(v => v.Index).ToHashSet();
        // Every 4th pixel each way is plenty to find a voxel (voxels span many pixels).
        for (int row = 0; row < image.Rows; row += 4)
        {
            for (int column = 0; column < image.Columns; column += 4)
            {
                if (reported.Contains(locator.VoxelAt(image.PixelCentre(column, row))))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static RasterCanvas Frame(int width, int height)
    {
        var canvas = new RasterCanvas(width + Panel, Header + height + Footer, kerning: false);
        canvas.FillRectangle(0, 0, canvas.Width, canvas.Height, Background);
        return canvas;
    }

    private static void DrawOverlay(RasterCanvas canvas, MrsiQuantification result, MetaboliteMap map, MapColourScale scale, AnatomicalImage image, int factor)
    {
        var locator = new MrsiVoxelLocator(result.Geometry);
        var grey = image.WindowedGrey();
        var voxelOf = new int[image.Rows * image.Columns];
        for (int row = 0; row < image.Rows; row++)
        {
            for (int column = 0; column < image.Columns; column++)
            {
                voxelOf[row * image.Columns + column] = locator.VoxelAt(image.PixelCentre(column, row));
            }
        }
        var regions = result.Regions.Select(r => r.VoxelIndex).ToHashSet();
        for (int row = 0; row < image.Rows; row++)
        {
            for (int column = 0; column < image.Columns; column++)
            {
                int p = row * image.Columns + column, voxel = voxelOf[p];
                byte g = grey[p];
                var colour = new ReportColor(g, g, g);
                if (voxel >= 0 && scale.Colour(map.Values[voxel]) is { } c)
                {
                    colour = new ReportColor(Blend(g, c.R), Blend(g, c.G), Blend(g, c.B));
                }
                if (regions.Contains(voxel) && OnVoxelEdge(voxelOf, image, column, row))
                {
                    colour = ReportColor.White;
                }
                canvas.FillRectangle(column * factor, Header + row * factor, factor, factor, colour);
            }
        }
    }

    private static byte Blend(byte grey, byte colour) => (byte)Math.Round((1 - Opacity) * grey + Opacity * colour);

    private static bool OnVoxelEdge(int[] voxelOf, AnatomicalImage image, int column, int row)
    {
        int v = voxelOf[row * image.Columns + column];
        return column == 0 || row == 0 || column == image.Columns - 1 || row == image.Rows - 1
            || voxelOf[row * image.Columns + column - 1] != v || voxelOf[row * image.Columns + column + 1] != v
            || voxelOf[(row - 1) * image.Columns + column] != v || voxelOf[(row + 1) * image.Columns + column] != v;
    }

    private static void Annotate(RasterCanvas canvas, MrsiQuantification result, MetaboliteMap map, MapColourScale scale, int width, int height, string where, string blanks)
    {
        canvas.DrawText($"MRSI map: {map.Name} ({map.Unit})", 10, 26, 20, Text, bold: true);
        canvas.DrawText(map.Description + ", " + where, 10, 50, 13, Text);
        ColourBar.Draw(canvas, width + 20, Header + 10, 24, Math.Min(height - 40, 360), scale, map.Unit, TextSize, Text);
        int reported = result.Voxels.Count(v => v.State == VoxelState.Reported);
        canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{map.Values.Count(double.IsFinite)} of {reported} reported voxels have a value; {blanks}."), 10, Header + height + 18, 13, Text);
        canvas.DrawText("White outlines: the report's regions. MRSNode, decision support for qualified readers.", 10, Header + height + 36, 13, Text);
    }
}
