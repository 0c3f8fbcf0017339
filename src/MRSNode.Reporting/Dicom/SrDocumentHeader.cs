using MRSNode.Dicom;
using static MRSNode.Reporting.Dicom.SrContentItems;

namespace MRSNode.Reporting.Dicom;

/// <summary>
/// What every MRSNode Comprehensive SR shares, single voxel and MRSI alike: the document's modules (SOP Common with the
/// private scheme declared, Patient and Study copied, SR Document Series, equipment, SR Document General with the
/// source instances as evidence) and the TID 1500 root around the measurement groups (language, MRSNode as the device
/// observer, procedure reported). The writers add only their measurement groups.
/// </summary>
internal static class SrDocumentHeader
{
    public static DicomDataset Create(SourceIdentity source, OutputUids ids, int seriesNumber, string seriesDescription, string software, DateTime time)
    {
        var ds = new DicomDataset();
        OutputModules.AddSopCommon(ds, DicomUids.ComprehensiveSRStorage, ids, time);
        OutputModules.AddPrivateCodingScheme(ds);
        OutputModules.AddPatientAndStudy(ds, source);
        // SR Document Series and General Equipment.
        OutputModules.AddSeries(ds, "SR", seriesNumber, seriesDescription, ids, time);
        ds.AddOrUpdate(new DicomSequence(DicomTags.ReferencedPerformedProcedureStepSequence)); // type 2: present, empty
        OutputModules.AddEquipment(ds, software, time);
        // SR Document General.
        ds.AddOrUpdate(DicomTags.InstanceNumber, "1");
        ds.AddOrUpdate(DicomTags.CompletionFlag, "COMPLETE");
        ds.AddOrUpdate(DicomTags.VerificationFlag, "UNVERIFIED");
        ds.AddOrUpdate(DicomTags.ContentDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ContentTime, TimeOnly.FromDateTime(time));
        ds.AddOrUpdate(new DicomSequence(DicomTags.PerformedProcedureCodeSequence)); // type 2: present, empty
        if (source.SourceInstances.Count > 0)
        {
            ds.AddOrUpdate(DicomTags.CurrentRequestedProcedureEvidenceSequence, Evidence(ds, source));
        }
        return ds;
    }

    /// <summary>SR Document Content: the TID 1500 root container holding <paramref name="groups"/> under Imaging Measurements.</summary>
    public static void AddMeasurementReport(DicomDataset ds, IReadOnlyList<DicomDataset> groups)
    {
        ds.AddOrUpdate(DicomTags.ValueType, "CONTAINER");
        ds.AddOrUpdate(DicomTags.ConceptNameCodeSequence, Code(ds, ReportCodes.ImagingMeasurementReport));
        ds.AddOrUpdate(DicomTags.ContinuityOfContent, "SEPARATE");
        ds.AddOrUpdate(DicomTags.ContentTemplateSequence, ds.NewItem()
            .AddOrUpdate(DicomTags.MappingResource, "DCMR")
            .AddOrUpdate(DicomTags.TemplateIdentifier, "1500"));
        ds.AddOrUpdate(DicomTags.ContentSequence,
        [
            CodeItem(ds, "HAS CONCEPT MOD", ReportCodes.Language, ReportCodes.EnglishUs),
            CodeItem(ds, "HAS OBS CONTEXT", ReportCodes.ObserverType, ReportCodes.Device),
            Item(ds, "HAS OBS CONTEXT", "UIDREF", ReportCodes.DeviceObserverUid).AddOrUpdate(DicomTags.UID, DicomUidGenerator.ImplementationClassUid),
            Text(ds, "HAS OBS CONTEXT", ReportCodes.DeviceObserverName, "MRSNode"),
            Text(ds, "HAS OBS CONTEXT", ReportCodes.DeviceObserverManufacturer, "MRSNode"),
            Text(ds, "HAS OBS CONTEXT", ReportCodes.DeviceObserverModelName, "MRSNode"),
            CodeItem(ds, "HAS CONCEPT MOD", ReportCodes.ProcedureReported, ReportCodes.MriUnspecified),
            Container(ds, "CONTAINS", ReportCodes.ImagingMeasurements, groups),
        ]);
    }

    /// <summary>Current Requested Procedure Evidence: the source instances grouped by their own series.</summary>
    private static DicomDataset[] Evidence(DicomDataset root, SourceIdentity source)
    {
        var series = OutputModules.SourceInstancesBySeries(source)
            .Select(g => root.NewItem()
                .AddOrUpdate(DicomTags.SeriesInstanceUID, g.Key)
                .AddOrUpdate(DicomTags.ReferencedSOPSequence, [.. g.Select(s => root.NewItem()
                    .AddOrUpdate(DicomTags.ReferencedSOPClassUID, s.SopClassUid)
                    .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, s.SopInstanceUid))]))
            .ToArray();
        return [root.NewItem()
            .AddOrUpdate(DicomTags.StudyInstanceUID, source.StudyInstanceUid)
            .AddOrUpdate(DicomTags.ReferencedSeriesSequence, series)];
    }
}
