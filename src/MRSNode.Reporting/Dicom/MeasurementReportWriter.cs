using MRSNode.Dicom;
using MRSNode.Quantification.Results;
using static MRSNode.Reporting.Dicom.MetaboliteMeasurements;
using static MRSNode.Reporting.Dicom.SrContentItems;

namespace MRSNode.Reporting.Dicom;

/// <summary>
/// The results as a DICOM Comprehensive SR following TID 1500 (Measurement Report): observer context
/// naming MRSNode as the device, one measurement group for the voxel with a NUM per metabolite (ratio
/// to tCr, and the water-scaled value in the unit the scaling gives it) carrying its CRLB, and normality
/// on the item the flag was computed from; the clinical ratios; the QC, preprocessing and scaling; the
/// findings, the verdict and its reasons. PS3.16 codes wherever they exist (<see cref="ReportCodes"/>), the
/// private scheme declared. Placed in the source study as a new series, referencing the source instances;
/// its UIDs derive from the inputs (<see cref="OutputUids"/>), so a resend repeats them.
/// </summary>
public static class MeasurementReportWriter
{
    public const string SeriesDescription = "MRSNode MRS measurement report";

    public static DicomDataset Create(QuantificationReport report, SourceIdentity source, DateTime? now = null, DicomUidGenerator? uids = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(source);
        var ids = OutputUids.For(source, "sr", report.Software, uids);
        var time = now ?? DateTime.Now;
        var ds = new DicomDataset();
        var root = ds;
        OutputModules.AddSopCommon(ds, DicomUids.ComprehensiveSRStorage, ids, time);
        OutputModules.AddPrivateCodingScheme(ds);
        OutputModules.AddPatientAndStudy(ds, source);
        // SR Document Series and General Equipment.
        OutputModules.AddSeries(ds, "SR", 901, SeriesDescription, ids, time);
        ds.AddOrUpdate(new DicomSequence(DicomTags.ReferencedPerformedProcedureStepSequence)); // type 2: present, empty
        OutputModules.AddEquipment(ds, report.Software, time);
        // SR Document General.
        ds.AddOrUpdate(DicomTags.InstanceNumber, "1");
        ds.AddOrUpdate(DicomTags.CompletionFlag, "COMPLETE");
        ds.AddOrUpdate(DicomTags.VerificationFlag, "UNVERIFIED");
        ds.AddOrUpdate(DicomTags.ContentDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ContentTime, TimeOnly.FromDateTime(time));
        ds.AddOrUpdate(new DicomSequence(DicomTags.PerformedProcedureCodeSequence)); // type 2: present, empty
        if (source.SourceInstances.Count > 0)
        {
            ds.AddOrUpdate(DicomTags.CurrentRequestedProcedureEvidenceSequence, Evidence(root, source));
        }
        // SR Document Content: the TID 1500 tree.
        ds.AddOrUpdate(DicomTags.ValueType, "CONTAINER");
        ds.AddOrUpdate(DicomTags.ConceptNameCodeSequence, Code(root, ReportCodes.ImagingMeasurementReport));
        ds.AddOrUpdate(DicomTags.ContinuityOfContent, "SEPARATE");
        ds.AddOrUpdate(DicomTags.ContentTemplateSequence, root.NewItem()
            .AddOrUpdate(DicomTags.MappingResource, "DCMR")
            .AddOrUpdate(DicomTags.TemplateIdentifier, "1500"));
        ds.AddOrUpdate(DicomTags.ContentSequence,
        [
            CodeItem(root, "HAS CONCEPT MOD", ReportCodes.Language, ReportCodes.EnglishUs),
            CodeItem(root, "HAS OBS CONTEXT", ReportCodes.ObserverType, ReportCodes.Device),
            Item(root, "HAS OBS CONTEXT", "UIDREF", ReportCodes.DeviceObserverUid).AddOrUpdate(DicomTags.UID, DicomUidGenerator.ImplementationClassUid),
            Text(root, "HAS OBS CONTEXT", ReportCodes.DeviceObserverName, "MRSNode"),
            Text(root, "HAS OBS CONTEXT", ReportCodes.DeviceObserverManufacturer, "MRSNode"),
            Text(root, "HAS OBS CONTEXT", ReportCodes.DeviceObserverModelName, "MRSNode"),
            CodeItem(root, "HAS CONCEPT MOD", ReportCodes.ProcedureReported, ReportCodes.MriUnspecified),
            Container(root, "CONTAINS", ReportCodes.ImagingMeasurements, [MeasurementGroup(root, report, ids)]),
        ]);
        return ds;
    }

    private static DicomDataset MeasurementGroup(DicomDataset root, QuantificationReport report, OutputUids ids)
    {
        var children = new List<DicomDataset>
        {
            // Only a quantified study is known to be single voxel: a refused one may be MRSI, edited or multi-echo.
            Text(root, "HAS OBS CONTEXT", ReportCodes.TrackingIdentifier, report.Metabolites.Count > 0 ? "MRS single voxel" : "MRS not quantified"),
            Item(root, "HAS OBS CONTEXT", "UIDREF", ReportCodes.TrackingUid).AddOrUpdate(DicomTags.UID, ids.TrackingUid),
            CodeItem(root, "HAS CONCEPT MOD", ReportCodes.FindingSite, ReportCodes.Brain),
        };
        var concentrationUnit = ReportCodes.ConcentrationUnitOf(report.Scaling);
        var ratiosShown = new HashSet<(string, string)>();
        foreach (var m in report.Metabolites)
        {
            children.AddRange(Measurements(root, m, concentrationUnit));
            if (m.RatioToTCr is not null)
            {
                ratiosShown.Add((m.Name.ToUpperInvariant(), TotalCreatine.ToUpperInvariant()));
            }
        }
        foreach (var r in report.Ratios ?? [])
        {
            if (r.Value is { } value && double.IsFinite(value) && ratiosShown.Add((r.Numerator.ToUpperInvariant(), r.Denominator.ToUpperInvariant())))
            {
                children.Add(RatioMeasurement(root, r, value));
            }
        }
        children.AddRange(QualityAndMethodItems.Quality(root, report.Qc));
        children.AddRange(QualityAndMethodItems.Method(root, report));
        foreach (var finding in report.Findings ?? [])
        {
            children.Add(Text(root, "CONTAINS", ReportCodes.Finding, finding));
        }
        children.Add(Text(root, "CONTAINS", ReportCodes.Verdict, report.Verdict.Text()));
        foreach (var reason in report.Reasons)
        {
            children.Add(Text(root, "CONTAINS", ReportCodes.Reason, reason));
        }
        return Container(root, "CONTAINS", ReportCodes.MeasurementGroup, children);
    }

    /// <summary>Current Requested Procedure Evidence: the source instances grouped by their own series.</summary>
    private static DicomDataset[] Evidence(DicomDataset root, SourceIdentity source)
    {
        // Derived, not random, so a resend repeats the whole object, not only its UIDs.
        var fallbackSeries = source.SourceSeriesInstanceUid ?? DicomUidGenerator.FromParts([source.StudyInstanceUid, "source series"]);
        var series = source.SourceInstances
            .GroupBy(s => source.SeriesOf(s.SopInstanceUid) ?? fallbackSeries, StringComparer.Ordinal)
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
