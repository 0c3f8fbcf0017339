using MRSNode.Dicom;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Dicom;

namespace MRSNode.Reporting.Mrsi;

/// <summary>An MRSI job's outputs: the SR, the PDF with its DICOM wrapper, and one Secondary Capture per map (in map order).</summary>
public sealed record MrsiOutputSet(DicomDataset StructuredReport, byte[] Pdf, DicomDataset EncapsulatedPdf, IReadOnlyList<DicomDataset> MapCaptures)
{
    /// <summary>Why the maps are not drawn on the MR image (none given, another frame of reference, unreadable), or null when they are.</summary>
    public string? OverlayNote { get; init; }

    /// <summary>Each map's values as a DICOM Parametric Map on the grid's own geometry (<see cref="ParametricMapWriter"/>), in map order; save in Explicit VR Little Endian.</summary>
    public IReadOnlyList<DicomDataset> ParametricMaps { get; init; } = [];
}

/// <summary>
/// The one entry point for the pipeline: every MRSI output of one quantified grid, in the source's study. The map
/// captures go over <c>mrImage</c> when it shares the grid's Frame of Reference UID and crosses a reported voxel;
/// otherwise on the grid alone, with the reason in the picture and in <see cref="MrsiOutputSet.OverlayNote"/>.
/// Save the captures with <see cref="SecondaryCaptureWriter.TransferSyntax"/> (RLE Lossless).
/// </summary>
public static class MrsiOutputs
{
    public static MrsiOutputSet Create(MrsiQuantification result, SourceIdentity source, DicomDataset? mrImage, string software, DateTime? now = null, DicomUidGenerator? uids = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(software);
        var time = now ?? DateTime.Now;
        // The PDF wrapper derives its UIDs as the single-voxel one does: the key keeps an MRSI result apart from a "not processed" report of the same inputs.
        source = source with { ResultKey = (source.ResultKey ?? "") + "|mrsi" };
        var (background, note) = Background(result, mrImage);
        var captures = result.Maps
            .Select((map, k) => MapCaptureWriter.Create(MapCaptureRenderer.Render(result, map, background, note), map, k, source, background, software, time, uids))
            .ToList();
        var pdf = MrsiPdfWriter.Create(result, source, software, time);
        return new MrsiOutputSet(
            MrsiMeasurementReportWriter.Create(result, source, software, time, uids),
            pdf,
            EncapsulatedPdfWriter.Create(pdf, source, software, time, uids),
            captures)
        {
            OverlayNote = note,
            ParametricMaps = [.. result.Maps.Select((map, k) => ParametricMapWriter.Create(result, map, k, source, software, time, uids))],
        };
    }

    /// <summary>The MR image to draw on, or null and why not.</summary>
    public static (AnatomicalImage? Image, string? Note) Background(MrsiQuantification result, DicomDataset? mrImage)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (mrImage is null)
        {
            return (null, "no MR image of this frame of reference was received");
        }
        if (AnatomicalImage.TryRead(mrImage, result.Geometry, out var unreadable) is not { } image)
        {
            return (null, unreadable);
        }
        if (image.FrameOfReferenceUid is null || result.Geometry.FrameOfReferenceUid is null
            || !string.Equals(image.FrameOfReferenceUid, result.Geometry.FrameOfReferenceUid, StringComparison.Ordinal))
        {
            return (null, "the MR image is not of the same frame of reference");
        }
        return MapCaptureRenderer.Covers(result, image) ? (image, null) : (null, "the MR image does not cross the reported voxels");
    }
}
