using MRSNode.Dicom;
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
        var ds = SecondaryCaptureModules.Create(source, ids, SeriesNumber, SeriesDescription, softwareVersion, time, burnedInAnnotation: true);
        ds.AddOrUpdate(DicomTags.DerivationDescription, DerivationDescription);
        SecondaryCaptureModules.AddSourceInstances(ds, source);
        SecondaryCaptureModules.AddRgbPixels(ds, image);
        return ds;
    }
}
