using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Association;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Association;

[UnitTest]
public class DataSetCompletenessTrackerTests
{
    public static TheoryData<string, string> Files => new()
    {
        { "dicom/siemens-xa60-svs.dcm", DicomUids.ExplicitVRLittleEndian },
        { "dicom/siemens-xa60-svs.dcm", DicomUids.ImplicitVRLittleEndian },
        { "dicom/siemens-xa60-svs.dcm", DicomUids.ExplicitVRBigEndian },
        { "dicom/philips-mrs-2frame.dcm", DicomUids.ExplicitVRLittleEndian },
        { "dicom/philips-mrs-2frame.dcm", DicomUids.ImplicitVRLittleEndian },
        { "dicom/siemens-xa60-7t-averaged.dcm", DicomUids.ExplicitVRLittleEndian },
    };

    private static byte[] Encode(string file, string syntax) =>
        DicomDatasetSerializer.ToBytes(DicomFile.Open(TestData.Path(file)).Dataset, DicomTransferSyntax.Lookup(syntax));

    private static string? Track(string syntax, byte[] bytes, int chunk)
    {
        var tracker = DataSetCompletenessTracker.For(syntax)!;
        for (int at = 0; at < bytes.Length; at += chunk)
        {
            tracker.Add(bytes.AsSpan(at, Math.Min(chunk, bytes.Length - at)));
        }
        return tracker.Incomplete;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Incomplete_WholeDataSetInAnyChunking_Null(string file, string syntax)
    {
        var bytes = Encode(file, syntax);

        Assert.Equal((null, null, null), (Track(syntax, bytes, bytes.Length), Track(syntax, bytes, 16384), Track(syntax, bytes, 1)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Incomplete_DataSetCutShort_CompleteOnlyWhereATopLevelElementEnds(string file, string syntax)
    {
        var dataSet = DicomFile.Open(TestData.Path(file)).Dataset;
        var bytes = Encode(file, syntax);
        // Where each top-level element ends: the lengths of the data set's prefixes, encoded alone.
        var boundaries = Enumerable.Range(1, dataSet.Count)
            .Select(n => DicomDatasetSerializer.ToBytes(new DicomDataset(dataSet.Take(n)), DicomTransferSyntax.Lookup(syntax)).Length).ToHashSet();

        Assert.Contains("short of its last element's value", Track(syntax, bytes[..^1], 4096), StringComparison.Ordinal);
        Assert.Equal("data set ends inside an element header", Track(syntax, [.. bytes, 0x08, 0x00], 4096));
        // A cut between two top-level elements looks like a smaller whole object; every other cut is caught.
        for (int cut = 1; cut < bytes.Length; cut += 7)
        {
            Assert.True((Track(syntax, bytes[..cut], 4096) is null) == boundaries.Contains(cut), $"cut at {cut} of {bytes.Length}");
        }
    }

    [Fact]
    public void Incomplete_UndefinedLengthSequenceNeverClosed_NamesTheOpenSequence()
    {
        // (0008,1115) SQ, undefined length, one empty undefined-length item closed, no sequence delimiter.
        byte[] bytes = [0x08, 0x00, 0x15, 0x11, (byte)'S', (byte)'Q', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0x0D, 0xE0, 0, 0, 0, 0];

        Assert.Equal("data set ends inside 1 open sequence(s) or item(s)", Track(DicomUids.ExplicitVRLittleEndian, bytes, 5));
        Assert.Null(Track(DicomUids.ExplicitVRLittleEndian, [.. bytes, 0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0], 5));
    }

    [Fact]
    public void For_DeflatedSyntax_NullBecauseTheBytesCannotBeWalked() =>
        Assert.Null(DataSetCompletenessTracker.For(DicomUids.DeflatedExplicitVRLittleEndian));
}
