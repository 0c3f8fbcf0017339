using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Pdf;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Dicom;

[UnitTest]
public class EncapsulatedPdfWriterTests
{
    private static (string Path, byte[] Pdf) Write(SourceIdentity source)
    {
        var pdf = PdfReportWriter.Create(ReportSamples.Document());
        var ds = EncapsulatedPdfWriter.Create(pdf, source, "MRSNode 0.1.0", new DateTime(2026, 11, 21, 12, 30, 0));
        var path = Path.Combine(TestData.NewTempFolder(), "report-pdf.dcm");
        new DicomFile(ds).Save(path);
        return (path, pdf);
    }

    [Fact]
    public void Create_FromXa60Source_JoinsItsStudyAndCarriesThePdf()
    {
        var source = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm")).Dataset;
        var (path, pdf) = Write(SourceIdentity.FromDataset(source));

        var ds = DicomFile.Open(path).Dataset;

        Assert.Equal(DicomUids.EncapsulatedPdfStorage, ds.GetString(DicomTags.SOPClassUID));
        Assert.Equal(source.GetString(DicomTags.StudyInstanceUID), ds.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(source.GetString(DicomTags.PatientID), ds.GetString(DicomTags.PatientID));
        Assert.NotEqual(source.GetString(DicomTags.SeriesInstanceUID), ds.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("DOC", ds.GetString(DicomTags.Modality));
        Assert.Equal("application/pdf", ds.GetString(DicomTags.MIMETypeOfEncapsulatedDocument));
        var stored = ds.GetBytes(DicomTags.EncapsulatedDocument).ToArray();
        Assert.Equal(pdf, stored[..pdf.Length]);
        Assert.True(stored.Length % 2 == 0 && stored.Length - pdf.Length <= 1);
        Assert.Equal((uint)pdf.Length, ds.GetValues<uint>(DicomTags.EncapsulatedDocumentLength)[0]);
        var referenced = ds.GetSequence(DicomTags.SourceInstanceSequence)!.Items[0];
        Assert.Equal(source.GetString(DicomTags.SOPInstanceUID), referenced.GetString(DicomTags.ReferencedSOPInstanceUID));
        var equipment = ds.GetSequence(DicomTags.ContributingEquipmentSequence)!.Items[0];
        Assert.Equal("MRSNode", equipment.GetString(DicomTags.Manufacturer));
    }

    [Fact]
    public void Create_SameSourceTwice_SameUidsSeriesDatedAndStudyDescriptionCopied()
    {
        var pdf = PdfReportWriter.Create(ReportSamples.Document());
        var source = ReportSamples.Source() with { StudyDescription = "MR Kopf" };

        var a = EncapsulatedPdfWriter.Create(pdf, source, "MRSNode 0.1.0", new DateTime(2026, 11, 21, 12, 30, 0));
        var b = EncapsulatedPdfWriter.Create(pdf, source, "MRSNode 0.1.0", new DateTime(2026, 11, 22, 9, 0, 0));

        Assert.Equal(OutputUids.For(source, "pdf", "MRSNode 0.1.0").SopInstanceUid, a.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal(a.GetString(DicomTags.SOPInstanceUID), b.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal(a.GetString(DicomTags.SeriesInstanceUID), b.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal(("20261121", "123000.000000"), (a.GetString(DicomTags.SeriesDate), a.GetString(DicomTags.SeriesTime)));
        Assert.Equal("MR Kopf", a.GetString(DicomTags.StudyDescription));
    }

    [Fact]
    public void Create_NotAPdf_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => EncapsulatedPdfWriter.Create([1, 2, 3, 4, 5, 6], ReportSamples.Source(), "MRSNode 0.1.0"));
        Assert.Contains("not a PDF", ex.Message);
    }

    [PeerTheory("dciodvfy")]
    [MemberData(nameof(TestData.VendorDicom), MemberType = typeof(TestData))]
    public void Create_FromEveryVendorFile_DciodvfyReportsNoErrors(string vendorFile)
    {
        var source = DicomFile.Open(TestData.Path(vendorFile), DicomReadOptions.HeaderOnly).Dataset;
        var (path, _) = Write(SourceIdentity.FromDataset(source));

        var r = Peers.Run("dciodvfy", [path]);

        var errors = (r.StdOut + r.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.Contains("EncapsulatedPDF", r.StdOut + r.StdErr);
    }

    [PeerFact("dcm2pdf")]
    public void Create_Sample_Dcm2pdfExtractsTheIdenticalPdf()
    {
        var (path, pdf) = Write(ReportSamples.Source());
        var extracted = Path.Combine(Path.GetDirectoryName(path)!, "out.pdf");

        var r = Peers.Run("dcm2pdf", [path, extracted]);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(pdf, File.ReadAllBytes(extracted));
    }
}
