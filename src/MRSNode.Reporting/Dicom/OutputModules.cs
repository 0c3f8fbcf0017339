using MRSNode.Dicom;

namespace MRSNode.Reporting.Dicom;

/// <summary>
/// The modules every MRSNode output object writes the same way (SR, Secondary Capture, and the
/// Encapsulated PDF to come): SOP Common identity, Patient and General Study copied from the source
/// so the output joins its study, a new series, MRSNode as the equipment, and references to the
/// source instances.
/// </summary>
internal static class OutputModules
{
    public const string Manufacturer = "MRSNode";

    /// <summary>(109102, DCM, "Processing Equipment"), CID 7005: MRSNode derived this object from the source data.</summary>
    public static readonly CodedConcept ProcessingEquipment = new("109102", "DCM", "Processing Equipment");

    /// <summary>SOP Common: UTF-8, the SOP class, a new instance UID, and the creation date and time.</summary>
    public static void AddSopCommon(DicomDataset ds, string sopClassUid, DicomUidGenerator uids, DateTime time)
    {
        ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.AddOrUpdate(DicomTags.SOPClassUID, sopClassUid);
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, uids.Generate());
        ds.AddOrUpdate(DicomTags.InstanceCreationDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.InstanceCreationTime, TimeOnly.FromDateTime(time));
    }

    /// <summary>Patient and General Study, copied (type 2 attributes present even when unknown).</summary>
    public static void AddPatientAndStudy(DicomDataset ds, SourceIdentity source)
    {
        ds.AddOrUpdate(DicomTags.PatientName, source.PatientName ?? "");
        ds.AddOrUpdate(DicomTags.PatientID, source.PatientId ?? "");
        ds.AddOrUpdate(DicomTags.PatientBirthDate, source.PatientBirthDate ?? "");
        ds.AddOrUpdate(DicomTags.PatientSex, source.PatientSex ?? "");
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, source.StudyInstanceUid);
        ds.AddOrUpdate(DicomTags.StudyDate, source.StudyDate ?? "");
        ds.AddOrUpdate(DicomTags.StudyTime, source.StudyTime ?? "");
        ds.AddOrUpdate(DicomTags.ReferringPhysicianName, source.ReferringPhysicianName ?? "");
        ds.AddOrUpdate(DicomTags.StudyID, source.StudyId ?? "");
        ds.AddOrUpdate(DicomTags.AccessionNumber, source.AccessionNumber ?? "");
    }

    /// <summary>The series part every output shares: modality, a new Series Instance UID, number and description.</summary>
    public static void AddNewSeries(DicomDataset ds, string modality, int seriesNumber, string description, DicomUidGenerator uids)
    {
        ds.AddOrUpdate(DicomTags.Modality, modality);
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, uids.Generate());
        ds.AddOrUpdateInteger(DicomTags.SeriesNumber, seriesNumber);
        ds.AddOrUpdate(DicomTags.SeriesDescription, description);
    }

    /// <summary>General Equipment: MRSNode made this object.</summary>
    public static void AddGeneralEquipment(DicomDataset ds, string softwareVersion)
    {
        ds.AddOrUpdate(DicomTags.Manufacturer, Manufacturer);
        ds.AddOrUpdate(DicomTags.ManufacturerModelName, Manufacturer);
        ds.AddOrUpdate(DicomTags.SoftwareVersions, Lo(softwareVersion));
    }

    /// <summary>A Contributing Equipment item naming MRSNode as the processing equipment and when it contributed (no Device UID: dciodvfy's IOD tables do not have it in this item).</summary>
    public static DicomDataset ContributingEquipment(DicomDataset root, string softwareVersion, DateTime time, string description) => root.NewItem()
        .AddOrUpdate(DicomTags.PurposeOfReferenceCodeSequence, Code(root, ProcessingEquipment))
        .AddOrUpdate(DicomTags.Manufacturer, Manufacturer)
        .AddOrUpdate(DicomTags.ManufacturerModelName, Manufacturer)
        .AddOrUpdate(DicomTags.SoftwareVersions, Lo(softwareVersion))
        .AddOrUpdate(DicomTags.ContributionDateTime, DicomVR.DT, time.ToString("yyyyMMddHHmmss.ffffff", System.Globalization.CultureInfo.InvariantCulture))
        .AddOrUpdate(DicomTags.ContributionDescription, description);

    /// <summary>The source instances as a hierarchical Study → Series → SOP reference (SR evidence sequences).</summary>
    public static DicomDataset[] HierarchicalReference(DicomDataset root, SourceIdentity source)
    {
        var series = root.NewItem()
            .AddOrUpdate(DicomTags.SeriesInstanceUID, source.SourceSeriesInstanceUid ?? DicomUidGenerator.Default.Generate())
            .AddOrUpdate(DicomTags.ReferencedSOPSequence, SopReferences(root, source));
        return [root.NewItem()
            .AddOrUpdate(DicomTags.StudyInstanceUID, source.StudyInstanceUid)
            .AddOrUpdate(DicomTags.ReferencedSeriesSequence, series)];
    }

    /// <summary>The source instances as SOP Instance Reference macro items (Source Instance Sequence and the like).</summary>
    public static DicomDataset[] SopReferences(DicomDataset root, SourceIdentity source) => source.SourceInstances
        .Select(s => root.NewItem()
            .AddOrUpdate(DicomTags.ReferencedSOPClassUID, s.SopClassUid)
            .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, s.SopInstanceUid))
        .ToArray();

    public static DicomDataset Code(DicomDataset root, CodedConcept c) => root.NewItem()
        .AddOrUpdate(DicomTags.CodeValue, c.Value)
        .AddOrUpdate(DicomTags.CodingSchemeDesignator, c.Scheme)
        .AddOrUpdate(DicomTags.CodeMeaning, c.Meaning);

    /// <summary>A value cut to LO's 64 characters.</summary>
    private static string Lo(string value) => value.Length > 64 ? value[..64] : value;
}
