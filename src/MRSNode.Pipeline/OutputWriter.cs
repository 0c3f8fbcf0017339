using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Pdf;
using MRSNode.Reporting.Rendering;

namespace MRSNode.Pipeline;

/// <summary>A job's outputs, made in memory: results.json, the SR, the PDF and its Encapsulated PDF object.</summary>
public sealed record StudyOutputs(string ResultsJson, DicomDataset StructuredReport, byte[] Pdf, DicomDataset EncapsulatedPdf);

/// <summary>
/// Makes a job's outputs and writes them into a folder (results.json, sr.dcm, report.pdf, report-pdf.dcm),
/// each by temp file + rename so a reader never sees half a file.
/// </summary>
public static class OutputWriter
{
    public static IReadOnlyList<string> Write(QuantificationOutcome outcome, QuantificationRequest request, string folder) =>
        Save(Render(outcome, request), folder);

    /// <summary>Every output, in the source's study (patient, study and source instances from its header).</summary>
    public static StudyOutputs Render(QuantificationOutcome outcome, QuantificationRequest request, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(request);
        var time = now ?? DateTime.Now;
        var identity = Identity(outcome, request);
        var spectra = outcome.Primary.Spectra is not null ? outcome.Primary : outcome.Secondary;
        var document = new ReportDocument(outcome.Report, identity, spectra?.Spectra)
        {
            FitMethod = spectra?.Result.Method.ToUpperInvariant() ?? "",
        };
        var pdf = PdfReportWriter.Create(document);
        return new StudyOutputs(
            outcome.Report.ToJson(),
            MeasurementReportWriter.Create(outcome.Report, identity, time),
            pdf,
            EncapsulatedPdfWriter.Create(pdf, identity, outcome.Report.Software, time));
    }

    public static IReadOnlyList<string> Save(StudyOutputs outputs, string folder)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        Directory.CreateDirectory(folder);
        var results = Path.Combine(folder, "results.json");
        WriteAtomically(results, outputs.ResultsJson);
        var sr = Path.Combine(folder, "sr.dcm");
        new DicomFile(outputs.StructuredReport).Save(sr);
        var pdf = Path.Combine(folder, "report.pdf");
        WriteAtomically(pdf, outputs.Pdf);
        var encapsulated = Path.Combine(folder, "report-pdf.dcm");
        new DicomFile(outputs.EncapsulatedPdf).Save(encapsulated);
        return [results, sr, pdf, encapsulated];
    }

    /// <summary>
    /// The source's patient and study from the DICOM header when the input is DICOM (every metabolite and
    /// water-reference object becomes a referenced source instance), else from what the reader found.
    /// </summary>
    private static SourceIdentity Identity(QuantificationOutcome outcome, QuantificationRequest request)
    {
        var headers = request.MetaboliteFiles.Concat(request.WaterFiles).Select(TryReadHeader).OfType<DicomDataset>().ToList();
        if (headers.Count > 0 && headers[0].Contains(DicomTags.StudyInstanceUID))
        {
            var instances = headers
                .Where(h => h.GetString(DicomTags.SOPInstanceUID) is not null)
                .Select(h => (h.GetString(DicomTags.SOPClassUID) ?? DicomUids.MRSpectroscopyStorage, h.GetString(DicomTags.SOPInstanceUID)!))
                .Distinct()
                .ToList();
            return SourceIdentity.FromDataset(headers[0]) with { SourceInstances = instances };
        }
        var p = outcome.Metabolite.Provenance;
        return SourceIdentity.FromProvenance(p.PatientId, p.StudyInstanceUid, p.SeriesInstanceUid, p.SopInstanceUids);
    }

    private static DicomDataset? TryReadHeader(string path)
    {
        try
        {
            return DicomFile.Open(path, DicomReadOptions.HeaderOnly).Dataset;
        }
        catch (DicomFormatException)
        {
            return null; // not DICOM (RDA, SDAT, NIfTI, text)
        }
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
