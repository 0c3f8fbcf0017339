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
        Assert.Contains("No metabolites were quantified", text);
        Assert.Contains("No fitted spectrum", text);
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
