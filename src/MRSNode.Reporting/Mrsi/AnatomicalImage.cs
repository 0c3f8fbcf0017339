using System.Buffers.Binary;
using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Reporting.Mrsi;

/// <summary>
/// An MR image (one frame) to draw maps on: its grey values (native pixel data) and where each pixel lies in
/// patient coordinates (Image Position/Orientation (Patient), Pixel Spacing), with the identity a Source Image Sequence needs.
/// </summary>
public sealed record AnatomicalImage(
    int Rows, int Columns, float[] Pixels, double[] PositionMm, double[] RowDirection, double[] ColumnDirection, double[] PixelSpacingMm,
    string? FrameOfReferenceUid, string SopClassUid, string SopInstanceUid)
{
    /// <summary>Centre of pixel (column, row) in patient coordinates (mm); Pixel Spacing is (between rows, between columns).</summary>
    public double[] PixelCentre(double column, double row) =>
    [
        PositionMm[0] + column * PixelSpacingMm[1] * RowDirection[0] + row * PixelSpacingMm[0] * ColumnDirection[0],
        PositionMm[1] + column * PixelSpacingMm[1] * RowDirection[1] + row * PixelSpacingMm[0] * ColumnDirection[1],
        PositionMm[2] + column * PixelSpacingMm[1] * RowDirection[2] + row * PixelSpacingMm[0] * ColumnDirection[2],
    ];

    /// <summary>The image (frame 0 of a multi-frame one), or null with the reason it cannot be drawn on.</summary>
    public static AnatomicalImage? TryRead(DicomDataset dataset, out string? reason) => TryRead(dataset, null, out reason);

    /// <summary>
    /// The image, or null with the reason it cannot be drawn on (no geometry, compressed or colour pixels). Of a
    /// multi-frame image (Enhanced MR: geometry in the per-frame or shared functional groups) the frame whose plane
    /// passes nearest the centre of <paramref name="grid"/> (frame 0 without one).
    /// </summary>
    public static AnatomicalImage? TryRead(DicomDataset dataset, MrsiGeometry? grid, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        reason = null;
        int frames = int.TryParse(dataset.GetString(DicomTags.NumberOfFrames), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        var planes = Enumerable.Range(0, frames).Select(f => Plane(dataset, f)).ToList();
        int frame = grid is null ? 0 : NearestFrame(planes, grid);
        var (position, orientation, spacing) = planes[frame];
        if (position.Length != 3 || orientation.Length != 6 || spacing.Length != 2 || spacing.Any(s => !(s > 0)))
        {
            reason = "the MR image has no plane geometry (Image Position/Orientation (Patient), Pixel Spacing)";
            return null;
        }
        if (dataset.GetString(DicomTags.SOPInstanceUID) is not { } instance)
        {
            reason = "the MR image has no SOP Instance UID";
            return null;
        }
        int rows = dataset.GetValue<ushort>(DicomTags.Rows), columns = dataset.GetValue<ushort>(DicomTags.Columns);
        int bits = dataset.GetValue<ushort>(DicomTags.BitsAllocated);
        bool signed = dataset.TryGetValue<ushort>(DicomTags.PixelRepresentation, 0, out var representation) && representation == 1;
        if (dataset[DicomTags.PixelData] is not DicomElement pixelData || dataset.GetValue<ushort>(DicomTags.SamplesPerPixel) != 1 || bits is not (8 or 16))
        {
            reason = "the MR image's pixels are compressed or not 8/16-bit greyscale";
            return null;
        }
        int count = rows * columns, bytesPerPixel = bits / 8;
        if (count == 0 || pixelData.Value.Length < (frame + 1) * count * bytesPerPixel)
        {
            reason = "the MR image's pixel data is shorter than its frames of rows × columns";
            return null;
        }
        var bytes = pixelData.Value.Span[(frame * count * bytesPerPixel)..];
        var pixels = new float[count];
        for (int i = 0; i < count; i++)
        {
            pixels[i] = bits == 8 ? bytes[i]
                : signed ? BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..])
                : BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]);
        }
        return new AnatomicalImage(rows, columns, pixels, position, orientation[..3], orientation[3..], spacing,
            dataset.GetString(DicomTags.FrameOfReferenceUID), dataset.GetString(DicomTags.SOPClassUID) ?? DicomUids.MRImageStorage, instance);
    }

    /// <summary>A frame's position, orientation and spacing: its per-frame functional group, else the shared one, else the top level.</summary>
    private static (double[] Position, double[] Orientation, double[] Spacing) Plane(DicomDataset dataset, int frame)
    {
        var perFrame = dataset.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence)?.Items;
        var own = perFrame is not null && frame < perFrame.Count ? perFrame[frame] : null;
        var shared = dataset.GetSequence(DicomTags.SharedFunctionalGroupsSequence)?.Items is { Count: > 0 } s ? s[0] : null;
        double[] Get(DicomTag macro, DicomTag attribute)
        {
            foreach (var group in new[] { own, shared })
            {
                if (group?.GetSequence(macro)?.Items is { Count: > 0 } items && items[0].GetDoubles(attribute) is { Length: > 0 } values)
                {
                    return values;
                }
            }
            return dataset.GetDoubles(attribute);
        }
        return (Get(DicomTags.PlanePositionSequence, DicomTags.ImagePositionPatient),
            Get(DicomTags.PlaneOrientationSequence, DicomTags.ImageOrientationPatient),
            Get(DicomTags.PixelMeasuresSequence, DicomTags.PixelSpacing));
    }

    /// <summary>The frame whose plane is nearest the grid's centre (distance along the frame's normal).</summary>
    private static int NearestFrame(List<(double[] Position, double[] Orientation, double[] Spacing)> planes, MrsiGeometry grid)
    {
        var first = grid.VoxelCentre(0);
        var last = grid.VoxelCentre(grid.Grid.VoxelCount - 1);
        double[] centre = [(first[0] + last[0]) / 2, (first[1] + last[1]) / 2, (first[2] + last[2]) / 2];
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int f = 0; f < planes.Count; f++)
        {
            var (p, o, _) = planes[f];
            if (p.Length != 3 || o.Length != 6)
            {
                continue;
            }
            double[] normal = [o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]];
            double distance = Math.Abs((centre[0] - p[0]) * normal[0] + (centre[1] - p[1]) * normal[1] + (centre[2] - p[2]) * normal[2]);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (f, distance);
            }
        }
        return best;
    }

    /// <summary>Grey levels 0–255 with the window at the 1st and 99th percentiles (robust to a few bright pixels).</summary>
    public byte[] WindowedGrey()
    {
        var sorted = (float[])Pixels.Clone();
        Array.Sort(sorted);
        float low = sorted[(int)(0.01 * (sorted.Length - 1))], high = sorted[(int)(0.99 * (sorted.Length - 1))];
        double scale = high > low ? 255.0 / (high - low) : 0;
        var grey = new byte[Pixels.Length];
        for (int i = 0; i < grey.Length; i++)
        {
            grey[i] = (byte)Math.Clamp(Math.Round((Pixels[i] - low) * scale), 0, 255);
        }
        return grey;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"MR image {Columns} × {Rows} ({SopInstanceUid})");
}
