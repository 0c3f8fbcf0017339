using System.Text;
using System.Text.Json;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>
/// Issue 25 finding 8: a birth date 1970-01-01, a study date 2024/01/31, sex "Male", an accession over 16 characters
/// and control characters in the name failed the study with nothing sent, and the value reached the console log,
/// error.txt, /status and the status page.
/// </summary>
[SlowTest]
public sealed class HeaderMistakesTests
{
    private const string Name = "DOE^JANE\u001b[31m\u0007";
    private const string Accession = "ACC-2024-0000123456789";

    /// <summary>The metabolite object with the mistakes written raw (the node's own writer would refuse them).</summary>
    private static string WithHeaderMistakes(string path)
    {
        var file = DicomFile.Open(path);
        void Raw(DicomTag tag, DicomVR vr, string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value.Length % 2 == 0 ? value : value + " ");
            file.Dataset.AddOrUpdate(new DicomElement(tag, vr, bytes));
        }
        Raw(DicomTags.PatientName, DicomVR.PN, Name);
        Raw(DicomTags.PatientBirthDate, DicomVR.DA, "1970-01-01");
        Raw(DicomTags.PatientSex, DicomVR.CS, "Male");
        Raw(DicomTags.StudyDate, DicomVR.DA, "2024/01/31");
        Raw(DicomTags.AccessionNumber, DicomVR.SH, Accession);
        file.Save(path);
        return path;
    }

    [Fact]
    public async Task Node_CommonHeaderMistakes_QuantifiedWithConformantValuesAndNotesNoPhiAnywhere()
    {
        await using var node = await TestNode.StartAsync();
        var (metabolite, water, _) = WaterPairingTests.WriteStudy();
        WithHeaderMistakes(metabolite);

        await WaterPairingTests.SendAsAsync(node, "SCANNER", metabolite, water);

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) + node.Jobs.Count(JobState.Failed) == 1, TimeSpan.FromSeconds(90)));
        var job = Assert.Single(node.Jobs.List(JobState.Done));
        var outputs = Path.Combine(node.Jobs.JobFolder(JobState.Done, job), "outputs");
        var sr = DicomFile.Open(Path.Combine(outputs, "sr.dcm")).Dataset;
        Assert.Equal("19700101", sr.GetString(DicomTags.PatientBirthDate));
        Assert.Equal("20240131", sr.GetString(DicomTags.StudyDate));
        Assert.Equal("M", sr.GetString(DicomTags.PatientSex));
        Assert.Equal(Accession[..16], sr.GetString(DicomTags.AccessionNumber));
        Assert.Equal("DOE^JANE[31m", sr.GetString(DicomTags.PatientName));
        Assert.Equal(["capture.dcm", "report-pdf.dcm", "sr.dcm"], TestNode.FilesUnder(Path.Combine(node.Outbox, job)).Where(f => f.EndsWith(".dcm", StringComparison.Ordinal))); // what goes to the PACS
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(outputs, "results.json")));
        var reasons = results.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains("the patient's birth date was not in DICOM form and was corrected in the outputs: written as YYYYMMDD", reasons);
        Assert.Contains("the accession number was not in DICOM form and was corrected in the outputs: truncated to 16 characters", reasons);
        Assert.Contains("the patient's name was not in DICOM form and was corrected in the outputs: control characters removed", reasons);
        Assert.Contains("the patient's sex was not in DICOM form and was corrected in the outputs: written as M, F or O", reasons);
        Assert.DoesNotContain(reasons, r => r.Contains("DOE", StringComparison.Ordinal) || r.Contains("1970", StringComparison.Ordinal) || r.Contains(Accession[..8], StringComparison.Ordinal));
        var status = (await node.StatusAsync()).GetRawText();
        Assert.DoesNotContain("DOE", status, StringComparison.Ordinal);
        Assert.DoesNotContain("DOE", File.ReadAllText(node.AuditFile), StringComparison.Ordinal);
    }
}
