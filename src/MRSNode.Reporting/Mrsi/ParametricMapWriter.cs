using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Dicom;

namespace MRSNode.Reporting.Mrsi;

/// <summary>
/// One map as a DICOM Parametric Map (PS3.3 A.75): the values themselves, 32-bit float, one frame per slice on the MRSI
/// grid's own geometry and Frame of Reference, so a viewer can fuse it with any image of that frame of reference and
/// read the value under the cursor. Blank voxels hold <see cref="Blank"/> (Float Pixel Padding Value). The Real World
/// Value Mapping is the identity with the map's unit.
/// </summary>
public static class ParametricMapWriter
{
    public const string ParametricMapStorage = "1.2.840.10008.5.1.4.1.1.30";
    public const int FirstSeriesNumber = 920;
    public const float Blank = -1;

    public static DicomDataset Create(MrsiQuantification result, MetaboliteMap map, int mapNumber, SourceIdentity source, string software, DateTime? now = null, DicomUidGenerator? uids = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(software);
        var g = result.Geometry;
        var ids = OutputUids.For(source, "mrsi-pmap-" + map.Name, software, uids);
        var time = now ?? DateTime.Now;
        var ds = new DicomDataset();
        OutputModules.AddSopCommon(ds, ParametricMapStorage, ids, time);
        OutputModules.AddPatientAndStudy(ds, source);
        OutputModules.AddSeries(ds, "MR", FirstSeriesNumber + mapNumber, "MRSNode MRSI parametric map " + map.Name, ids, time);
        ds.AddOrUpdate(DicomTags.FrameOfReferenceUID, g.FrameOfReferenceUid ?? DicomUidGenerator.FromParts([ids.SeriesInstanceUid, "frame of reference"]));
        ds.AddOrUpdate(DicomTags.PositionReferenceIndicator, "");
        OutputModules.AddEquipment(ds, software, time);
        ds.AddOrUpdate(DicomTags.DeviceSerialNumber, "1");
        // Parametric Map Image.
        ds.AddOrUpdate(DicomTags.InstanceNumber, "1");
        ds.AddOrUpdate(DicomTags.ContentDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ContentTime, TimeOnly.FromDateTime(time));
        // Value 3 (flavor) VOLUME: the MR flavors have no metabolite map term (dciodvfy checks them); value 4 NONE: no contrast derived.
        ds.AddOrUpdate(DicomTags.ImageType, "DERIVED", "PRIMARY", "VOLUME", "NONE");
        ds.AddOrUpdate(DicomTags.ContentQualification, "RESEARCH"); // new maps, not yet validated as a product output
        ds.AddOrUpdate(DicomTags.ContentLabel, Label(map.Name));
        ds.AddOrUpdate(DicomTags.ContentDescription, map.Description.Length > 64 ? map.Description[..64] : map.Description);
        ds.AddOrUpdate(DicomTags.ContentCreatorName, "");
        ds.AddOrUpdate(DicomTags.BurnedInAnnotation, "NO");
        ds.AddOrUpdate(DicomTags.RecognizableVisualFeatures, "NO");
        ds.AddOrUpdate(DicomTags.LossyImageCompression, "00");
        ds.AddOrUpdate(DicomTags.PresentationLUTShape, "IDENTITY");
        ds.AddOrUpdate(new DicomSequence(DicomTags.AcquisitionContextSequence));
        // Floating Point Image Pixel.
        ds.AddOrUpdate<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 1);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, (ushort)g.Grid.Rows);
        ds.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, (ushort)g.Grid.Columns);
        ds.AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 32);
        ds.AddOrUpdate<float>(DicomTags.FloatPixelPaddingValue, DicomVR.FL, Blank);
        ds.AddOrUpdate<float>(DicomTags.FloatPixelPaddingRangeLimit, DicomVR.FL, Blank);
        var pixels = map.Values.Select(v => double.IsFinite(v) ? (float)v : Blank).ToArray();
        ds.AddOrUpdate<float>(DicomTags.FloatPixelData, DicomVR.OF, pixels);
        // Multi-frame Functional Groups and Dimension: one frame per slice, indexed by its position.
        ds.AddOrUpdate(DicomTags.NumberOfFrames, g.Grid.Slices.ToString(CultureInfo.InvariantCulture));
        var dimensionUid = DicomUidGenerator.FromParts([ids.SeriesInstanceUid, "dimension"]);
        ds.AddOrUpdate(DicomTags.DimensionOrganizationSequence, ds.NewItem().AddOrUpdate(DicomTags.DimensionOrganizationUID, dimensionUid));
        ds.AddOrUpdate(DicomTags.DimensionIndexSequence, ds.NewItem()
            .AddOrUpdate(DicomTags.DimensionOrganizationUID, dimensionUid)
            .AddOrUpdateTags(DicomTags.DimensionIndexPointer, DicomTags.ImagePositionPatient)
            .AddOrUpdateTags(DicomTags.FunctionalGroupPointer, DicomTags.PlanePositionSequence));
        var finite = map.Values.Where(double.IsFinite).ToArray();
        double top = finite.Length > 0 ? finite.Max() : 1;
        ds.AddOrUpdate(DicomTags.SharedFunctionalGroupsSequence, ds.NewItem()
            .AddOrUpdate(DicomTags.PixelMeasuresSequence, ds.NewItem()
                .AddOrUpdateDecimal(DicomTags.PixelSpacing, g.VoxelSpacingMm[1], g.VoxelSpacingMm[0])
                .AddOrUpdateDecimal(DicomTags.SliceThickness, (g.VoxelSizeMm ?? g.VoxelSpacingMm)[2]))
            .AddOrUpdate(DicomTags.PlaneOrientationSequence, ds.NewItem()
                .AddOrUpdateDecimal(DicomTags.ImageOrientationPatient, [.. g.RowDirection, .. g.ColumnDirection]))
            .AddOrUpdate(DicomTags.FrameAnatomySequence, ds.NewItem()
                .AddOrUpdate(DicomTags.AnatomicRegionSequence, SrContentItems.Code(ds, ReportCodes.Brain))
                .AddOrUpdate(DicomTags.FrameLaterality, "U"))
            .AddOrUpdate(DicomTags.ParametricMapFrameTypeSequence, ds.NewItem().AddOrUpdate(DicomTags.FrameType, "DERIVED", "PRIMARY", "VOLUME", "NONE"))
            .AddOrUpdate(DicomTags.PixelValueTransformationSequence, ds.NewItem()
                .AddOrUpdateDecimal(DicomTags.RescaleIntercept, 0)
                .AddOrUpdateDecimal(DicomTags.RescaleSlope, 1)
                .AddOrUpdate(DicomTags.RescaleType, "US"))
            .AddOrUpdate(DicomTags.FrameVOILUTSequence, ds.NewItem()
                .AddOrUpdateDecimal(DicomTags.WindowCenter, top / 2)
                .AddOrUpdateDecimal(DicomTags.WindowWidth, top > 0 ? top : 1))
            .AddOrUpdate(DicomTags.RealWorldValueMappingSequence, ds.NewItem()
                .AddOrUpdate<double>(DicomTags.DoubleFloatRealWorldValueFirstValueMapped, DicomVR.FD, finite.Length > 0 ? finite.Min() : 0)
                .AddOrUpdate<double>(DicomTags.DoubleFloatRealWorldValueLastValueMapped, DicomVR.FD, top)
                .AddOrUpdateDecimal(DicomTags.RealWorldValueIntercept, 0)
                .AddOrUpdateDecimal(DicomTags.RealWorldValueSlope, 1)
                .AddOrUpdate(DicomTags.LUTExplanation, map.Name + " (" + map.Unit + ")")
                .AddOrUpdate(DicomTags.LUTLabel, Label(map.Name))
                .AddOrUpdate(DicomTags.MeasurementUnitsCodeSequence, SrContentItems.Code(ds, map.Unit == "i.u." ? ReportCodes.ArbitraryUnit : ReportCodes.Ratio))));
        ds.AddOrUpdate(DicomTags.PerFrameFunctionalGroupsSequence, [.. Enumerable.Range(0, g.Grid.Slices).Select(s => ds.NewItem()
            .AddOrUpdate(DicomTags.FrameContentSequence, ds.NewItem().AddOrUpdate<uint>(DicomTags.DimensionIndexValues, DicomVR.UL, (uint)(s + 1)))
            .AddOrUpdate(DicomTags.PlanePositionSequence, ds.NewItem().AddOrUpdateDecimal(DicomTags.ImagePositionPatient, g.VoxelCentre(g.Index(0, 0, s)))))]);
        return ds;
    }

    /// <summary>A Content Label (CS: upper case, digits, underscore, 16 characters at most): "CHO/NAA" → "CHO_NAA".</summary>
    private static string Label(string name)
    {
        var label = new string([.. name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        return label.Length > 16 ? label[..16] : label;
    }
}
