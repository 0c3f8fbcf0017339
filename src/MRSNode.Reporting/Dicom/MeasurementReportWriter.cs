using MRSNode.Dicom;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Dicom;

/// <summary>
/// The results as a DICOM Comprehensive SR following TID 1500 (Measurement Report): observer context
/// naming MRSNode as the device, one measurement group for the voxel with a NUM per metabolite (ratio
/// to tCr, and mM when water-scaled) carrying its CRLB and normality, then the QC values and the
/// verdict with its reasons. Placed in the source study as a new series, referencing the source instances.
/// </summary>
public static class MeasurementReportWriter
{
    public const string SeriesDescription = "MRSNode MRS measurement report";

    public static DicomDataset Create(QuantificationReport report, SourceIdentity source, DateTime? now = null, DicomUidGenerator? uids = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(source);
        uids ??= DicomUidGenerator.Default;
        var time = now ?? DateTime.Now;
        var ds = new DicomDataset();
        var root = ds;
        OutputModules.AddSopCommon(ds, DicomUids.ComprehensiveSRStorage, uids, time);
        OutputModules.AddPatientAndStudy(ds, source);
        // SR Document Series and General Equipment.
        OutputModules.AddSeries(ds, "SR", 901, SeriesDescription, uids);
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
            Container(root, "CONTAINS", ReportCodes.ImagingMeasurements, [MeasurementGroup(root, report, uids)]),
        ]);
        return ds;
    }

    private static DicomDataset MeasurementGroup(DicomDataset root, QuantificationReport report, DicomUidGenerator uids)
    {
        var children = new List<DicomDataset>
        {
            // Only a quantified study is known to be single voxel: a refused one may be MRSI, edited or multi-echo.
            Text(root, "HAS OBS CONTEXT", ReportCodes.TrackingIdentifier, report.Metabolites.Count > 0 ? "MRS single voxel" : "MRS not quantified"),
            Item(root, "HAS OBS CONTEXT", "UIDREF", ReportCodes.TrackingUid).AddOrUpdate(DicomTags.UID, uids.Generate()),
            CodeItem(root, "HAS CONCEPT MOD", ReportCodes.FindingSite, ReportCodes.Brain),
        };
        foreach (var m in report.Metabolites)
        {
            if (m.RatioToTCr is { } ratio && double.IsFinite(ratio))
            {
                children.Add(Measurement(root, m, ratio, ReportCodes.Ratio, ReportCodes.RatioToTCr));
            }
            if (m.Concentration is { } mm && double.IsFinite(mm))
            {
                children.Add(Measurement(root, m, mm, ReportCodes.MilliMolar, null));
            }
        }
        if (double.IsFinite(report.Qc.Snr))
        {
            children.Add(Num(root, "CONTAINS", ReportCodes.Snr, report.Qc.Snr, ReportCodes.NoUnit));
        }
        if (double.IsFinite(report.Qc.FwhmPpm))
        {
            children.Add(Num(root, "CONTAINS", ReportCodes.Linewidth, report.Qc.FwhmPpm, ReportCodes.Ppm));
        }
        children.Add(Text(root, "CONTAINS", ReportCodes.Verdict, report.Verdict.Text()));
        foreach (var reason in report.Reasons)
        {
            children.Add(Text(root, "CONTAINS", ReportCodes.Reason, reason));
        }
        return Container(root, "CONTAINS", ReportCodes.MeasurementGroup, children);
    }

    /// <summary>A metabolite NUM with its CRLB, flag and (for normal/low/high) normality as properties.</summary>
    private static DicomDataset Measurement(DicomDataset root, MetaboliteResult m, double value, CodedConcept unit, CodedConcept? modifier)
    {
        var item = Num(root, "CONTAINS", ReportCodes.Metabolite(m.Name), value, unit);
        var properties = new List<DicomDataset>();
        if (modifier is not null)
        {
            properties.Add(CodeItem(root, "HAS CONCEPT MOD", modifier, ReportCodes.TotalCreatine));
        }
        if (m.CrlbPercent is { } crlb && double.IsFinite(crlb))
        {
            properties.Add(Num(root, "HAS PROPERTIES", ReportCodes.Crlb, Math.Min(crlb, 999), ReportCodes.Percent));
        }
        var normality = m.Flag switch
        {
            MetaboliteFlag.Normal => ReportCodes.Normal,
            MetaboliteFlag.High => ReportCodes.AbnormallyHigh,
            MetaboliteFlag.Low => ReportCodes.AbnormallyLow,
            _ => null,
        };
        if (normality is not null)
        {
            properties.Add(CodeItem(root, "HAS PROPERTIES", ReportCodes.Normality, normality));
        }
        properties.Add(Text(root, "HAS PROPERTIES", ReportCodes.Flag, m.FlagReason is null ? m.Flag.Text() : $"{m.Flag.Text()}: {m.FlagReason}"));
        item.AddOrUpdate(DicomTags.ContentSequence, [.. properties]);
        return item;
    }

    /// <summary>Current Requested Procedure Evidence: the source instances grouped by their own series.</summary>
    private static DicomDataset[] Evidence(DicomDataset root, SourceIdentity source)
    {
        var fallbackSeries = source.SourceSeriesInstanceUid ?? DicomUidGenerator.Default.Generate();
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

    private static DicomDataset Code(DicomDataset root, CodedConcept c) => root.NewItem()
        .AddOrUpdate(DicomTags.CodeValue, c.Value)
        .AddOrUpdate(DicomTags.CodingSchemeDesignator, c.Scheme)
        .AddOrUpdate(DicomTags.CodeMeaning, c.Meaning);

    private static DicomDataset Item(DicomDataset root, string relationship, string valueType, CodedConcept concept) => root.NewItem()
        .AddOrUpdate(DicomTags.RelationshipType, relationship)
        .AddOrUpdate(DicomTags.ValueType, valueType)
        .AddOrUpdate(DicomTags.ConceptNameCodeSequence, Code(root, concept));

    private static DicomDataset Text(DicomDataset root, string relationship, CodedConcept concept, string text) =>
        Item(root, relationship, "TEXT", concept).AddOrUpdate(DicomTags.TextValue, text);

    private static DicomDataset CodeItem(DicomDataset root, string relationship, CodedConcept concept, CodedConcept value) =>
        Item(root, relationship, "CODE", concept).AddOrUpdate(DicomTags.ConceptCodeSequence, Code(root, value));

    private static DicomDataset Num(DicomDataset root, string relationship, CodedConcept concept, double value, CodedConcept unit) =>
        Item(root, relationship, "NUM", concept).AddOrUpdate(DicomTags.MeasuredValueSequence, root.NewItem()
            .AddOrUpdate(DicomTags.MeasurementUnitsCodeSequence, Code(root, unit))
            .AddOrUpdate(DicomTags.NumericValue, DicomVR.DS, DicomDataset.FormatDecimalString(value)));

    private static DicomDataset Container(DicomDataset root, string relationship, CodedConcept concept, IReadOnlyList<DicomDataset> children) =>
        Item(root, relationship, "CONTAINER", concept)
            .AddOrUpdate(DicomTags.ContinuityOfContent, "SEPARATE")
            .AddOrUpdate(DicomTags.ContentSequence, [.. children]);
}
