using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Mrsi;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Mrsi;

[UnitTest]
public class MrsiOutputsTests
{
    private static readonly DateTime When = new(2026, 12, 5, 12, 0, 0);

    private static MrsiOutputSet Create(DicomDataset? image) => MrsiOutputs.Create(MrsiSamples.Result(), MrsiSamples.Source, image, "MRSNode 0.1.0", When);

    [Fact]
    public void Create_MrImageOfTheSameFrame_OneCapturePerMapOverTheImageReferencingIt()
    {
        var outputs = Create(MrsiSamples.MrImage());

        Assert.Null(outputs.OverlayNote);
        Assert.Equal(8, outputs.MapCaptures.Count);
        Assert.Equal(Enumerable.Range(920, 8).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), outputs.ParametricMaps.Select(c => c.GetString(DicomTags.SeriesNumber)));
        Assert.Equal(["MRSNode MRSI map tNAA", "MRSNode MRSI map tCr", "MRSNode MRSI map tCho", "MRSNode MRSI map Ins", "MRSNode MRSI map Glx", "MRSNode MRSI map Lac", "MRSNode MRSI map Cho/NAA", "MRSNode MRSI map Cho/Cr"],
            outputs.MapCaptures.Select(c => c.GetString(DicomTags.SeriesDescription)));
        Assert.Equal(Enumerable.Range(910, 8).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), outputs.MapCaptures.Select(c => c.GetString(DicomTags.SeriesNumber)));
        Assert.Equal(8, outputs.MapCaptures.Select(c => c.GetString(DicomTags.SeriesInstanceUID)).Distinct().Count());
        var capture = outputs.MapCaptures[6];
        var reference = Assert.Single(capture.GetSequence(DicomTags.SourceImageSequence)!.Items);
        Assert.Equal(MrsiSamples.MrImageUid, reference.GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal(MrsiSamples.Source.StudyInstanceUid, capture.GetString(DicomTags.StudyInstanceUID));
        // 128 × 128 image enlarged 4 × to 512, plus the colour bar panel, title and footer.
        Assert.Equal((ushort)(512 + 150), capture.GetValue<ushort>(DicomTags.Columns));
        Assert.Equal((ushort)(64 + 512 + 44), capture.GetValue<ushort>(DicomTags.Rows));
    }

    [Theory]
    [InlineData(false, "no MR image of this frame of reference was received")]
    [InlineData(true, "the MR image is not of the same frame of reference")]
    public void Create_NoImageOrAnotherFrame_MapsOnTheirOwnGridWithTheReason(bool otherFrame, string note)
    {
        var outputs = Create(otherFrame ? MrsiSamples.MrImage("1.2.3.4") : null);

        Assert.Equal(note, outputs.OverlayNote);
        Assert.All(outputs.MapCaptures, c => Assert.Null(c.GetSequence(DicomTags.SourceImageSequence)));
        Assert.Contains("on its own grid", outputs.MapCaptures[0].GetString(DicomTags.DerivationDescription), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SameInputsTwice_SameUids()
    {
        var (a, b) = (Create(null), Create(null));

        Assert.Equal(a.StructuredReport.GetString(DicomTags.SOPInstanceUID), b.StructuredReport.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal(a.MapCaptures[3].GetString(DicomTags.SOPInstanceUID), b.MapCaptures[3].GetString(DicomTags.SOPInstanceUID));
        Assert.NotEqual(a.MapCaptures[3].GetString(DicomTags.SOPInstanceUID), a.MapCaptures[4].GetString(DicomTags.SOPInstanceUID));
    }

    private static string Save(DicomDataset ds, string name, DicomTransferSyntax? syntax = null)
    {
        var path = Path.Combine(TestData.NewTempFolder(), name);
        (syntax is null ? new DicomFile(ds) : new DicomFile(ds, syntax)).Save(path);
        return path;
    }

    private static List<string> Findings(string path)
    {
        var r = Peers.Run("dciodvfy", [path]);
        return (r.StdOut + r.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
    }

    [PeerFact("dciodvfy")]
    public void Create_MapCaptureOverTheImage_DciodvfyReportsNothing()
    {
        var findings = Findings(Save(Create(MrsiSamples.MrImage()).MapCaptures[6], "map.dcm", SecondaryCaptureWriter.TransferSyntax));

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [PeerFact("dciodvfy")]
    public void Create_StructuredReport_DciodvfyOnlyWarnsOfThePrivateScheme()
    {
        var findings = Findings(Save(Create(null).StructuredReport, "sr.dcm"));

        Assert.True(findings.All(f => f.Contains("99MRSNODE", StringComparison.Ordinal)), string.Join('\n', findings));
    }

    [PeerFact("dciodvfy")]
    public void Create_EncapsulatedPdf_DciodvfyReportsNothing()
    {
        var findings = Findings(Save(Create(null).EncapsulatedPdf, "pdf.dcm"));

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }
}
