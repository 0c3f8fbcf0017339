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
        var ds = SrDocumentHeader.Create(source, ids, 901, SeriesDescription, report.Software, time);
        SrDocumentHeader.AddMeasurementReport(ds, [MeasurementGroup(ds, report, ids)]);
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
}
