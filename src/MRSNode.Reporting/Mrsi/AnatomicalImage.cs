using System.Buffers.Binary;
using System.Globalization;
using MRSNode.Dicom;

namespace MRSNode.Reporting.Mrsi;

/// <summary>
/// A single-frame MR image to draw maps on: its grey values (first frame, native pixel data) and where each pixel lies in
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

    /// <summary>The image, or null with the reason it cannot be drawn on (no geometry, compressed or colour pixels).</summary>
    public static AnatomicalImage? TryRead(DicomDataset dataset, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        reason = null;
        var position = dataset.GetDoubles(DicomTags.ImagePositionPatient);
        var orientation = dataset.GetDoubles(DicomTags.ImageOrientationPatient);
        var spacing = dataset.GetDoubles(DicomTags.PixelSpacing);
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
        var bytes = pixelData.Value.Span;
        int count = rows * columns;
        if (count == 0 || bytes.Length < count * bits / 8)
        {
            reason = "the MR image's pixel data is shorter than its rows × columns";
            return null;
        }
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
