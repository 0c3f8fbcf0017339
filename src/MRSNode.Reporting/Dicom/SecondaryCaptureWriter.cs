using MRSNode.Dicom;
using MRSNode.Dicom.Imaging;
using MRSNode.Reporting.Rendering.Raster;

namespace MRSNode.Reporting.Dicom;

/// <summary>
/// The rendered summary page as a Secondary Capture Image (PS3.3 A.8.1): 8-bit RGB, placed in the
/// source study as a new series ("OT"), made by MRSNode as a workstation (conversion type WSD),
/// referencing the source instances it was derived from. The patient's identity is drawn into the
/// image, so Burned In Annotation is YES. The pixels are RLE Lossless (save with <see cref="TransferSyntax"/>):
/// a report page is mostly flat colour, so it shrinks about 30-fold and every PACS decodes it.
/// </summary>
public static class SecondaryCaptureWriter
{
    public const string SeriesDescription = "MRSNode MRS summary capture";
    public const int SeriesNumber = 902;
    public const string DerivationDescription = "MRS results summary rendered by MRSNode from the source spectroscopy";

    /// <summary>The transfer syntax the capture must be written in: its Pixel Data is encapsulated RLE.</summary>
    public static DicomTransferSyntax TransferSyntax => DicomTransferSyntax.RleLossless;

    public static DicomDataset Create(RasterCanvas image, SourceIdentity source, string softwareVersion, DateTime? now = null, DicomUidGenerator? uids = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(softwareVersion);
        var ids = OutputUids.For(source, "sc", softwareVersion, uids);
        var time = now ?? DateTime.Now;
        var ds = new DicomDataset();
        OutputModules.AddSopCommon(ds, DicomUids.SecondaryCaptureImageStorage, ids, time);
        OutputModules.AddPatientAndStudy(ds, source);
        // General Series. Brain, as the SR's finding site: an unpaired body part, so Laterality (2C) is rightly absent.
        OutputModules.AddSeries(ds, "OT", SeriesNumber, SeriesDescription, ids, time);
        ds.AddOrUpdate(DicomTags.BodyPartExamined, "BRAIN");
        // General Equipment and Contributing Equipment (SOP Common); SC Equipment: a workstation made it (WSD).
        OutputModules.AddEquipment(ds, softwareVersion, time);
        ds.AddOrUpdate(DicomTags.ConversionType, "WSD");
        ds.AddOrUpdate(DicomTags.SecondaryCaptureDeviceManufacturer, OutputModules.Manufacturer);
        ds.AddOrUpdate(DicomTags.SecondaryCaptureDeviceManufacturerModelName, OutputModules.Manufacturer);
        ds.AddOrUpdate(DicomTags.SecondaryCaptureDeviceSoftwareVersions, softwareVersion.Length > 64 ? softwareVersion[..64] : softwareVersion);
        // General Image and SC Image.
        ds.AddOrUpdate(DicomTags.InstanceNumber, "1");
        ds.AddOrUpdate(DicomTags.PatientOrientation, DicomVR.CS, []); // type 2C: an SC has no patient orientation to give
        ds.AddOrUpdate(DicomTags.ContentDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ContentTime, TimeOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ImageType, "DERIVED", "SECONDARY");
        ds.AddOrUpdate(DicomTags.BurnedInAnnotation, "YES");
        ds.AddOrUpdate(DicomTags.LossyImageCompression, "00");
        ds.AddOrUpdate(DicomTags.DateOfSecondaryCapture, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.TimeOfSecondaryCapture, TimeOnly.FromDateTime(time));
        // General Reference: the source is spectroscopy, not an image, so Source Instance rather than Source Image Sequence.
        ds.AddOrUpdate(DicomTags.DerivationDescription, DerivationDescription);
        if (source.SourceInstances.Count > 0)
        {
            ds.AddOrUpdate(DicomTags.SourceInstanceSequence, OutputModules.SourceInstanceItems(ds, source));
        }
        AddPixels(ds, image);
        return ds;
    }

    /// <summary>Image Pixel: 8-bit RGB from the canvas, RLE-encoded (one segment per colour; planar configuration 0 as the other compressed syntaxes).</summary>
    private static void AddPixels(DicomDataset ds, RasterCanvas image)
    {
        ds.AddOrUpdate<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 3);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "RGB");
        ds.AddOrUpdate<ushort>(DicomTags.PlanarConfiguration, DicomVR.US, 0);
        ds.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, (ushort)image.PixelHeight);
        ds.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, (ushort)image.PixelWidth);
        ds.AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 8);
        ds.AddOrUpdate<ushort>(DicomTags.BitsStored, DicomVR.US, 8);
        ds.AddOrUpdate<ushort>(DicomTags.HighBit, DicomVR.US, 7);
        ds.AddOrUpdate<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0);
        ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OB, image.Pixels.ToArray()));
        RlePixelData.Encode(ds);
    }
}
