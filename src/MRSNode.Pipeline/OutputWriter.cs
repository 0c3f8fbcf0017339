using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Pdf;
using MRSNode.Reporting.Rendering;

namespace MRSNode.Pipeline;

/// <summary>Writes a job's outputs into a folder: results.json, sr.dcm, report.pdf and report-pdf.dcm, each by temp file + rename.</summary>
public static class OutputWriter
{
    public static IReadOnlyList<string> Write(QuantificationOutcome outcome, QuantificationRequest request, string folder)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(request);
        Directory.CreateDirectory(folder);
        var results = Path.Combine(folder, "results.json");
        WriteAtomically(results, outcome.Report.ToJson());
        var identity = Identity(outcome, request);
        var sr = Path.Combine(folder, "sr.dcm");
        new DicomFile(MeasurementReportWriter.Create(outcome.Report, identity)).Save(sr);

        var document = new ReportDocument(outcome.Report, identity, outcome.Primary.Spectra ?? outcome.Secondary?.Spectra)
        {
            FitMethod = outcome.Primary.Spectra is not null ? outcome.Primary.Result.Method.ToUpperInvariant() : outcome.Secondary?.Result.Method.ToUpperInvariant() ?? "",
        };
        var pdf = PdfReportWriter.Create(document);
        var pdfPath = Path.Combine(folder, "report.pdf");
        WriteAtomically(pdfPath, pdf);
        var encapsulated = Path.Combine(folder, "report-pdf.dcm");
        new DicomFile(EncapsulatedPdfWriter.Create(pdf, identity, outcome.Report.Software)).Save(encapsulated);
        return [results, sr, pdfPath, encapsulated];
    }

    /// <summary>The source's patient and study: from the DICOM header when the input is DICOM, else from what the reader found.</summary>
    private static SourceIdentity Identity(QuantificationOutcome outcome, QuantificationRequest request)
    {
        try
        {
            var header = DicomFile.Open(request.MetaboliteFiles[0], DicomReadOptions.HeaderOnly).Dataset;
            if (header.Contains(DicomTags.StudyInstanceUID))
            {
                var identity = SourceIdentity.FromDataset(header);
                var all = outcome.Metabolite.Provenance.SopInstanceUids;
                return all.Count > 1 ? identity with { SourceInstances = all.Select(uid => (header.GetString(DicomTags.SOPClassUID) ?? DicomUids.MRSpectroscopyStorage, uid)).ToList() } : identity;
            }
        }
        catch (DicomFormatException)
        {
            // Not DICOM (RDA, SDAT, NIfTI, text): fall through to the reader's provenance.
        }
        var p = outcome.Metabolite.Provenance;
        return SourceIdentity.FromProvenance(p.PatientId, p.StudyInstanceUid, p.SeriesInstanceUid, p.SopInstanceUids);
    }

    private static void WriteAtomically(string path, string text)
    {
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        File.WriteAllBytes(path + ".tmp", bytes);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
