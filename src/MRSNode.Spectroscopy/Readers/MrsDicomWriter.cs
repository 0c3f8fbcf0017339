using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Writes an <see cref="MrsAcquisition"/> as MR Spectroscopy Storage (PS3.3 A.36.3): Patient, General
/// Study, General Series, MR Series, Frame of Reference, General and Enhanced General Equipment,
/// Multi-frame Functional Groups (shared: Pixel Measures, Frame Anatomy, MR Spectroscopy Frame Type,
/// MR Echo, MR Timing, MR Averages, MR Spectroscopy FOV/Geometry; per frame: Frame Content with
/// Dimension Index Values, Plane Position and Plane Orientation), Multi-frame Dimension, Acquisition
/// Context, MR Spectroscopy, MR Spectroscopy Pulse Sequence, MR Spectroscopy Data and SOP Common.
/// <para>
/// Image Type is ORIGINAL\PRIMARY\SPECTROSCOPY\NONE: the samples are the scanner's, re-encoded
/// (format conversion, the Philips water split and the regrouping of single averages change no value).
/// ORIGINAL frames must carry acquisition facts the model does not hold (acquisition time, flip angle,
/// SAR, IEC operating mode, coils): pass them as <see cref="MrsAcquisitionDetails"/> (from the source
/// object); they are never invented, and without them those attributes are left out. Structural facts
/// of localised spectroscopy are written as such (single echo: echo train lengths 1/1/0, rectilinear
/// single-shot k-space, no echo planar, multi-planar or steady-state excitation; no inversion, flow
/// compensation, T2 preparation, presaturation, partial Fourier or parallel acquisition), the
/// water suppression from the role (metabolite: WATER; water reference: NONE).
/// The data are written in the DICOM convention, the conjugate of MRSNode's, so
/// <see cref="DicomMrsReader"/> reads back the same FIDs. A single voxel with several averages is
/// written one average per frame; a grid as Rows × Columns per frame, one slice per frame.
/// Coils must be combined first (DICOM MRS has no coil dimension).
/// </para>
/// </summary>
public static class MrsDicomWriter
{
    /// <summary>Writes the acquisition to <paramref name="path"/> (Explicit VR Little Endian).</summary>
    public static void Write(MrsAcquisition acquisition, string path, MrsDicomIdentity? identity = null, MrsAcquisitionDetails? details = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        new DicomFile(CreateDataset(acquisition, identity, details), DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
    }

    /// <summary>The MR Spectroscopy Storage data set of an acquisition.</summary>
    public static DicomDataset CreateDataset(MrsAcquisition acquisition, MrsDicomIdentity? identity = null, MrsAcquisitionDetails? details = null, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        identity ??= new MrsDicomIdentity();
        details ??= new MrsAcquisitionDetails();
        if (acquisition.Coils != 1)
        {
            throw new ArgumentException($"DICOM MR spectroscopy has no coil dimension: combine the {acquisition.Coils} coils first.", nameof(acquisition));
        }
        var loc = acquisition.Localization;
        if (loc.Orientation is not { Length: 6 } orientation || loc.VoxelSizeMm is not { Length: 3 } size || loc.PositionMm is not { Length: 3 } centre)
        {
            // Plane Position, Plane Orientation and Pixel Measures are type 1: an invented geometry would place the voxel wrongly.
            throw new ArgumentException("MR Spectroscopy Storage needs the voxel's position, size and orientation; the acquisition's localisation lacks "
                + string.Join(", ", new[] { loc.PositionMm is { Length: 3 } ? null : "position", loc.VoxelSizeMm is { Length: 3 } ? null : "size", loc.Orientation is { Length: 6 } ? null : "orientation" }.OfType<string>())
                + ".", nameof(acquisition));
        }
        var grid = loc.Grid;
        bool imaging = acquisition.Voxels > 1;
        var geometry = imaging ? loc.Geometry : null;
        if (geometry is not null)
        {
            // The grid's own geometry wins: per-frame positions, spacing and the excited box come from it.
            orientation = [.. geometry.RowDirection, .. geometry.ColumnDirection];
            size = [geometry.VoxelSpacingMm[0], geometry.VoxelSpacingMm[1], geometry.VoxelSizeMm?[2] ?? geometry.VoxelSpacingMm[2]];
        }
        if (imaging && (grid.VoxelCount != acquisition.Voxels || acquisition.Averages != 1))
        {
            throw new ArgumentException($"A {acquisition.Voxels}-voxel acquisition needs a matching grid ({grid}) and a single average per voxel.", nameof(acquisition));
        }
        int rows = imaging ? grid.Rows : 1, columns = imaging ? grid.Columns : 1;
        int frames = imaging ? grid.Slices : acquisition.Averages;
        var time = now ?? DateTime.Now;
        var uids = DicomUidGenerator.Default;
        var p = acquisition.Provenance;

        var ds = new DicomDataset();
        MrsDicomIdentityModules.AddSopCommon(ds, DicomUids.MRSpectroscopyStorage, identity, time, uids);
        ds.AddOrUpdate(DicomTags.ContributingEquipmentSequence, ContributingEquipment(time));
        MrsDicomIdentityModules.AddPatientAndStudy(ds, identity, time, uids);

        // General Series + MR Series
        MrsDicomIdentityModules.AddMrSeries(ds, identity, uids);
        ds.AddOrUpdate(DicomTags.SeriesDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.SeriesTime, TimeOnly.FromDateTime(time));
        SetIfPresent(ds, DicomTags.SeriesDescription, p.SeriesDescription);
        SetIfPresent(ds, DicomTags.ProtocolName, p.ProtocolName);
        ds.AddOrUpdate(DicomTags.PatientPosition, details.PatientPosition ?? "");

        // Frame of Reference: the source's own when it has one, so a re-encoded series keeps its spatial relation to the others.
        ds.AddOrUpdate(DicomTags.FrameOfReferenceUID, identity.FrameOfReferenceUid ?? geometry?.FrameOfReferenceUid ?? p.FrameOfReferenceUid ?? uids.Generate());
        ds.AddOrUpdate(DicomTags.PositionReferenceIndicator, "");

        // General + Enhanced General Equipment: the scanner that acquired the data.
        ds.AddOrUpdate(DicomTags.Manufacturer, Limit(p.Manufacturer ?? "UNKNOWN", 64));
        ds.AddOrUpdate(DicomTags.ManufacturerModelName, Limit(p.Model ?? "UNKNOWN", 64));
        ds.AddOrUpdate(DicomTags.DeviceSerialNumber, Limit(details.DeviceSerialNumber ?? "UNKNOWN", 64));
        ds.AddOrUpdate(DicomTags.SoftwareVersions, SoftwareVersions(p.SoftwareVersion));

        // Multi-frame Functional Groups + Multi-frame Dimension
        ds.AddOrUpdateInteger(DicomTags.InstanceNumber, identity.InstanceNumber);
        ds.AddOrUpdate(DicomTags.ContentDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ContentTime, TimeOnly.FromDateTime(time));
        ds.AddOrUpdateInteger(DicomTags.NumberOfFrames, frames);
        ds.AddOrUpdate(DicomTags.SharedFunctionalGroupsSequence, SharedGroups(acquisition, details, size, imaging));
        double? frameDurationMs = details.AcquisitionDurationSeconds * 1000.0 / frames;
        ds.AddOrUpdate(DicomTags.PerFrameFunctionalGroupsSequence,
            Enumerable.Range(0, frames).Select(f => FrameGroups(f, imaging, orientation,
                geometry is not null ? geometry.VoxelCentre(geometry.Index(0, 0, f)) : FramePosition(f, imaging, grid, orientation, size, centre),
                details.AcquisitionDateTime?.AddMilliseconds(f * (frameDurationMs ?? 0)), frameDurationMs)).ToArray());
        var organization = identity.DimensionOrganizationUid ?? uids.Generate();
        ds.AddOrUpdate(DicomTags.DimensionOrganizationSequence, new DicomDataset().AddOrUpdate(DicomTags.DimensionOrganizationUID, organization));
        ds.AddOrUpdate(DicomTags.DimensionIndexSequence,
            Dimension(organization, DicomTags.InStackPositionNumber, "In-Stack Position"),
            Dimension(organization, DicomTags.TemporalPositionIndex, "Temporal Position"));

        // Acquisition Context
        ds.AddOrUpdate(new DicomSequence(DicomTags.AcquisitionContextSequence));

        // MR Spectroscopy (with the MR Image and Spectroscopy Instance macro)
        ds.AddOrUpdate(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "SPECTROSCOPY", "NONE");
        AddDescription(ds);
        if (details.AcquisitionDateTime is { } start)
        {
            ds.AddOrUpdate(DicomTags.AcquisitionDateTime, DicomVR.DT, DateTimeString(start));
        }
        if (details.AcquisitionDurationSeconds is { } duration)
        {
            ds.AddOrUpdate(DicomTags.AcquisitionDuration, DicomVR.FD, duration);
        }
        ds.AddOrUpdate(DicomTags.KSpaceFiltering, "NONE");
        if (details.SafetyStandardAgency is { } agency)
        {
            ds.AddOrUpdate(DicomTags.ApplicableSafetyStandardAgency, agency);
        }
        ds.AddOrUpdate(DicomTags.ContentQualification, CodeString(details.ContentQualification ?? "PRODUCT"));
        ds.AddOrUpdate(DicomTags.ResonantNucleus, Nuclei.Normalize(acquisition.Nucleus));
        ds.AddOrUpdateDecimal(DicomTags.MagneticFieldStrength, Math.Round(acquisition.FieldStrengthTesla, 2));
        ds.AddOrUpdate(DicomTags.TransmitterFrequency, DicomVR.FD, acquisition.TransmitterFrequencyMHz);
        ds.AddOrUpdate(DicomTags.SpectralWidth, DicomVR.FD, acquisition.SpectralWidthHz);
        ds.AddOrUpdate(DicomTags.ChemicalShiftReference, DicomVR.FD, acquisition.ReferencePpm);
        var technique = Technique(loc.Technique);
        ds.AddOrUpdate(DicomTags.VolumeLocalizationTechnique, technique);
        if (technique != "NONE")
        {
            ds.AddOrUpdate(DicomTags.VolumeLocalizationSequence, geometry?.Volume is { } box
                ? Slabs([.. box.RowDirection, .. box.ColumnDirection], box.SizeMm, box.CentreMm, false, grid)
                : Slabs(orientation, size, geometry is not null ? GridCentre(geometry) : centre, imaging, grid));
        }
        ds.AddOrUpdate(DicomTags.Decoupling, "NO");
        ds.AddOrUpdate(DicomTags.TimeDomainFiltering, "NONE");
        ds.AddOrUpdate<ushort>(DicomTags.NumberOfZeroFills, DicomVR.US, 0);
        ds.AddOrUpdate(DicomTags.BaselineCorrection, "NONE");
        ds.AddOrUpdate(DicomTags.FrequencyCorrection, "NO");
        ds.AddOrUpdate(DicomTags.FirstOrderPhaseCorrection, "NO");
        ds.AddOrUpdate(DicomTags.WaterReferencedPhaseCorrection, "NO");
        if (acquisition.Role == AcquisitionRole.WaterReference)
        {
            ds.AddOrUpdate(DicomTags.WaterReferenceAcquisition, "WATER_REFERENCE");
        }

        // MR Spectroscopy Pulse Sequence
        ds.AddOrUpdate(DicomTags.PulseSequenceName, Limit(p.SequenceName ?? "UNKNOWN", 16));
        var acquisitionType = !imaging ? "SINGLE_VOXEL" : grid.Slices > 1 ? "VOLUME" : grid.Rows > 1 && grid.Columns > 1 ? "PLANE" : "ROW";
        ds.AddOrUpdate(DicomTags.MRSpectroscopyAcquisitionType, acquisitionType);
        bool echo = technique != "NONE";
        ds.AddOrUpdate(DicomTags.EchoPulseSequence, echo ? "SPIN" : "GRADIENT");
        if (echo)
        {
            ds.AddOrUpdate(DicomTags.MultipleSpinEcho, "NO");
        }
        ds.AddOrUpdate(DicomTags.MultiPlanarExcitation, "NO");
        ds.AddOrUpdate(DicomTags.SteadyStatePulseSequence, "NONE");
        ds.AddOrUpdate(DicomTags.EchoPlanarPulseSequence, "NO");
        ds.AddOrUpdate(DicomTags.SpectrallySelectedSuppression, acquisition.Role == AcquisitionRole.Metabolite || acquisition.Role == AcquisitionRole.MetaboliteNulled ? "WATER" : "NONE");
        ds.AddOrUpdate(DicomTags.GeometryOfKSpaceTraversal, "RECTILINEAR");
        ds.AddOrUpdate(DicomTags.RectilinearPhaseEncodeReordering, "LINEAR");
        ds.AddOrUpdate(DicomTags.SegmentedKSpaceTraversal, "SINGLE");
        if (acquisitionType == "VOLUME")
        {
            ds.AddOrUpdate(DicomTags.CoverageOfKSpace, "FULL");
        }
        ds.AddOrUpdate<ushort>(DicomTags.NumberOfKSpaceTrajectories, DicomVR.US, (ushort)Math.Clamp(acquisition.AcquiredAverages ?? acquisition.Averages, 1, ushort.MaxValue));

        // MR Spectroscopy Data
        ds.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, (ushort)rows);
        ds.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, (ushort)columns);
        ds.AddOrUpdate<uint>(DicomTags.DataPointRows, DicomVR.UL, 1);
        ds.AddOrUpdate<uint>(DicomTags.DataPointColumns, DicomVR.UL, (uint)acquisition.Points);
        ds.AddOrUpdate(DicomTags.DataRepresentation, "COMPLEX");
        ds.AddOrUpdate(DicomTags.SignalDomainColumns, "TIME");
        // Frame-major, then rows, then columns: the model's voxel order for a grid, its average order for a single voxel.
        ds.AddOrUpdate(DicomTags.SpectroscopyData, DicomVR.OF, DicomMrsConvention.Encode(acquisition.Data));
        return ds;
    }

    private static DicomDataset SharedGroups(MrsAcquisition a, MrsAcquisitionDetails details, double[] size, bool imaging)
    {
        var groups = new DicomDataset();
        groups.AddOrUpdate(DicomTags.PixelMeasuresSequence, new DicomDataset()
            .AddOrUpdateDecimal(DicomTags.PixelSpacing, size[1], size[0])
            .AddOrUpdateDecimal(DicomTags.SliceThickness, size[2]));
        groups.AddOrUpdate(DicomTags.FrameAnatomySequence, new DicomDataset()
            .AddOrUpdate(DicomTags.AnatomicRegionSequence, Code("12738006", "SCT", "Brain"))
            .AddOrUpdate(DicomTags.FrameLaterality, "U"));
        groups.AddOrUpdate(DicomTags.MRSpectroscopyFrameTypeSequence,
            AddDescription(new DicomDataset().AddOrUpdate(DicomTags.FrameType, "ORIGINAL", "PRIMARY", "SPECTROSCOPY", "NONE")));
        if (a.EchoTimeMs is { } te)
        {
            groups.AddOrUpdate(DicomTags.MREchoSequence, new DicomDataset().AddOrUpdate(DicomTags.EffectiveEchoTime, DicomVR.FD, te));
        }
        groups.AddOrUpdate(DicomTags.MRTimingAndRelatedParametersSequence, Timing(a, details));
        groups.AddOrUpdate(DicomTags.MRModifierSequence, new DicomDataset()
            .AddOrUpdate(DicomTags.InversionRecovery, a.Role == AcquisitionRole.MetaboliteNulled ? "YES" : "NO")
            .AddOrUpdate(DicomTags.FlowCompensation, "NONE")
            .AddOrUpdate(DicomTags.T2Preparation, "NO")
            .AddOrUpdate(DicomTags.SpectrallySelectedExcitation, "NONE")
            .AddOrUpdate(DicomTags.SpatialPresaturation, "NONE")
            .AddOrUpdate(DicomTags.PartialFourier, "NO")
            .AddOrUpdate(DicomTags.ParallelAcquisition, "NO"));
        groups.AddOrUpdate(DicomTags.MRReceiveCoilSequence, ReceiveCoil(details));
        groups.AddOrUpdate(DicomTags.MRTransmitCoilSequence, new DicomDataset()
            .AddOrUpdate(DicomTags.TransmitCoilName, Limit(details.TransmitCoilName ?? "UNKNOWN", 16))
            .AddOrUpdate(DicomTags.TransmitCoilManufacturerName, "")
            .AddOrUpdate(DicomTags.TransmitCoilType, CodeString(details.TransmitCoilType ?? "UNKNOWN")));
        groups.AddOrUpdate(DicomTags.MRAveragesSequence, new DicomDataset().AddOrUpdateDecimal(DicomTags.NumberOfAverages, a.AcquiredAverages ?? a.Averages));
        var grid = a.Localization.Grid;
        groups.AddOrUpdate(DicomTags.MRSpectroscopyFOVGeometrySequence, new DicomDataset()
            .AddOrUpdate<uint>(DicomTags.SpectroscopyAcquisitionDataColumns, DicomVR.UL, (uint)a.Points)
            .AddOrUpdate<uint>(DicomTags.SpectroscopyAcquisitionPhaseRows, DicomVR.UL, (uint)(imaging ? grid.Rows : 1))
            .AddOrUpdate<uint>(DicomTags.SpectroscopyAcquisitionPhaseColumns, DicomVR.UL, (uint)(imaging ? grid.Columns : 1))
            .AddOrUpdate<uint>(DicomTags.SpectroscopyAcquisitionOutOfPlanePhaseSteps, DicomVR.UL, (uint)(imaging ? grid.Slices : 1))
            .AddOrUpdateDecimal(DicomTags.PercentSampling, 100)
            .AddOrUpdateDecimal(DicomTags.PercentPhaseFieldOfView, 100));
        return groups;
    }

    /// <summary>MR Receive Coil; a multi-coil without known elements is written with its type unknown rather than invented elements.</summary>
    private static DicomDataset ReceiveCoil(MrsAcquisitionDetails details)
    {
        var type = CodeString(details.ReceiveCoilType ?? "UNKNOWN");
        if (type == "MULTICOIL" && details.ReceiveCoilElements.Count == 0)
        {
            type = "UNKNOWN";
        }
        var coil = new DicomDataset()
            .AddOrUpdate(DicomTags.ReceiveCoilName, Limit(details.ReceiveCoilName ?? "UNKNOWN", 16))
            .AddOrUpdate(DicomTags.ReceiveCoilManufacturerName, "")
            .AddOrUpdate(DicomTags.ReceiveCoilType, type)
            .AddOrUpdate(DicomTags.QuadratureReceiveCoil, "NO");
        if (type == "MULTICOIL")
        {
            coil.AddOrUpdate(DicomTags.MultiCoilDefinitionSequence, [.. details.ReceiveCoilElements.Select(e => new DicomDataset()
                .AddOrUpdate(DicomTags.MultiCoilElementName, Limit(e, 16))
                .AddOrUpdate(DicomTags.MultiCoilElementUsed, "YES"))]);
        }
        return coil;
    }

    /// <summary>MR Timing and Related Parameters: TR, flip angle, echo train lengths, SAR and operating modes (the last two only when known).</summary>
    private static DicomDataset Timing(MrsAcquisition a, MrsAcquisitionDetails details)
    {
        var timing = new DicomDataset();
        if (a.RepetitionTimeMs is { } tr)
        {
            timing.AddOrUpdateDecimal(DicomTags.RepetitionTime, tr);
        }
        if (details.FlipAngleDegrees is { } flip)
        {
            timing.AddOrUpdateDecimal(DicomTags.FlipAngle, flip);
        }
        timing.AddOrUpdateInteger(DicomTags.EchoTrainLength, details.EchoTrainLength ?? 1);
        timing.AddOrUpdate<ushort>(DicomTags.RFEchoTrainLength, DicomVR.US, (ushort)Math.Clamp(details.RFEchoTrainLength ?? 1, 0, ushort.MaxValue));
        timing.AddOrUpdate<ushort>(DicomTags.GradientEchoTrainLength, DicomVR.US, (ushort)Math.Clamp(details.GradientEchoTrainLength ?? 0, 0, ushort.MaxValue));
        if (details.SpecificAbsorptionRates.Count > 0)
        {
            timing.AddOrUpdate(DicomTags.SpecificAbsorptionRateSequence, [.. details.SpecificAbsorptionRates.Select(r => new DicomDataset()
                .AddOrUpdate(DicomTags.SpecificAbsorptionRateDefinition, CodeString(r.Definition))
                .AddOrUpdate(DicomTags.SpecificAbsorptionRateValue, DicomVR.FD, r.Value))]);
        }
        if (details.OperatingModes.Count > 0)
        {
            timing.AddOrUpdate(DicomTags.OperatingModeSequence, [.. details.OperatingModes.Select(m => new DicomDataset()
                .AddOrUpdate(DicomTags.OperatingModeType, CodeString(m.Type))
                .AddOrUpdate(DicomTags.OperatingMode, CodeString(m.Mode)))]);
        }
        return timing;
    }

    private static DicomDataset FrameGroups(int frame, bool imaging, double[] orientation, double[] position, DateTime? acquired, double? durationMs)
    {
        int stackPosition = imaging ? frame + 1 : 1, temporal = imaging ? 1 : frame + 1;
        var groups = new DicomDataset();
        var content = new DicomDataset();
        if (acquired is { } t)
        {
            content.AddOrUpdate(DicomTags.FrameAcquisitionDateTime, DicomVR.DT, DateTimeString(t));
            content.AddOrUpdate(DicomTags.FrameReferenceDateTime, DicomVR.DT, DateTimeString(t));
        }
        if (durationMs is { } d)
        {
            content.AddOrUpdate(DicomTags.FrameAcquisitionDuration, DicomVR.FD, d);
        }
        groups.AddOrUpdate(DicomTags.FrameContentSequence, content
            .AddOrUpdate<ushort>(DicomTags.FrameAcquisitionNumber, DicomVR.US, (ushort)Math.Min(frame + 1, ushort.MaxValue))
            .AddOrUpdate(DicomTags.StackID, "1")
            .AddOrUpdate<uint>(DicomTags.InStackPositionNumber, DicomVR.UL, (uint)stackPosition)
            .AddOrUpdate<uint>(DicomTags.TemporalPositionIndex, DicomVR.UL, (uint)temporal)
            .AddOrUpdate<uint>(DicomTags.DimensionIndexValues, DicomVR.UL, (uint)stackPosition, (uint)temporal));
        groups.AddOrUpdate(DicomTags.PlanePositionSequence, new DicomDataset().AddOrUpdateDecimal(DicomTags.ImagePositionPatient, position));
        groups.AddOrUpdate(DicomTags.PlaneOrientationSequence, new DicomDataset().AddOrUpdateDecimal(DicomTags.ImageOrientationPatient, orientation));
        return groups;
    }

    /// <summary>The centre of the frame's first (top left) voxel: the VOI centre for a single voxel.</summary>
    private static double[] FramePosition(int frame, bool imaging, MrsiGrid grid, double[] orientation, double[] size, double[] centre)
    {
        if (!imaging)
        {
            return centre;
        }
        var (row, col, normal) = Axes(orientation);
        double u = -(grid.Columns - 1) / 2.0 * size[0];
        double v = -(grid.Rows - 1) / 2.0 * size[1];
        double w = (frame - (grid.Slices - 1) / 2.0) * size[2];
        return [.. Enumerable.Range(0, 3).Select(i => centre[i] + u * row[i] + v * col[i] + w * normal[i])];
    }

    /// <summary>The centre of the whole grid (the mean of its first and last voxel centres).</summary>
    private static double[] GridCentre(Mrsi.MrsiGeometry geometry)
    {
        double[] first = geometry.VoxelCentre(0), last = geometry.VoxelCentre(geometry.Grid.VoxelCount - 1);
        return [(first[0] + last[0]) / 2, (first[1] + last[1]) / 2, (first[2] + last[2]) / 2];
    }

    /// <summary>One slab per direction: normals along the row direction, the column direction and the slice normal.</summary>
    private static DicomDataset[] Slabs(double[] orientation, double[] size, double[] centre, bool imaging, MrsiGrid grid)
    {
        var (row, col, normal) = Axes(orientation);
        double[] extent = imaging ? [size[0] * grid.Columns, size[1] * grid.Rows, size[2] * grid.Slices] : size;
        return [.. new[] { row, col, normal }.Select((axis, i) => new DicomDataset()
            .AddOrUpdate(DicomTags.SlabThickness, DicomVR.FD, extent[i])
            .AddOrUpdate(DicomTags.SlabOrientation, DicomVR.FD, axis)
            .AddOrUpdate(DicomTags.MidSlabPosition, DicomVR.FD, centre))];
    }

    private static (double[] Row, double[] Col, double[] Normal) Axes(double[] orientation)
    {
        double[] row = Unit(orientation[..3]), col = Unit(orientation[3..6]);
        double[] normal = Unit([row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2], row[0] * col[1] - row[1] * col[0]]);
        return (row, col, normal);
    }

    private static double[] Unit(double[] v)
    {
        double n = Math.Sqrt(v.Sum(x => x * x));
        return n > 0 ? [.. v.Select(x => x / n)] : v;
    }

    private static DicomDataset Dimension(string organization, DicomTag pointer, string label) => new DicomDataset()
        .AddOrUpdate(DicomTags.DimensionOrganizationUID, organization)
        .AddOrUpdateTags(DicomTags.DimensionIndexPointer, pointer)
        .AddOrUpdateTags(DicomTags.FunctionalGroupPointer, DicomTags.FrameContentSequence)
        .AddOrUpdate(DicomTags.DimensionDescriptionLabel, label);

    private static DicomDataset ContributingEquipment(DateTime time) => new DicomDataset()
        .AddOrUpdate(DicomTags.PurposeOfReferenceCodeSequence, Code("109103", "DCM", "Modifying Equipment"))
        .AddOrUpdate(DicomTags.Manufacturer, "MRSNode")
        .AddOrUpdate(DicomTags.ManufacturerModelName, "MRSNode")
        .AddOrUpdate(DicomTags.SoftwareVersions, typeof(MrsDicomWriter).Assembly.GetName().Version?.ToString(3) ?? "0")
        .AddOrUpdate(DicomTags.ContributionDateTime, DicomVR.DT, time.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture))
        .AddOrUpdate(DicomTags.ContributionDescription, "Spectroscopy data re-encoded by MRSNode");

    /// <summary>The MR Spectroscopy Description macro (image level and in the frame type item).</summary>
    private static DicomDataset AddDescription(DicomDataset target) => target
        .AddOrUpdate(DicomTags.VolumetricProperties, "VOLUME")
        .AddOrUpdate(DicomTags.VolumeBasedCalculationTechnique, "NONE")
        .AddOrUpdate(DicomTags.ComplexImageComponent, "COMPLEX")
        .AddOrUpdate(DicomTags.AcquisitionContrast, "UNKNOWN");

    private static string DateTimeString(DateTime t) => t.ToString("yyyyMMddHHmmss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>A source value as a valid CS (upper case, A–Z 0–9 space underscore, at most 16 characters).</summary>
    private static string CodeString(string value) =>
        Limit(new string([.. value.Trim().ToUpperInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) || ch == ' ' ? ch : '_')]), 16);

    private static DicomDataset Code(string value, string scheme, string meaning) => new DicomDataset()
        .AddOrUpdate(DicomTags.CodeValue, value)
        .AddOrUpdate(DicomTags.CodingSchemeDesignator, scheme)
        .AddOrUpdate(DicomTags.CodeMeaning, meaning);

    /// <summary>A defined term for (0018,9054): the known ones as they are, others upper-cased code strings.</summary>
    private static string Technique(string? technique)
    {
        if (string.IsNullOrWhiteSpace(technique))
        {
            return "NONE";
        }
        var cs = new string([.. technique.ToUpperInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) || ch == ' ' ? ch : '_')]);
        return Limit(cs, 16);
    }

    private static string[] SoftwareVersions(string? versions) =>
        versions is { Length: > 0 } v ? [.. v.Split('\\').Select(s => Limit(s, 64))] : ["UNKNOWN"];

    private static void SetIfPresent(DicomDataset ds, DicomTag tag, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            ds.AddOrUpdate(tag, Limit(value, 64));
        }
    }

    private static string Limit(string value, int length) => value.Length <= length ? value : value[..length];
}
