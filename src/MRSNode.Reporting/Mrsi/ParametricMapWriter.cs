using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Dicom;

namespace MRSNode.Reporting.Mrsi;

/// <summary>
/// One map as a DICOM Parametric Map (PS3.3 A.75): the values themselves, 32-bit float, one frame per slice on the MRSI
/// grid's own geometry and Frame of Reference, so a viewer can fuse it with any image of that frame of reference and
/// read the value under the cursor. A voxel the map does not report (NaN: not fitted, rejected, CRLB too high, lactate
/// under lipid) holds <see cref="Blank"/>: declared as Float Pixel Padding Value, outside the Real World Value Mapping's
/// range (which covers the reported values only; every map is non-negative) and named in its LUT Explanation. NaN
/// itself is valid in OF (PS3.5 §8) but viewers' window and statistics tools do not skip it; a padding value they do.
/// The mapping is the identity, with the map's UCUM unit and its quantity (<see cref="MapQuantity"/>) in the Quantity
/// Definition Sequence.
/// </summary>
public static class ParametricMapWriter
{
    public const int FirstSeriesNumber = 920;
    public const float Blank = -1;

    /// <summary>SCT 246205007 "Quantity": the concept name of the Quantity Definition item (TID 1420).</summary>
    private static readonly CodedConcept QuantityConcept = new("246205007", "SCT", "Quantity");

    /// <summary>CID 7203 Image Derivation: how the map was made.</summary>
    private static readonly CodedConcept MetaboliteMapsFromSpectroscopy = new("113050", "DCM", "Metabolite Maps from spectroscopy data");

    /// <summary>CID 7202 Source Image Purposes of Reference: the spectroscopy is what was processed.</summary>
    private static readonly CodedConcept SourceForProcessing = new("121322", "DCM", "Source image for image processing operation");

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
        OutputModules.AddSopCommon(ds, DicomUids.ParametricMapStorage, ids, time);
        OutputModules.AddPrivateCodingScheme(ds); // the "ratio to" modifier of Cho/NAA and the ratios to tCr
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
            // LINEAR_EXACT: the window is exactly [0, top] and may be narrower than 1 (a ratio map's range; LINEAR forbids that).
            .AddOrUpdate(DicomTags.FrameVOILUTSequence, ds.NewItem()
                .AddOrUpdateDecimal(DicomTags.WindowCenter, top > 0 ? top / 2 : 0.5)
                .AddOrUpdateDecimal(DicomTags.WindowWidth, top > 0 ? top : 1)
                .AddOrUpdate(DicomTags.VOILUTFunction, "LINEAR_EXACT"))
            .AddOrUpdate(DicomTags.RealWorldValueMappingSequence, RealWorldValueMapping(ds, map, finite.Length > 0 ? finite.Min() : 0, top)));
        ds.AddOrUpdate(DicomTags.PerFrameFunctionalGroupsSequence, [.. Enumerable.Range(0, g.Grid.Slices).Select(s => ds.NewItem()
            .AddOrUpdate(DicomTags.FrameContentSequence, ds.NewItem().AddOrUpdate<uint>(DicomTags.DimensionIndexValues, DicomVR.UL, (uint)(s + 1)))
            .AddOrUpdate(DicomTags.PlanePositionSequence, ds.NewItem().AddOrUpdateDecimal(DicomTags.ImagePositionPatient, g.VoxelCentre(g.Index(0, 0, s)))))]);
        AddDerivation(ds, map, source);
        return ds;
    }

    /// <summary>
    /// Where the values came from: Derivation Image (shared; DCM 113050 "Metabolite Maps from spectroscopy data", the
    /// source spectroscopy as the processing's source) and Common Instance Reference (those instances by series).
    /// </summary>
    private static void AddDerivation(DicomDataset ds, MetaboliteMap map, SourceIdentity source)
    {
        if (source.SourceInstances.Count == 0)
        {
            return;
        }
        var shared = ds.GetSequence(DicomTags.SharedFunctionalGroupsSequence)!.Items[0];
        shared.AddOrUpdate(DicomTags.DerivationImageSequence, ds.NewItem()
            .AddOrUpdate(DicomTags.DerivationDescription, $"MRSI {map.Name} map by MRSNode: LCM fit of each voxel's spectrum")
            .AddOrUpdate(DicomTags.DerivationCodeSequence, SrContentItems.Code(ds, MetaboliteMapsFromSpectroscopy))
            .AddOrUpdate(DicomTags.SourceImageSequence, [.. source.SourceInstances.Select(s => ds.NewItem()
                .AddOrUpdate(DicomTags.ReferencedSOPClassUID, s.SopClassUid)
                .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, s.SopInstanceUid)
                .AddOrUpdate(DicomTags.PurposeOfReferenceCodeSequence, SrContentItems.Code(ds, SourceForProcessing)))]));
        ds.AddOrUpdate(DicomTags.ReferencedSeriesSequence, [.. OutputModules.SourceInstancesBySeries(source).Select(series => ds.NewItem()
            .AddOrUpdate(DicomTags.SeriesInstanceUID, series.Key)
            .AddOrUpdate(DicomTags.ReferencedInstanceSequence, [.. series.Select(s => ds.NewItem()
                .AddOrUpdate(DicomTags.ReferencedSOPClassUID, s.SopClassUid)
                .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, s.SopInstanceUid))]))]);
    }

    /// <summary>
    /// The identity mapping over the reported values [<paramref name="first"/>, <paramref name="last"/>] (so <see cref="Blank"/>
    /// is outside it), in the map's UCUM unit, with what the values are: the quantity, and for a ratio without a code of
    /// its own the denominator ("ratio to", as in the SR).
    /// </summary>
    private static DicomDataset RealWorldValueMapping(DicomDataset root, MetaboliteMap map, double first, double last)
    {
        var quantity = MapQuantity.Of(map);
        var definition = new List<DicomDataset> { QuantityItem(root, QuantityConcept, quantity.Quantity) };
        if (quantity.RatioTo is { } denominator)
        {
            definition.Add(QuantityItem(root, ReportCodes.RatioTo, denominator));
        }
        var explanation = string.Create(CultureInfo.InvariantCulture, $"{map.Name} ({map.Unit}); {Blank} = not reported");
        return root.NewItem()
            .AddOrUpdate<double>(DicomTags.DoubleFloatRealWorldValueFirstValueMapped, DicomVR.FD, first)
            .AddOrUpdate<double>(DicomTags.DoubleFloatRealWorldValueLastValueMapped, DicomVR.FD, last)
            .AddOrUpdate<double>(DicomTags.RealWorldValueIntercept, DicomVR.FD, 0)
            .AddOrUpdate<double>(DicomTags.RealWorldValueSlope, DicomVR.FD, 1)
            .AddOrUpdate(DicomTags.LUTExplanation, explanation.Length > 64 ? explanation[..64] : explanation)
            .AddOrUpdate(DicomTags.LUTLabel, Label(map.Name))
            .AddOrUpdate(DicomTags.MeasurementUnitsCodeSequence, SrContentItems.Code(root, quantity.Unit))
            .AddOrUpdate(DicomTags.QuantityDefinitionSequence, [.. definition]);
    }

    /// <summary>A CODE content item without a relationship type: an item of the Quantity Definition Sequence (TID 1420).</summary>
    private static DicomDataset QuantityItem(DicomDataset root, CodedConcept name, CodedConcept value) => root.NewItem()
        .AddOrUpdate(DicomTags.ValueType, "CODE")
        .AddOrUpdate(DicomTags.ConceptNameCodeSequence, SrContentItems.Code(root, name))
        .AddOrUpdate(DicomTags.ConceptCodeSequence, SrContentItems.Code(root, value));

    /// <summary>A Content Label (CS: upper case, digits, underscore, 16 characters at most): "CHO/NAA" → "CHO_NAA".</summary>
    private static string Label(string name)
    {
        var label = new string([.. name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        return label.Length > 16 ? label[..16] : label;
    }
}
