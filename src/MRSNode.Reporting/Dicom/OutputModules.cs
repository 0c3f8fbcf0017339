using MRSNode.Dicom;

namespace MRSNode.Reporting.Dicom;

/// <summary>
/// The modules every MRSNode output shares (SR, Encapsulated PDF, Secondary Capture): Patient and General
/// Study copied from the source so the output joins its study, a new series, General Equipment and
/// Contributing Equipment naming MRSNode, and the SOP Common basics. One place, so the three objects agree.
/// </summary>
internal static class OutputModules
{
    public const string Manufacturer = "MRSNode";

    /// <summary>DCM 109102 "Processing Equipment": the purpose of MRSNode's Contributing Equipment item.</summary>
    private static readonly CodedConcept ProcessingEquipment = new("109102", "DCM", "Processing Equipment");

    /// <summary>SOP Common: character set (UTF-8, names are copied as received), class, instance and creation time.</summary>
    public static void AddSopCommon(DicomDataset ds, string sopClassUid, OutputUids uids, DateTime time)
    {
        ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.AddOrUpdate(DicomTags.SOPClassUID, sopClassUid);
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, uids.SopInstanceUid);
        ds.AddOrUpdate(DicomTags.InstanceCreationDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.InstanceCreationTime, TimeOnly.FromDateTime(time));
    }

    /// <summary>
    /// Declares the private codes' scheme (PS3.3 8.2) so a reader knows what 99MRSNODE is; dciodvfy still warns on it,
    /// as it does on every scheme outside PS3.16's list.
    /// </summary>
    public static void AddPrivateCodingScheme(DicomDataset ds) =>
        ds.AddOrUpdate(DicomTags.CodingSchemeIdentificationSequence, ds.NewItem()
            .AddOrUpdate(DicomTags.CodingSchemeDesignator, CodedConcept.PrivateScheme)
            .AddOrUpdate(DicomTags.CodingSchemeName, "MRSNode private codes")
            .AddOrUpdate(DicomTags.CodingSchemeResponsibleOrganization, "MRSNode project (docs/conformance-statement.md)"));

    /// <summary>Patient and General Study, copied (type 2 attributes present even when the source had none).</summary>
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
        if (source.StudyDescription is { Length: > 0 } description)
        {
            ds.AddOrUpdate(DicomTags.StudyDescription, description);
        }
    }

    /// <summary>
    /// A new series for this kind of output (fixed series numbers so a viewer orders them the same every time), dated
    /// when it was made so a worklist shows when the results arrived.
    /// </summary>
    public static void AddSeries(DicomDataset ds, string modality, int seriesNumber, string description, OutputUids uids, DateTime time)
    {
        ds.AddOrUpdate(DicomTags.Modality, modality);
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, uids.SeriesInstanceUid);
        ds.AddOrUpdate(DicomTags.SeriesDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.SeriesTime, TimeOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.SeriesNumber, seriesNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ds.AddOrUpdate(DicomTags.SeriesDescription, description);
    }

    /// <summary>General Equipment naming MRSNode, and the Contributing Equipment item saying it processed the source data.</summary>
    public static void AddEquipment(DicomDataset ds, string software, DateTime time)
    {
        var version = software.Length > 64 ? software[..64] : software;
        ds.AddOrUpdate(DicomTags.Manufacturer, Manufacturer);
        ds.AddOrUpdate(DicomTags.ManufacturerModelName, Manufacturer);
        ds.AddOrUpdate(DicomTags.SoftwareVersions, version);
        ds.AddOrUpdate(DicomTags.ContributingEquipmentSequence, ds.NewItem()
            .AddOrUpdate(DicomTags.PurposeOfReferenceCodeSequence, ds.NewItem()
                .AddOrUpdate(DicomTags.CodeValue, ProcessingEquipment.Value)
                .AddOrUpdate(DicomTags.CodingSchemeDesignator, ProcessingEquipment.Scheme)
                .AddOrUpdate(DicomTags.CodeMeaning, ProcessingEquipment.Meaning))
            .AddOrUpdate(DicomTags.Manufacturer, Manufacturer)
            .AddOrUpdate(DicomTags.ManufacturerModelName, Manufacturer)
            .AddOrUpdate(DicomTags.SoftwareVersions, version)
            .AddOrUpdate(DicomTags.ContributionDateTime, time.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture))
            .AddOrUpdate(DicomTags.ContributionDescription, "MR spectroscopy quantification"));
    }

    /// <summary>
    /// The source instances grouped by their own series (the source series, else one derived from the study: derived,
    /// not random, so a resend repeats the whole object, not only its UIDs).
    /// </summary>
    public static IEnumerable<IGrouping<string, (string SopClassUid, string SopInstanceUid)>> SourceInstancesBySeries(SourceIdentity source)
    {
        var fallbackSeries = source.SourceSeriesInstanceUid ?? DicomUidGenerator.FromParts([source.StudyInstanceUid, "source series"]);
        return source.SourceInstances.GroupBy(s => source.SeriesOf(s.SopInstanceUid) ?? fallbackSeries, StringComparer.Ordinal);
    }

    /// <summary>(SOP class, instance) items of the source objects, for the Referenced/Source sequences.</summary>
    public static DicomDataset[] SourceInstanceItems(DicomDataset root, SourceIdentity source) =>
        source.SourceInstances.Select(s => root.NewItem()
            .AddOrUpdate(DicomTags.ReferencedSOPClassUID, s.SopClassUid)
            .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, s.SopInstanceUid)).ToArray();
}
