using System.Globalization;
using MRSNode.Dicom;
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
        // Burned In Annotation NO: the picture names the map, never the patient.
        var ds = SecondaryCaptureModules.Create(source, ids, FirstSeriesNumber + mapNumber, SeriesPrefix + map.Name, software, time, burnedInAnnotation: false);
        ds.AddOrUpdate(DicomTags.DerivationDescription, string.Create(CultureInfo.InvariantCulture,
            $"MRSI {map.Name} map ({map.Unit}) by MRSNode{(background is null ? ", on its own grid" : ", over the referenced MR image")}"));
        if (background is not null)
        {
            ds.AddOrUpdate(DicomTags.SourceImageSequence, ds.NewItem()
                .AddOrUpdate(DicomTags.ReferencedSOPClassUID, background.SopClassUid)
                .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, background.SopInstanceUid));
        }
        SecondaryCaptureModules.AddSourceInstances(ds, source);
        SecondaryCaptureModules.AddRgbPixels(ds, picture);
        return ds;
    }
}
