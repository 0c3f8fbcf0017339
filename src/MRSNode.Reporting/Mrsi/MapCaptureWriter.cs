using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Dicom.Imaging;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Rendering.Raster;

namespace MRSNode.Reporting.Mrsi;

/// <summary>
/// One MRSI map picture as a Secondary Capture Image in the source study: its own series named after the map (series
/// numbers 910 + the map's place, so a viewer lists them in the same order every time), RGB, RLE Lossless as the
/// report capture. When drawn on an MR image it references that image in Source Image Sequence (the map's spatial
/// context); the spectroscopy it came from in Source Instance Sequence.
/// </summary>
public static class MapCaptureWriter
{
    public const int FirstSeriesNumber = 910;
    public const string SeriesPrefix = "MRSNode MRSI map ";

    public static DicomDataset Create(RasterCanvas picture, MetaboliteMap map, int mapNumber, SourceIdentity source, AnatomicalImage? background, string software, DateTime? now = null, DicomUidGenerator? uids = null)
    {
        ArgumentNullException.ThrowIfNull(picture);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(software);
        var ids = OutputUids.For(source, "mrsi-map-" + map.Name, software, uids);
        var time = now ?? DateTime.Now;
        var ds = new DicomDataset();
        OutputModules.AddSopCommon(ds, DicomUids.SecondaryCaptureImageStorage, ids, time);
        OutputModules.AddPatientAndStudy(ds, source);
        OutputModules.AddSeries(ds, "OT", FirstSeriesNumber + mapNumber, SeriesPrefix + map.Name, ids, time);
        ds.AddOrUpdate(DicomTags.BodyPartExamined, "BRAIN");
        OutputModules.AddEquipment(ds, software, time);
        ds.AddOrUpdate(DicomTags.ConversionType, "WSD");
        ds.AddOrUpdate(DicomTags.SecondaryCaptureDeviceManufacturer, OutputModules.Manufacturer);
        ds.AddOrUpdate(DicomTags.SecondaryCaptureDeviceManufacturerModelName, OutputModules.Manufacturer);
        ds.AddOrUpdate(DicomTags.SecondaryCaptureDeviceSoftwareVersions, software.Length > 64 ? software[..64] : software);
        ds.AddOrUpdate(DicomTags.InstanceNumber, "1");
        ds.AddOrUpdate(DicomTags.PatientOrientation, DicomVR.CS, []);
        ds.AddOrUpdate(DicomTags.ContentDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ContentTime, TimeOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ImageType, "DERIVED", "SECONDARY");
        ds.AddOrUpdate(DicomTags.BurnedInAnnotation, "NO"); // the picture names the map, never the patient
        ds.AddOrUpdate(DicomTags.LossyImageCompression, "00");
        ds.AddOrUpdate(DicomTags.DateOfSecondaryCapture, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.TimeOfSecondaryCapture, TimeOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.DerivationDescription, string.Create(CultureInfo.InvariantCulture,
            $"MRSI {map.Name} map ({map.Unit}) by MRSNode{(background is null ? ", on its own grid" : ", over the referenced MR image")}"));
        if (background is not null)
        {
            ds.AddOrUpdate(DicomTags.SourceImageSequence, ds.NewItem()
                .AddOrUpdate(DicomTags.ReferencedSOPClassUID, background.SopClassUid)
                .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, background.SopInstanceUid));
        }
        if (source.SourceInstances.Count > 0)
        {
            ds.AddOrUpdate(DicomTags.SourceInstanceSequence, OutputModules.SourceInstanceItems(ds, source));
        }
        ds.AddOrUpdate<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 3);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "RGB");
        ds.AddOrUpdate<ushort>(DicomTags.PlanarConfiguration, DicomVR.US, 0);
        ds.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, (ushort)picture.PixelHeight);
        ds.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, (ushort)picture.PixelWidth);
        ds.AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 8);
        ds.AddOrUpdate<ushort>(DicomTags.BitsStored, DicomVR.US, 8);
        ds.AddOrUpdate<ushort>(DicomTags.HighBit, DicomVR.US, 7);
        ds.AddOrUpdate<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0);
        ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OB, picture.Pixels.ToArray()));
        RlePixelData.Encode(ds);
        return ds;
    }
}
