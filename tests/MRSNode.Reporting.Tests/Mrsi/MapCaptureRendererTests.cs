using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Mrsi;
using MRSNode.Reporting.Rendering;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Mrsi;

[UnitTest]
public class MapCaptureRendererTests
{
    // Layout of a 128 × 128 image at 4 ×: image pixel (c, r) covers canvas [4c, 4c + 4) × [64 + 4r, 64 + 4r + 4).
    private static ReportColor CanvasPixelOfImagePixel(MRSNode.Reporting.Rendering.Raster.RasterCanvas canvas, int column, int row) => canvas.GetPixel(4 * column + 2, 64 + 4 * row + 2);

    /// <summary>The image pixel whose centre is nearest (x, y) mm: 1.5 mm pixels, first at -95.25 mm.</summary>
    private static (int Column, int Row) ImagePixelAt(double x, double y) => ((int)Math.Round((x + 95.25) / 1.5), (int)Math.Round((y + 95.25) / 1.5));

    [Fact]
    public void Render_OverTheImage_LesionPixelIsTheMapColourBlendedOverGrey()
    {
        var result = MrsiSamples.Result();
        var map = result.Map(MrsiMapNames.ChoNaa)!;
        var image = AnatomicalImage.TryRead(MrsiSamples.MrImage(), out _)!;

        var canvas = MapCaptureRenderer.Render(result, map, image, null);

        // Inside voxel (5, 8) of the lesion, away from its edges: centre x -25, y 5 mm.
        var (c, r) = ImagePixelAt(-25, 5);
        var grey = image.WindowedGrey()[r * image.Columns + c];
        var colour = MapColourScale.For(map).Colour(1.2)!.Value;
        byte Blend(byte v) => (byte)Math.Round((1 - MapCaptureRenderer.Opacity) * grey + MapCaptureRenderer.Opacity * v);
        Assert.Equal(new ReportColor(Blend(colour.R), Blend(colour.G), Blend(colour.B)), CanvasPixelOfImagePixel(canvas, c, r));
    }

    [Fact]
    public void Render_OverTheImage_PixelOutsideTheExcitedVolumeStaysGrey()
    {
        var result = MrsiSamples.Result();
        var image = AnatomicalImage.TryRead(MrsiSamples.MrImage(), out _)!;

        var canvas = MapCaptureRenderer.Render(result, result.Map(MrsiMapNames.TNaa)!, image, null);

        var (c, r) = ImagePixelAt(-60, 0); // voxel column 1: outside the ±40 mm volume, inside the bright disc
        var pixel = CanvasPixelOfImagePixel(canvas, c, r);
        Assert.Equal(image.WindowedGrey()[r * image.Columns + c], pixel.R);
        Assert.Equal((pixel.R, pixel.R), (pixel.G, pixel.B));
    }

    [Fact]
    public void Covers_ImageOfAnotherSlab_False()
    {
        var image = AnatomicalImage.TryRead(MrsiSamples.MrImage(), out _)!;

        Assert.True(MapCaptureRenderer.Covers(MrsiSamples.Result(), image));
        Assert.False(MapCaptureRenderer.Covers(MrsiSamples.Result(), image with { PositionMm = [-95.25, -95.25, 30] }));
    }

    [Fact]
    public void Render_OwnGridOfFourSlices_TwoByTwoTilesEachSliceItsOwnValues()
    {
        // Four 2 × 2 slices of 10 mm voxels; tNAA/tCr of slice k is 0.5 + 0.25 k, so each tile has its own colour.
        var geometry = new Spectroscopy.Mrsi.MrsiGeometry(new Spectroscopy.MrsiGrid(2, 2, 4), [0, 0, 0], [1, 0, 0], [0, 1, 0], [10, 10, 10]);
        var fits = Enumerable.Range(0, 16).Select(i => (Quantification.LcmResult?)MrsiSamples.Fit(naa: 0.5 + 0.25 * (i / 4))).ToList();
        var result = new MrsiMapBuilder().Build(new MrsiVoxelFits(geometry, fits));
        var map = result.Map(MrsiMapNames.TNaa)!;

        var canvas = MapCaptureRenderer.Render(result, map, null, "no MR image");

        // 512 / 2 = 256-pixel tiles: slice 3 (0-based) is the bottom-right tile; sample inside its first voxel.
        Assert.Equal((512 + 150, 64 + 512 + 44), (canvas.PixelWidth, canvas.PixelHeight));
        var scale = MapColourScale.For(map);
        Assert.Equal(scale.Colour(0.5)!.Value, canvas.GetPixel(60, 64 + 60));
        Assert.Equal(scale.Colour(1.25)!.Value, canvas.GetPixel(256 + 60, 64 + 256 + 60));
    }
}
