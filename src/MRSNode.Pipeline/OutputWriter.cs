using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Pipeline.Mrsi;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Mrsi;
using MRSNode.Reporting.Pdf;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Pipeline;

/// <summary>A job's outputs, made in memory: results.json, the SR, the PDF, its Encapsulated PDF object and the Secondary Capture.</summary>
public sealed record StudyOutputs(string ResultsJson, DicomDataset StructuredReport, byte[] Pdf, DicomDataset EncapsulatedPdf, DicomDataset Capture)
{
    /// <summary>MRSI: one Secondary Capture per map (over the study's MR image when there is one); empty for single voxel.</summary>
    public IReadOnlyList<DicomDataset> MapCaptures { get; init; } = [];

    /// <summary>MRSI: one DICOM Parametric Map per map (the float values on the grid's geometry), in map order; empty for single voxel.</summary>
    public IReadOnlyList<DicomDataset> ParametricMaps { get; init; } = [];
}

/// <summary>
/// Makes a job's outputs and writes them into a folder (results.json, sr.dcm, report.pdf, report-pdf.dcm, capture.dcm;
/// for MRSI also map-NN.dcm and pmap-NN.dcm), each by temp file + rename so a reader never sees half a file.
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
            FitMethod = spectra?.Result.Method.Text().ToUpperInvariant() ?? "",
        };
        var outputs = Outputs(document, time);
        return outcome.Mrsi is { } mrsi ? WithMrsi(outputs, mrsi, identity with { ResultKey = OutputUids.ResultKey(outcome.Report) }, outcome.Report.Software, time) : outputs;
    }

    /// <summary>
    /// An MRSI job's outputs: the SR, PDF and its DICOM wrapper of the grid (maps, regions, notes), a capture and a
    /// Parametric Map per map, results.json with the grid's section; the capture of the index voxel's single-voxel report page stays.
    /// </summary>
    private static StudyOutputs WithMrsi(StudyOutputs voxel, MrsiOutcome mrsi, SourceIdentity identity, string software, DateTime time)
    {
        var image = mrsi.Image is { } reference ? DicomFile.Open(reference.Path).Dataset : null;
        var grid = MrsiOutputs.Create(mrsi.Quantification, identity, image, software, time);
        return voxel with
        {
            ResultsJson = MrsiResultsSection.AddTo(voxel.ResultsJson, mrsi, grid.OverlayNote),
            StructuredReport = grid.StructuredReport,
            Pdf = grid.Pdf,
            EncapsulatedPdf = grid.EncapsulatedPdf,
            MapCaptures = grid.MapCaptures,
            ParametricMaps = grid.ParametricMaps,
        };
    }

    /// <summary>
    /// The outputs for a study the node could not quantify (no basis set for its field/TE, unreadable data):
    /// the same objects, with no values, verdict "not usable" and the reason, so the PACS shows why instead of
    /// nothing. The acquisition is read where it can be, so the page states its field, TE, TR, sequence and water
    /// reference rather than contradicting them. Null when the inputs carry no DICOM study to put them in.
    /// </summary>
    public static StudyOutputs? RenderNotProcessed(QuantificationRequest request, string reason, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reason);
        var time = now ?? DateTime.Now;
        if (DicomIdentity(request) is not { } identity)
        {
            return null;
        }
        var inputs = TryReadAcquisition(request);
        var report = new QuantificationReport
        {
            Software = QuantificationPipeline.SoftwareName,
            CreatedUtc = time.ToUniversalTime(),
            Input = InputSummaries.From(request, inputs, "none"),
            Metabolites = [],
            Qc = new QualityResult { Snr = double.NaN, SnrDefinition = "not measured", FwhmPpm = double.NaN, FwhmHz = double.NaN },
            Verdict = StudyVerdict.NotUsable,
            Reasons = ["not quantified: " + reason],
        };
        return Outputs(new ReportDocument(report, identity, null) { NotProcessed = NotProcessedNotices.For(reason) }, time);
    }

    private static SelectedInputs? TryReadAcquisition(QuantificationRequest request)
    {
        try
        {
            return InputSelection.Select(request, MrsFormats.Default);
        }
        catch (InputProblemException)
        {
            return null; // unreadable: the page then says the acquisition was not read
        }
    }

    /// <summary>Every output of one report: the JSON, the SR, the PDF with its DICOM wrapper, and the page as a capture.</summary>
    private static StudyOutputs Outputs(ReportDocument document, DateTime time)
    {
        // Header values corrected for the outputs (a date's form, an over-long accession): information, so last. A reason
        // that quotes a header value (a sequence name) loses its control characters, which the SR's TEXT items refuse.
        document = document with
        {
            Report = document.Report with { Reasons = [.. document.Report.Reasons.Select(CopiedValueNormaliser.RemoveControls), .. document.Source.Corrections] },
        };
        // The result key makes a rerun with another configuration a new object; a resend of the same result repeats its UIDs.
        var (report, identity) = (document.Report, document.Source with { ResultKey = OutputUids.ResultKey(document.Report) });
        var pdf = PdfReportWriter.Create(document);
        return new StudyOutputs(
            report.ToJson(),
            MeasurementReportWriter.Create(report, identity, time),
            pdf,
            EncapsulatedPdfWriter.Create(pdf, identity, report.Software, time),
            SecondaryCaptureWriter.Create(ReportCapture.Render(document), identity, report.Software, time));
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
        var capture = Path.Combine(folder, "capture.dcm");
        new DicomFile(outputs.Capture, SecondaryCaptureWriter.TransferSyntax).Save(capture);
        var maps = SaveNumbered(outputs.MapCaptures, folder, "map", SecondaryCaptureWriter.TransferSyntax);
        // Explicit VR: Float Pixel Data (OF) and the mapping's FD values keep their VRs for every reader.
        var parametricMaps = SaveNumbered(outputs.ParametricMaps, folder, "pmap", DicomTransferSyntax.ExplicitVRLittleEndian);
        return [results, sr, pdf, encapsulated, capture, .. maps, .. parametricMaps];
    }

    /// <summary>Saves each object as <c>prefix-NN.dcm</c> (NN from 01, in list order).</summary>
    private static List<string> SaveNumbered(IReadOnlyList<DicomDataset> objects, string folder, string prefix, DicomTransferSyntax syntax) =>
        [.. objects.Select((ds, k) =>
        {
            var path = Path.Combine(folder, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}-{k + 1:00}.dcm"));
            new DicomFile(ds, syntax).Save(path);
            return path;
        })];

    /// <summary>
    /// The source's patient and study from the DICOM header when the input is DICOM (every metabolite and
    /// water-reference object becomes a referenced source instance), else from what the reader found.
    /// </summary>
    private static SourceIdentity Identity(QuantificationOutcome outcome, QuantificationRequest request)
    {
        if (DicomIdentity(request) is { } identity)
        {
            return identity;
        }
        var p = outcome.Metabolite.Provenance;
        return SourceIdentity.FromProvenance(p.PatientId, p.StudyInstanceUid, p.SeriesInstanceUid, p.SopInstanceUids);
    }

    private static SourceIdentity? DicomIdentity(QuantificationRequest request)
    {
        var headers = request.MetaboliteFiles.Concat(request.WaterFiles).Select(TryReadHeader).OfType<DicomDataset>().ToList();
        if (headers.Count > 0 && headers[0].Contains(DicomTags.StudyInstanceUID))
        {
            var instances = headers
                .Where(h => h.GetString(DicomTags.SOPInstanceUID) is not null)
                .Select(h => (h.GetString(DicomTags.SOPClassUID) ?? DicomUids.MRSpectroscopyStorage, h.GetString(DicomTags.SOPInstanceUID)!))
                .Distinct()
                .ToList();
            var identity = SourceIdentity.FromDataset(headers[0]);
            var series = headers
                .Where(h => h.GetString(DicomTags.SOPInstanceUID) is not null && h.GetString(DicomTags.SeriesInstanceUID) is { } uid && uid != identity.SourceSeriesInstanceUid)
                .ToDictionary(h => h.GetString(DicomTags.SOPInstanceUID)!, h => h.GetString(DicomTags.SeriesInstanceUID)!, StringComparer.Ordinal);
            return identity with { SourceInstances = instances, SeriesOfInstance = series };
        }
        return null;
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
