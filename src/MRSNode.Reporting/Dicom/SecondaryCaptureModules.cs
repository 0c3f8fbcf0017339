using MRSNode.Dicom;
using MRSNode.Dicom.Imaging;
using MRSNode.Reporting.Rendering.Raster;

namespace MRSNode.Reporting.Dicom;

/// <summary>
/// What every MRSNode Secondary Capture shares, the report page's and the MRSI maps' (PS3.3 A.8.1): the object's
/// modules in the source study (a new "OT" series of the brain, made by MRSNode as a workstation, General and SC Image)
/// and the 8-bit RGB pixels, RLE Lossless. The writers add what they were derived from.
/// </summary>
internal static class SecondaryCaptureModules
{
    /// <summary>SOP Common, Patient, Study, General Series, equipment, SC Equipment, General Image and SC Image.</summary>
    /// <param name="burnedInAnnotation">Whether the picture shows the patient's identity (Burned In Annotation YES).</param>
    public static DicomDataset Create(SourceIdentity source, OutputUids ids, int seriesNumber, string seriesDescription, string software, DateTime time, bool burnedInAnnotation)
    {
        var ds = new DicomDataset();
        OutputModules.AddSopCommon(ds, DicomUids.SecondaryCaptureImageStorage, ids, time);
        OutputModules.AddPatientAndStudy(ds, source);
        // General Series. Brain, as the SR's finding site: an unpaired body part, so Laterality (2C) is rightly absent.
        OutputModules.AddSeries(ds, "OT", seriesNumber, seriesDescription, ids, time);
        ds.AddOrUpdate(DicomTags.BodyPartExamined, "BRAIN");
        // General Equipment and Contributing Equipment (SOP Common); SC Equipment: a workstation made it (WSD).
        OutputModules.AddEquipment(ds, software, time);
        ds.AddOrUpdate(DicomTags.ConversionType, "WSD");
        ds.AddOrUpdate(DicomTags.SecondaryCaptureDeviceManufacturer, OutputModules.Manufacturer);
        ds.AddOrUpdate(DicomTags.SecondaryCaptureDeviceManufacturerModelName, OutputModules.Manufacturer);
        ds.AddOrUpdate(DicomTags.SecondaryCaptureDeviceSoftwareVersions, software.Length > 64 ? software[..64] : software);
        // General Image and SC Image.
        ds.AddOrUpdate(DicomTags.InstanceNumber, "1");
        ds.AddOrUpdate(DicomTags.PatientOrientation, DicomVR.CS, []); // type 2C: an SC has no patient orientation to give
        ds.AddOrUpdate(DicomTags.ContentDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ContentTime, TimeOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ImageType, "DERIVED", "SECONDARY");
        ds.AddOrUpdate(DicomTags.BurnedInAnnotation, burnedInAnnotation ? "YES" : "NO");
        ds.AddOrUpdate(DicomTags.LossyImageCompression, "00");
        ds.AddOrUpdate(DicomTags.DateOfSecondaryCapture, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.TimeOfSecondaryCapture, TimeOnly.FromDateTime(time));
        return ds;
    }

    /// <summary>General Reference: the spectroscopy is not an image, so Source Instance rather than Source Image Sequence.</summary>
    public static void AddSourceInstances(DicomDataset ds, SourceIdentity source)
    {
        if (source.SourceInstances.Count > 0)
        {
            ds.AddOrUpdate(DicomTags.SourceInstanceSequence, OutputModules.SourceInstanceItems(ds, source));
        }
    }

    /// <summary>Image Pixel: 8-bit RGB from the canvas, RLE-encoded (one segment per colour; planar configuration 0 as the other compressed syntaxes).</summary>
    public static void AddRgbPixels(DicomDataset ds, RasterCanvas image)
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
