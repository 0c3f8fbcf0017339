using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Spectroscopy.Simulation;

/// <summary>
/// Where an MR image lies: Rows × Columns pixels, the centre of the top-left pixel (Image Position (Patient)), the
/// row and column direction cosines (Image Orientation (Patient)), Pixel Spacing (between rows, between columns) and
/// the slice thickness, all in patient coordinates (LPS, mm).
/// </summary>
public sealed record MrImagePlane(int Rows, int Columns, double[] FirstPixelCentreMm, double[] Orientation, double[] PixelSpacingMm, double SliceThicknessMm);

/// <summary>
/// Writes a synthetic single-frame MR Image Storage object (PS3.3 A.4: Patient, General Study, General Series,
/// Frame of Reference, General Equipment, General Image, Image Plane, Image Pixel, MR Image, SOP Common) — 16-bit
/// unsigned MONOCHROME2 — so an MRSI phantom comes with an image of the same study and frame of reference for the
/// overlays. Image Type DERIVED\SECONDARY: the pixels are drawn, not acquired; the MR acquisition attributes of type 2
/// are written empty rather than invented.
/// </summary>
public static class MrImageWriter
{
    public static void Write(ushort[] pixels, MrImagePlane plane, string path, MrsDicomIdentity identity, string seriesDescription, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        new DicomFile(CreateDataset(pixels, plane, identity, seriesDescription, now), DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
    }

    public static DicomDataset CreateDataset(ushort[] pixels, MrImagePlane plane, MrsDicomIdentity identity, string seriesDescription, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(identity);
        if (pixels.Length != plane.Rows * plane.Columns || plane.Orientation is not { Length: 6 } || plane.FirstPixelCentreMm is not { Length: 3 } || plane.PixelSpacingMm is not { Length: 2 })
        {
            throw new ArgumentException($"{pixels.Length} pixels for a {plane.Rows}×{plane.Columns} plane, or an incomplete plane geometry.", nameof(pixels));
        }
        var time = now ?? DateTime.Now;
        var uids = DicomUidGenerator.Default;
        var ds = new DicomDataset();
        MrsDicomIdentityModules.AddSopCommon(ds, DicomUids.MRImageStorage, identity, time, uids);
        MrsDicomIdentityModules.AddPatientAndStudy(ds, identity, time, uids);
        MrsDicomIdentityModules.AddMrSeries(ds, identity, uids);
        ds.AddOrUpdate(DicomTags.SeriesDescription, seriesDescription.Length <= 64 ? seriesDescription : seriesDescription[..64]);
        ds.AddOrUpdate(DicomTags.PatientPosition, "HFS");
        ds.AddOrUpdate(DicomTags.BodyPartExamined, "HEAD");

        ds.AddOrUpdate(DicomTags.FrameOfReferenceUID, identity.FrameOfReferenceUid ?? uids.Generate());
        ds.AddOrUpdate(DicomTags.PositionReferenceIndicator, "");

        ds.AddOrUpdate(DicomTags.Manufacturer, "MRSNode");
        ds.AddOrUpdate(DicomTags.ManufacturerModelName, "MrsiPhantom");
        ds.AddOrUpdate(DicomTags.SoftwareVersions, typeof(MrImageWriter).Assembly.GetName().Version?.ToString(3) ?? "0");

        // General Image, Image Plane
        ds.AddOrUpdateInteger(DicomTags.InstanceNumber, identity.InstanceNumber);
        ds.AddOrUpdate(DicomTags.ContentDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ContentTime, TimeOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ImageType, "DERIVED", "SECONDARY", "OTHER");
        ds.AddOrUpdate(DicomTags.DerivationDescription, "Synthetic T1-like image drawn by MRSNode's MRSI phantom");
        ds.AddOrUpdate(DicomTags.BurnedInAnnotation, "NO");
        ds.AddOrUpdateDecimal(DicomTags.PixelSpacing, plane.PixelSpacingMm);
        ds.AddOrUpdateDecimal(DicomTags.ImageOrientationPatient, plane.Orientation);
        ds.AddOrUpdateDecimal(DicomTags.ImagePositionPatient, plane.FirstPixelCentreMm);
        ds.AddOrUpdateDecimal(DicomTags.SliceThickness, plane.SliceThicknessMm);
        ds.AddOrUpdateDecimal(DicomTags.SliceLocation, plane.FirstPixelCentreMm[2]);

        // MR Image (type 2 acquisition attributes empty: nothing was acquired)
        ds.AddOrUpdate(DicomTags.ScanningSequence, "RM");
        ds.AddOrUpdate(DicomTags.SequenceVariant, "NONE");
        ds.AddOrUpdate(DicomTags.ScanOptions, "");
        ds.AddOrUpdate(DicomTags.MRAcquisitionType, "2D");
        ds.AddOrUpdate(DicomTags.RepetitionTime, DicomVR.DS, "");
        ds.AddOrUpdate(DicomTags.EchoTime, DicomVR.DS, "");
        ds.AddOrUpdate(DicomTags.EchoTrainLength, DicomVR.IS, "");

        // Image Pixel
        ds.AddOrUpdate<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 1);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, (ushort)plane.Rows);
        ds.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, (ushort)plane.Columns);
        ds.AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 16);
        ds.AddOrUpdate<ushort>(DicomTags.BitsStored, DicomVR.US, 12);
        ds.AddOrUpdate<ushort>(DicomTags.HighBit, DicomVR.US, 11);
        ds.AddOrUpdate<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0);
        ds.AddOrUpdateDecimal(DicomTags.WindowCenter, 2048);
        ds.AddOrUpdateDecimal(DicomTags.WindowWidth, 4096);
        ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, pixels.Select(p => (ushort)Math.Min((int)p, 4095)).ToArray());
        return ds;
    }
}
