using MRSNode.Dicom;
using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// The <see cref="MrsiGeometry"/> of an MR Spectroscopy grid: Plane Orientation and Plane Position (Patient) of the
/// first frame (the centre of its top-left voxel, as for images), Pixel Spacing (row spacing\column spacing), the slice
/// step from the first two frames' positions along the normal (else Spacing Between Slices, else Slice Thickness;
/// signed, so frames stored foot-to-head or head-to-foot both place right), the excited box from three orthogonal
/// slabs of the Volume Localization Sequence, and the Frame of Reference UID.
/// </summary>
internal static class DicomMrsiGeometry
{
    /// <summary>Null when the header lacks the orientation, the first frame's position or the pixel spacing.</summary>
    public static MrsiGeometry? Read(DicomDataset ds, MrsiGrid grid, IReadOnlyList<(double Thickness, double[] Normal, double[] Position)> slabs)
    {
        var orientation = FunctionalGroups.Numbers(ds, DicomTags.PlaneOrientationSequence, DicomTags.ImageOrientationPatient, 0);
        var first = FunctionalGroups.Numbers(ds, DicomTags.PlanePositionSequence, DicomTags.ImagePositionPatient, 0);
        var spacing = FunctionalGroups.Numbers(ds, DicomTags.PixelMeasuresSequence, DicomTags.PixelSpacing, 0);
        if (orientation.Length != 6 || first.Length != 3 || spacing.Length != 2 || !orientation.All(double.IsFinite) || !(spacing[0] > 0 && spacing[1] > 0))
        {
            return null;
        }
        double[] row = Unit(orientation[..3]), column = Unit(orientation[3..6]);
        var normal = Cross(row, column);
        double? thickness = FunctionalGroups.Number(ds, DicomTags.PixelMeasuresSequence, DicomTags.SliceThickness, 0);
        double step = thickness ?? spacing[0];
        if (grid.Slices > 1 && FunctionalGroups.Numbers(ds, DicomTags.PlanePositionSequence, DicomTags.ImagePositionPatient, 1) is { Length: 3 } second
            && Dot([second[0] - first[0], second[1] - first[1], second[2] - first[2]], normal) is var d && Math.Abs(d) > 1e-6)
        {
            step = d;
        }
        else if (FunctionalGroups.Number(ds, DicomTags.PixelMeasuresSequence, DicomTags.SpacingBetweenSlices, 0) is { } between && between > 0)
        {
            step = between;
        }
        return new MrsiGeometry(grid, first, row, column, [spacing[1], spacing[0], step])
        {
            VoxelSizeMm = thickness is { } t && Math.Abs(t - Math.Abs(step)) > 1e-6 ? [spacing[1], spacing[0], t] : null,
            Volume = Box(slabs),
            FrameOfReferenceUid = ds.GetString(DicomTags.FrameOfReferenceUID)?.Trim('\0', ' ') is { Length: > 0 } uid ? uid : null,
        };
    }

    /// <summary>Three mutually orthogonal slabs make a box: its centre is Σ (n̂ᵢ·pᵢ) n̂ᵢ; anything else, no box.</summary>
    private static VolumeOfInterest? Box(IReadOnlyList<(double Thickness, double[] Normal, double[] Position)> slabs)
    {
        if (slabs.Count != 3 || slabs.Any(s => !(s.Thickness > 0) || Norm(s.Normal) < 1e-9))
        {
            return null;
        }
        var normals = slabs.Select(s => Unit(s.Normal)).ToArray();
        for (int i = 0; i < 3; i++)
        {
            if (Math.Abs(Dot(normals[i], normals[(i + 1) % 3])) > 1e-3)
            {
                return null;
            }
        }
        var centre = new double[3];
        for (int i = 0; i < 3; i++)
        {
            double along = Dot(normals[i], slabs[i].Position);
            for (int k = 0; k < 3; k++)
            {
                centre[k] += along * normals[i][k];
            }
        }
        return new VolumeOfInterest(centre, [slabs[0].Thickness, slabs[1].Thickness, slabs[2].Thickness], normals[0], normals[1]);
    }

    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static double[] Unit(double[] a)
    {
        double n = Norm(a);
        return n > 0 ? [a[0] / n, a[1] / n, a[2] / n] : a;
    }

    private static double[] Cross(double[] a, double[] b) =>
        [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
