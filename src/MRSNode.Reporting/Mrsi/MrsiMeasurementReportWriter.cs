using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Dicom;
using static MRSNode.Reporting.Dicom.SrContentItems;

namespace MRSNode.Reporting.Mrsi;

/// <summary>
/// The MRSI results as a Comprehensive SR in the style of <see cref="MeasurementReportWriter"/> (TID 1500): one
/// measurement group per reported region (tracking identifier = the region's label; the voxel's grid position and
/// centre in patient coordinates as text; each map's value there as a NUM with its CRLB), and one group for the grid
/// with the notes (voxels fitted, reported, rejected and why).
/// </summary>
public static class MrsiMeasurementReportWriter
{
    public const string SeriesDescription = "MRSNode MRSI measurement report";
    public const int SeriesNumber = 905;

    public static readonly CodedConcept VoxelPosition = CodedConcept.Private("MRSI_VOXEL", "MRSI voxel (grid position; centre in patient coordinates, mm)");

    public static DicomDataset Create(MrsiQuantification result, SourceIdentity source, string software, DateTime? now = null, DicomUidGenerator? uids = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(software);
        var ids = OutputUids.For(source, "mrsi-sr", software, uids);
        var time = now ?? DateTime.Now;
        var ds = SrDocumentHeader.Create(source, ids, SeriesNumber, SeriesDescription, software, time);
        SrDocumentHeader.AddMeasurementReport(ds, [.. result.Regions.Select(r => RegionGroup(ds, result, r, ids)), GridGroup(ds, result, ids)]);
        return ds;
    }

    private static DicomDataset RegionGroup(DicomDataset root, MrsiQuantification result, MrsiRegion region, OutputUids ids)
    {
        var g = result.Geometry;
        var (column, row, slice) = g.Position(region.VoxelIndex);
        var centre = g.VoxelCentre(region.VoxelIndex);
        var children = new List<DicomDataset>
        {
            Text(root, "HAS OBS CONTEXT", ReportCodes.TrackingIdentifier, "MRSI " + region.Label),
            Item(root, "HAS OBS CONTEXT", "UIDREF", ReportCodes.TrackingUid).AddOrUpdate(DicomTags.UID, DicomUidGenerator.FromParts([ids.TrackingUid, region.Label])),
            CodeItem(root, "HAS CONCEPT MOD", ReportCodes.FindingSite, ReportCodes.Brain),
            Text(root, "CONTAINS", VoxelPosition, string.Create(CultureInfo.InvariantCulture,
                $"column {column + 1}, row {row + 1}, slice {slice + 1}; x {centre[0]:0.0}, y {centre[1]:0.0}, z {centre[2]:0.0} mm")),
        };
        var fit = result.Voxels[region.VoxelIndex].Fit;
        foreach (var map in result.Maps)
        {
            if (!region.Values.TryGetValue(map.Name, out var value))
            {
                continue;
            }
            var item = Measurement(root, map, value);
            if (fit is not null && MrsiMapNames.Metabolites.Any(m => m.Map == map.Name) && MrsiMapNames.Estimate(fit, map.Name) is { } e && double.IsFinite(e.CrlbPercent))
            {
                item.AddOrUpdate(DicomTags.ContentSequence, [.. item.GetSequence(DicomTags.ContentSequence)?.Items ?? [],
                    Num(root, "HAS PROPERTIES", ReportCodes.Crlb, Math.Round(Math.Min(e.CrlbPercent, 999)), ReportCodes.Percent)]);
            }
            children.Add(item);
        }
        return Container(root, "CONTAINS", ReportCodes.MeasurementGroup, children);
    }

    /// <summary>A map's value as a NUM: ratios to tCr and Cho/NAA carry a "ratio to" modifier unless PS3.16 has the ratio's own code (Cho/Cr).</summary>
    private static DicomDataset Measurement(DicomDataset root, MetaboliteMap map, double value)
    {
        var quantity = MapQuantity.Of(map);
        var item = Num(root, "CONTAINS", quantity.Quantity, value, quantity.Unit);
        return quantity.RatioTo is { } denominator
            ? item.AddOrUpdate(DicomTags.ContentSequence, CodeItem(root, "HAS CONCEPT MOD", ReportCodes.RatioTo, denominator))
            : item;
    }

    private static DicomDataset GridGroup(DicomDataset root, MrsiQuantification result, OutputUids ids) =>
        Container(root, "CONTAINS", ReportCodes.MeasurementGroup,
        [
            Text(root, "HAS OBS CONTEXT", ReportCodes.TrackingIdentifier, "MRSI grid"),
            Item(root, "HAS OBS CONTEXT", "UIDREF", ReportCodes.TrackingUid).AddOrUpdate(DicomTags.UID, DicomUidGenerator.FromParts([ids.TrackingUid, "grid"])),
            CodeItem(root, "HAS CONCEPT MOD", ReportCodes.FindingSite, ReportCodes.Brain),
            .. result.Notes.Select(n => Text(root, "CONTAINS", ReportCodes.Finding, n)),
        ]);
}
