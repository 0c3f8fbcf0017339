namespace MRSNode.Spectroscopy.Simulation;

/// <summary>
/// A T1-like axial image of the phantom's head through one MRSI slice: the same field of view and orientation as the
/// grid (so the grid's voxel (c, r) covers a block of pixels exactly), bright scalp fat, dark skull, grey brain with
/// dark ventricles and a hypointense lesion. 12-bit values.
/// </summary>
public static class MrsiPhantomImage
{
    public static (ushort[] Pixels, MrImagePlane Plane) Render(MrsiPhantomAnatomy anatomy, int slice, int size = 256)
    {
        ArgumentNullException.ThrowIfNull(anatomy);
        var p = anatomy.Parameters;
        var g = anatomy.Geometry;
        ArgumentOutOfRangeException.ThrowIfNegative(slice);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slice, g.Grid.Slices);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        double spacingX = p.FieldOfViewXMm / size, spacingY = p.FieldOfViewYMm / size;
        double z = g.VoxelCentre(g.Index(0, 0, slice))[2];
        double x0 = -p.FieldOfViewXMm / 2 + spacingX / 2, y0 = -p.FieldOfViewYMm / 2 + spacingY / 2;
        var pixels = new ushort[size * size];
        double brainX = p.BrainRadiusX * p.FieldOfViewXMm, brainY = p.BrainRadiusY * p.FieldOfViewYMm;
        for (int r = 0; r < size; r++)
        {
            double y = y0 + r * spacingY;
            for (int c = 0; c < size; c++)
            {
                double x = x0 + c * spacingX;
                var tissue = anatomy.TissueAt(x, y);
                double brain = (x / brainX) * (x / brainX) + (y / brainY) * (y / brainY);
                double value = tissue switch
                {
                    PhantomTissue.Background => 0,
                    // The inner part of the ring is skull (no signal on T1), the outer part scalp fat (bright).
                    PhantomTissue.ScalpRing => IsSkull(x, y, brainX, brainY, p.RingThicknessMm) ? 120 : 1500,
                    PhantomTissue.Lesion => 650,
                    _ => Ventricle(x, y, brainX, brainY) ? 250 : brain > 0.75 ? 820 : 1000,
                };
                pixels[r * size + c] = (ushort)value;
            }
        }
        var plane = new MrImagePlane(size, size, [x0, y0, z], [.. g.RowDirection, .. g.ColumnDirection], [spacingY, spacingX], p.SliceThicknessMm);
        return (pixels, plane);
    }

    private static bool IsSkull(double x, double y, double brainX, double brainY, double thickness)
    {
        double inner = thickness * 0.45;
        return (x / (brainX + inner)) * (x / (brainX + inner)) + (y / (brainY + inner)) * (y / (brainY + inner)) <= 1;
    }

    private static bool Ventricle(double x, double y, double brainX, double brainY) =>
        ((Math.Abs(x) - 0.12 * brainX) / (0.08 * brainX)) is var u && (y / (0.35 * brainY)) is var v && u * u + v * v <= 1;
}
