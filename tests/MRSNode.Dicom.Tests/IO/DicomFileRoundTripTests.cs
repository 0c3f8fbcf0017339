using MRSNode.Dicom.IO;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests.IO;

/// <summary>Read → write → read keeps every value; dcmtk reads what we write exactly as it reads its own files.</summary>
[UnitTest]
public class DicomFileRoundTripTests
{
    [Theory]
    [MemberData(nameof(TestData.VendorDicom), MemberType = typeof(TestData))]
    public void Save_VendorFileSameSyntax_ReadsBackIdenticalDataset(string file)
    {
        var original = DicomFile.Open(TestData.Path(file));
        var reread = RoundTrip(original, original.TransferSyntax);

        DatasetAssert.Equal(original.Dataset, reread.Dataset);
        Assert.Equal(original.TransferSyntax.Uid, reread.TransferSyntax.Uid);
        Assert.Equal(original.Dataset.GetString(DicomTags.SOPInstanceUID), reread.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal(DicomUidGenerator.ImplementationClassUid, reread.FileMetaInformation.GetString(DicomTags.ImplementationClassUID));
    }

    [Theory]
    [MemberData(nameof(TestData.VendorDicom), MemberType = typeof(TestData))]
    public void Save_UndefinedLengthSequences_ReadsBackIdenticalDataset(string file)
    {
        var original = DicomFile.Open(TestData.Path(file));
        using var ms = new MemoryStream();
        original.Save(ms, options: new DicomWriteOptions { DefinedLengthSequences = false });
        ms.Position = 0;

        DatasetAssert.Equal(original.Dataset, DicomFile.Open(ms).Dataset);
    }

    [PeerTheory("dcmconv")]
    [MemberData(nameof(DicomPeerFiles.VendorFilesBySyntax), MemberType = typeof(DicomPeerFiles))]
    public void Save_DcmconvFileInItsSyntax_ReadsBackIdenticalDataset(string file, string syntaxUid)
    {
        var peerFile = DicomFile.Open(DicomPeerFiles.Converted(file, syntaxUid));
        Assert.Equal(syntaxUid, peerFile.TransferSyntax.Uid);

        var reread = RoundTrip(peerFile, peerFile.TransferSyntax);

        DatasetAssert.Equal(peerFile.Dataset, reread.Dataset);
    }

    [PeerTheory("dcmconv", "dcmdump")]
    [MemberData(nameof(DicomPeerFiles.VendorFilesBySyntax), MemberType = typeof(DicomPeerFiles))]
    public void Save_ConvertedBySelf_DcmdumpSeesSameDatasetAsDcmconvOutput(string file, string syntaxUid)
    {
        // We convert the original; dcmconv converts the original; dcmdump must print the same data set for both.
        var folder = TestData.NewTempFolder();
        var ours = Path.Combine(folder, "ours.dcm");
        DicomFile.Open(TestData.Path(file)).Save(ours, DicomTransferSyntax.Lookup(syntaxUid));

        var theirs = Peers.Run("dcmdump", ["-Un", "+L", DicomPeerFiles.Converted(file, syntaxUid)]);
        var mine = Peers.Run("dcmdump", ["-Un", "+L", ours]);

        Assert.Equal(0, mine.ExitCode);
        Assert.Equal("", mine.StdErr);
        Assert.Equal(DataSetPart(theirs.StdOut), DataSetPart(mine.StdOut));
    }

    [PeerTheory("dcmdump")]
    [MemberData(nameof(TestData.VendorDicom), MemberType = typeof(TestData))]
    public void Save_VendorFile_DcmdumpReadsWithoutWarnings(string file)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "out.dcm");
        DicomFile.Open(TestData.Path(file)).Save(path);

        var r = Peers.Run("dcmdump", ["-Un", path]);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
        Assert.Contains("(0002,0012) UI [" + DicomUidGenerator.ImplementationClassUid + "]", r.StdOut);
        Assert.Contains("(0002,0013) SH [" + DicomUidGenerator.ImplementationVersionName + "]", r.StdOut);
    }

    [PeerTheory("dcmconv")]
    [MemberData(nameof(TestData.VendorDicom), MemberType = typeof(TestData))]
    public void Open_BareDatasetWithoutPreamble_ReadsSameDatasetAsPart10File(string file)
    {
        // dcmconv -F writes the data set alone: no preamble, no meta group. We must detect the encoding.
        var expected = DicomFile.Open(TestData.Path(file)).Dataset;
        foreach (var syntax in new[] { DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian, DicomUids.ExplicitVRBigEndian })
        {
            var bare = DicomFile.Open(DicomPeerFiles.Converted(file, syntax, "-F"));
            Assert.False(bare.HadPreamble);
            Assert.Equal(syntax, bare.TransferSyntax.Uid);
            Assert.Equal(expected.GetString(DicomTags.SOPInstanceUID), bare.Dataset.GetString(DicomTags.SOPInstanceUID));
            Assert.Equal(expected.Count, bare.Dataset.Count);
        }
    }

    private static DicomFile RoundTrip(DicomFile file, DicomTransferSyntax syntax)
    {
        using var ms = new MemoryStream();
        file.Save(ms, syntax);
        ms.Position = 0;
        return DicomFile.Open(ms);
    }

    // The lines after "# Dicom-Data-Set": the meta group legitimately differs (implementation UID).
    private static string DataSetPart(string dump)
    {
        var at = dump.IndexOf("# Dicom-Data-Set", StringComparison.Ordinal);
        Assert.True(at >= 0, "dcmdump printed no data set:\n" + dump);
        return dump[at..];
    }
}
