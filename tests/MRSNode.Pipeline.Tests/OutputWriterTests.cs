using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Quantification.Results;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

[UnitTest]
public class OutputWriterTests
{
    private static QuantificationRequest Philips() => new() { MetaboliteFiles = [TestData.Path("dicom/philips-mrs-2frame.dcm")] };

    private const string Reason = "no basis set matches this acquisition (1H 1.5 T, TE 31.9 ms, PRIME)";

    [Fact]
    public void RenderNotProcessed_DicomSource_NotUsableWithTheReasonInTheSourceStudy()
    {
        var outputs = OutputWriter.RenderNotProcessed(Philips(), Reason, new DateTime(2026, 11, 21, 18, 0, 0))!;

        var report = Quantification.Results.QuantificationReport.FromJson(outputs.ResultsJson);
        Assert.Equal(StudyVerdict.NotUsable, report.Verdict);
        Assert.Equal(["not quantified: " + Reason], report.Reasons);
        Assert.Empty(report.Metabolites);
        var study = DicomFile.Open(TestData.Path("dicom/philips-mrs-2frame.dcm"), DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.StudyInstanceUID);
        Assert.Equal(study, outputs.StructuredReport.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(study, outputs.EncapsulatedPdf.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(study, outputs.Capture.GetString(DicomTags.StudyInstanceUID));
    }

    [Fact]
    public void RenderNotProcessed_NotDicom_Null()
    {
        var request = new QuantificationRequest { MetaboliteFiles = [TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")] };

        Assert.Null(OutputWriter.RenderNotProcessed(request, Reason));
    }

    [PeerFact("dciodvfy", "pdftotext")]
    public void RenderNotProcessed_Saved_DciodvfyCleanAndThePdfSaysWhy()
    {
        var folder = TestData.NewTempFolder();

        var files = OutputWriter.Save(OutputWriter.RenderNotProcessed(Philips(), Reason)!, folder);

        foreach (var dcm in files.Where(f => f.EndsWith(".dcm", StringComparison.Ordinal)))
        {
            var r = Peers.Run("dciodvfy", [dcm]);
            var errors = (r.StdOut + r.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, $"{Path.GetFileName(dcm)}:\n" + string.Join('\n', errors));
        }
        var text = Peers.Run("pdftotext", [Path.Combine(folder, "report.pdf"), "-"]).StdOut;
        Assert.Contains("NOT USABLE", text);
        Assert.Contains("no basis set matches this acquisition", text);
        Assert.Contains("page 1 of 1", text);
    }

    /// <summary>The Philips 1.5 T file refused for want of a basis set: the page states what was read and never contradicts it.</summary>
    [PeerFact("pdftotext")]
    public void RenderNotProcessed_Philips15T_PdfStatesTheAcquisitionAndSpeaksToRadiologistAndPhysicist()
    {
        var folder = TestData.NewTempFolder();
        OutputWriter.Save(OutputWriter.RenderNotProcessed(Philips(), Reason + "; configured: ismrm2016-press-3t-te30 (1H 2.9 T, TE 30 ms, PRESS). The basis-set manifest (config/basis-sets/manifest.json) needs an entry for it.")!, folder);

        var text = Peers.Run("pdftotext", [Path.Combine(folder, "report.pdf"), "-"]).StdOut.ReplaceLineEndings(" ");

        Assert.Contains("Field 1.5 T (63.", text);
        Assert.Contains("TE 31.9 ms", text);
        Assert.Contains("MRSNode could not measure metabolites in this spectroscopy acquisition: the node has no model spectra (basis set) for this kind of acquisition (1H 1.5 T, TE 31.9 ms, PRIME).", text);
        Assert.Contains("philips-mrs-2frame.dcm: 1.5 T (63.90 MHz), TE 31.9 ms, TR 2000 ms, SPECTROSCOPY (PRIME); water reference: in the metabolite object.", text);
        Assert.Contains("To do: add a basis set simulated for this field strength, echo time and sequence", text);
        foreach (var contradiction in new[] { "not read", "the method that ran", "--basis", "Water reference none", "No fitted spectrum" })
        {
            Assert.DoesNotContain(contradiction, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RenderNotProcessed_Philips15T_ResultsJsonHasTheAcquisitionAndItsWaterReference()
    {
        var outputs = OutputWriter.RenderNotProcessed(Philips(), Reason)!;

        var input = QuantificationReport.FromJson(outputs.ResultsJson).Input;

        Assert.Equal(1.5, input.FrequencyMHz / 42.577, 1);
        Assert.Equal(31.9, input.EchoTimeMs!.Value, 1);
        Assert.Equal("(in the metabolite object)", input.WaterFile); // frame 2 is the water reference
        Assert.Equal("none", input.BasisSet);
    }

    [Fact]
    public void RenderNotProcessed_SameInputsTwice_SameUidsAndEachOutputItsOwn()
    {
        var first = OutputWriter.RenderNotProcessed(Philips(), Reason, new DateTime(2026, 11, 21, 18, 0, 0))!;
        var resend = OutputWriter.RenderNotProcessed(Philips(), Reason, new DateTime(2026, 11, 22, 7, 0, 0))!;

        static string[] Uids(StudyOutputs o) => [.. new[] { o.StructuredReport, o.EncapsulatedPdf, o.Capture }
            .SelectMany(d => new[] { d.GetString(DicomTags.SOPInstanceUID)!, d.GetString(DicomTags.SeriesInstanceUID)! })];
        Assert.Equal(Uids(first), Uids(resend));
        Assert.Equal(6, Uids(first).Distinct().Count());
        var source = DicomFile.Open(TestData.Path("dicom/philips-mrs-2frame.dcm"), DicomReadOptions.HeaderOnly).Dataset;
        Assert.DoesNotContain(source.GetString(DicomTags.SOPInstanceUID), Uids(first));
    }
}
