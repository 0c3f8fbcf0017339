using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Pipeline.Mrsi;

/// <summary>An MR image (one frame of it) to draw the maps over, and how far its plane lies from the MRSI slab's centre.</summary>
public sealed record ReferenceImage(string Path, int Frame, double DistanceMm);

/// <summary>
/// Picks the study's MR image to overlay the maps on: an MR Image or Enhanced MR Image object of the same Frame of
/// Reference UID as the MRSI, the frame whose plane is nearest the centre of the MRSI slab. None when the MRSI states
/// no frame of reference or no image shares it: the maps are then shown on their own grid.
/// </summary>
public static class MrsiReferenceImage
{
    public static ReferenceImage? Choose(MrsiGeometry geometry, IReadOnlyList<string> imageFiles)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(imageFiles);
        if (geometry.FrameOfReferenceUid is not { } frameOfReference)
        {
            return null;
        }
        var first = geometry.VoxelCentre(0);
        var last = geometry.VoxelCentre(geometry.Grid.VoxelCount - 1);
        double[] centre = [(first[0] + last[0]) / 2, (first[1] + last[1]) / 2, (first[2] + last[2]) / 2];
        ReferenceImage? best = null;
        foreach (var path in imageFiles)
        {
            if (Read(path) is not { } ds || ds.GetString(DicomTags.SOPClassUID) is not (DicomUids.MRImageStorage or DicomUids.EnhancedMRImageStorage)
                || ds.GetString(DicomTags.FrameOfReferenceUID) != frameOfReference)
            {
                continue;
            }
            int frames = ds.GetString(DicomTags.NumberOfFrames) is { } n && int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var count) ? Math.Max(1, count) : 1;
            for (int frame = 0; frame < frames; frame++)
            {
                if (Plane(ds, frame) is not var (position, orientation))
                {
                    continue;
                }
                double distance = Math.Abs(Dot(Subtract(centre, position), Normal(orientation)));
                if (best is null || distance < best.DistanceMm)
                {
                    best = new ReferenceImage(path, frame, distance);
                }
            }
        }
        return best;
    }

    private static DicomDataset? Read(string path)
    {
        try
        {
            return DicomFile.Open(path, DicomReadOptions.HeaderOnly).Dataset;
        }
        catch (Exception ex) when (ex is DicomFormatException or DicomValueException or IOException)
        {
            return null; // not an image this job can use: the maps go on their own grid
        }
    }

    /// <summary>Image Position and Orientation (Patient) of a frame: per-frame functional groups, then shared, then the top level.</summary>
    private static (double[] Position, double[] Orientation)? Plane(DicomDataset ds, int frame)
    {
        var position = Values(ds, DicomTags.PlanePositionSequence, DicomTags.ImagePositionPatient, frame);
        var orientation = Values(ds, DicomTags.PlaneOrientationSequence, DicomTags.ImageOrientationPatient, frame);
        return position is { Length: 3 } && orientation is { Length: 6 } ? (position, orientation) : null;
    }

    private static double[]? Values(DicomDataset ds, DicomTag macro, DicomTag attribute, int frame)
    {
        IEnumerable<DicomDataset?> owners =
        [
            ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence) is { } perFrame && frame < perFrame.Items.Count ? First(perFrame.Items[frame].GetSequence(macro)) : null,
            First(First(ds.GetSequence(DicomTags.SharedFunctionalGroupsSequence))?.GetSequence(macro)),
            ds,
        ];
        return owners.OfType<DicomDataset>().Select(o => o.GetDoubles(attribute)).FirstOrDefault(v => v.Length > 0);
    }

    private static DicomDataset? First(DicomSequence? sequence) => sequence is { Items.Count: > 0 } ? sequence.Items[0] : null;

    private static double[] Normal(double[] o) =>
    [
        o[1] * o[5] - o[2] * o[4],
        o[2] * o[3] - o[0] * o[5],
        o[0] * o[4] - o[1] * o[3],
    ];

    private static double[] Subtract(double[] a, double[] b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];

    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
