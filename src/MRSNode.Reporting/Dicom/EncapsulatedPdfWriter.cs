using MRSNode.Dicom;

namespace MRSNode.Reporting.Dicom;

/// <summary>
/// The PDF report as Encapsulated PDF Storage in the source study: Encapsulated Document Series (DOC),
/// SC Equipment (workstation), Encapsulated Document module with the source instances referenced.
/// </summary>
public static class EncapsulatedPdfWriter
{
    public const string SeriesDescription = "MRSNode MRS report (PDF)";
    public const string DocumentTitle = "MR spectroscopy report";

    public static DicomDataset Create(byte[] pdf, SourceIdentity source, string software, DateTime? now = null, DicomUidGenerator? uids = null)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(source);
        if (pdf.Length < 5 || pdf[0] != '%' || pdf[1] != 'P' || pdf[2] != 'D' || pdf[3] != 'F')
        {
            throw new ArgumentException("not a PDF document (no %PDF header)", nameof(pdf));
        }
        var ids = OutputUids.For(source, "pdf", software, uids);
        var time = now ?? DateTime.Now;
        var ds = new DicomDataset();
        OutputModules.AddSopCommon(ds, DicomUids.EncapsulatedPdfStorage, ids, time);
        OutputModules.AddPatientAndStudy(ds, source);
        OutputModules.AddSeries(ds, "DOC", 903, SeriesDescription, ids, time);
        OutputModules.AddEquipment(ds, software, time);
        ds.AddOrUpdate(DicomTags.ConversionType, "WSD"); // SC Equipment: made on a workstation
        ds.AddOrUpdate(DicomTags.InstanceNumber, "1");
        ds.AddOrUpdate(DicomTags.ContentDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ContentTime, TimeOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.AcquisitionDateTime, time.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
        ds.AddOrUpdate(DicomTags.BurnedInAnnotation, "YES"); // the PDF names the patient
        ds.AddOrUpdate(DicomTags.DocumentTitle, DocumentTitle);
        ds.AddOrUpdate(new DicomSequence(DicomTags.ConceptNameCodeSequence)); // type 2: present, empty
        ds.AddOrUpdate(DicomTags.MIMETypeOfEncapsulatedDocument, "application/pdf");
        if (source.SourceInstances.Count > 0)
        {
            var items = source.SourceInstances.Select(s => ds.NewItem()
                .AddOrUpdate(DicomTags.ReferencedSOPClassUID, s.SopClassUid)
                .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, s.SopInstanceUid)).ToArray();
            ds.AddOrUpdate(DicomTags.SourceInstanceSequence, items);
        }
        // OB values are padded to even length with a NUL; the true length rides in Encapsulated Document Length.
        var value = pdf.Length % 2 == 0 ? pdf : [.. pdf, 0];
        ds.AddOrUpdate(DicomTags.EncapsulatedDocument, DicomVR.OB, value);
        ds.AddOrUpdate(DicomTags.EncapsulatedDocumentLength, DicomVR.UL, (uint)pdf.Length);
        return ds;
    }
}
