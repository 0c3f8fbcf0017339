using System.Text;
using MRSNode.Dicom.IO;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests.IO;

[UnitTest]
public class DicomFileReadTests
{
    private const uint Undefined = 0xFFFFFFFF;

    [Fact]
    public void Open_SiemensXA60_ReadsSpectroscopyParameters()
    {
        var ds = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm")).Dataset;

        Assert.Equal(DicomUids.MRSpectroscopyStorage, ds.GetString(DicomTags.SOPClassUID));
        Assert.Equal(123.255089, ds.GetValue<double>(DicomTags.TransmitterFrequency));
        Assert.Equal(1199.904, ds.GetValue<double>(DicomTags.SpectralWidth), 3);
        Assert.Equal("1H", ds.GetString(DicomTags.ResonantNucleus));
        Assert.Equal(1024u, ds.GetValue<uint>(DicomTags.DataPointColumns));
        Assert.Equal(2048, ds.GetFloats(DicomTags.SpectroscopyData).Length);
        Assert.Equal(1024, ds.GetComplexFloats(DicomTags.SpectroscopyData).Length);
        Assert.Equal(3, ds.GetSequence(DicomTags.VolumeLocalizationSequence)!.Items.Count);
        Assert.Equal([0.0, 1.0, 0.0], ds.GetSequence(DicomTags.VolumeLocalizationSequence)!.Items[1].GetDoubles(DicomTags.SlabOrientation));
    }

    [Fact]
    public void Open_SiemensCsa_FindsCsaBlocksThroughTheirCreators()
    {
        var ds = DicomFile.Open(TestData.Path("dicom/siemens-csa-svs30.ima")).Dataset;

        var imageCsa = ds.FindPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10);
        var fid = ds.FindPrivateTag(0x7FE1, "SIEMENS CSA NON-IMAGE", 0x10);

        Assert.Equal(new DicomTag(0x0029, 0x1110), imageCsa);
        Assert.StartsWith("SV10", Encoding.ASCII.GetString(ds.GetBytes(imageCsa!.Value).Span[..4]));
        Assert.Equal(new DicomTag(0x7FE1, 0x1010), fid);
        Assert.Equal(8192, ds.GetBytes(fid!.Value).Length);
        Assert.Equal("SIEMENS CSA NON-IMAGE", ds.GetPrivateCreator(fid.Value));
    }

    [Fact]
    public void Open_HeaderOnly_StopsBeforeBulkDataAndReadsLittleOfTheStream()
    {
        var ds = new DicomDataset()
            .AddOrUpdate(DicomTags.SOPClassUID, DicomUids.MRSpectroscopyStorage)
            .AddOrUpdate(DicomTags.SOPInstanceUID, "1.2.3.4.5.6")
            .AddOrUpdate(DicomTags.SeriesDescription, "svs_se_30")
            .AddOrUpdate<float>(DicomTags.SpectroscopyData, DicomVR.OF, new float[2_000_000]);
        using var ms = new MemoryStream();
        new DicomFile(ds).Save(ms);
        using var counting = new CountingStream(new MemoryStream(ms.ToArray()));

        var file = DicomFile.Open(counting, DicomReadOptions.HeaderOnly);

        Assert.True(file.IsPartial);
        Assert.False(file.Dataset.Contains(DicomTags.SpectroscopyData));
        Assert.Equal("svs_se_30", file.Dataset.GetString(DicomTags.SeriesDescription));
        Assert.True(counting.BytesRead <= 128 * 1024, $"read {counting.BytesRead} of {ms.Length}");
    }

    [Fact]
    public void Open_OddLengthValue_KeepsBytesAndWriterPads()
    {
        var data = new RawBytes()
            .Text(0x0008, 0x0016, "UI", DicomUids.SecondaryCaptureImageStorage) // 25 characters: odd
            .Text(0x0008, 0x0018, "UI", "1.2.3")
            .Text(0x0010, 0x0010, "PN", "Doe^Jo")
            .Explicit(0x0011, 0x0010, "LO", "ABC"u8.ToArray()) // odd private creator
            .ToArray();

        var ds = DicomFile.Open(new MemoryStream(RawBytes.Part10(data, DicomUids.ExplicitVRLittleEndian))).Dataset;

        Assert.Equal(25, ds.GetElement(DicomTags.SOPClassUID)!.Length);
        Assert.Equal(DicomUids.SecondaryCaptureImageStorage, ds.GetString(DicomTags.SOPClassUID));
        Assert.Equal("ABC", ds.GetString(new DicomTag(0x0011, 0x0010)));
        using var ms = new MemoryStream();
        new DicomFile(ds).Save(ms);
        ms.Position = 0;
        var reread = DicomFile.Open(ms).Dataset;
        Assert.Equal(26, reread.GetElement(DicomTags.SOPClassUID)!.Length);
        Assert.Equal(0, reread.GetElement(DicomTags.SOPClassUID)!.Value.Span[25]);
        Assert.Equal((byte)' ', reread.GetElement(new DicomTag(0x0011, 0x0010))!.Value.Span[3]);
    }

    [PeerFact("dcmdump")]
    public void Open_UnknownVRWithUndefinedLength_ParsesImplicitSequenceLikeDcmtk()
    {
        // CP-246: a private SQ sent as UN of undefined length holds an implicit VR little endian sequence.
        var item = new RawBytes().Implicit(0x0029, 0x0010, Encoding.ASCII.GetBytes("ACME 1.0")).Implicit(0x0029, 0x1001, Encoding.ASCII.GetBytes("hi")).ToArray();
        var data = new RawBytes()
            .Text(0x0008, 0x0016, "UI", DicomUids.MRSpectroscopyStorage)
            .Text(0x0008, 0x0018, "UI", "1.2.3.4")
            .Text(0x0029, 0x0010, "LO", "ACME 1.0")
            .Explicit(0x0029, 0x1001, "UN", [], Undefined)
            .Delimiter(0xE000, Undefined).Raw(item).Delimiter(0xE00D, 0)
            .Delimiter(0xE0DD, 0)
            .Text(0x0029, 0x1002, "LO", "afters")
            .ToArray();
        var path = Path.Combine(TestData.NewTempFolder(), "un.dcm");
        File.WriteAllBytes(path, RawBytes.Part10(data, DicomUids.ExplicitVRLittleEndian));

        var ds = DicomFile.Open(path).Dataset;
        var dcmdump = Peers.Run("dcmdump", ["-Un", path]);

        var sq = ds.GetSequence(new DicomTag(0x0029, 0x1001));
        Assert.NotNull(sq);
        Assert.Single(sq.Items);
        Assert.Equal(DicomVR.UN, sq.Items[0].GetElement(new DicomTag(0x0029, 0x1001))!.VR);
        Assert.Equal("afters", ds.GetString(new DicomTag(0x0029, 0x1002)));
        Assert.Contains("(0029,1001) SQ", dcmdump.StdOut);
        Assert.Contains("(0029,1002) LO [afters]", dcmdump.StdOut);
    }

    [Fact]
    public void Open_ImplicitPrivateElement_ResolvesVRThroughCreatorInAnyBlock()
    {
        // "SIEMENS CSA HEADER" reserved in block 0x12 instead of the usual 0x11: (0029,1208) must still be CS.
        var data = new RawBytes()
            .Implicit(0x0008, 0x0016, Encoding.ASCII.GetBytes(DicomUids.SiemensCsaNonImageStorage + "\0"))
            .Implicit(0x0029, 0x0012, Encoding.ASCII.GetBytes("SIEMENS CSA HEADER"))
            .Implicit(0x0029, 0x1208, Encoding.ASCII.GetBytes("SPEC NUM 4"))
            .Implicit(0x0029, 0x1308, Encoding.ASCII.GetBytes("XX"))
            .ToArray();

        var ds = DicomFile.Open(new MemoryStream(data)).Dataset;

        Assert.Equal(DicomVR.CS, ds.GetElement(new DicomTag(0x0029, 0x1208))!.VR);
        Assert.Equal(DicomVR.UN, ds.GetElement(new DicomTag(0x0029, 0x1308))!.VR); // block 0x13 has no creator
        Assert.Equal("SPEC NUM 4", ds.GetString(new DicomTag(0x0029, 0x1208)));
    }

    [Fact]
    public void Open_BigEndianValues_AreSwappedToLittleEndian()
    {
        var data = new RawBytes(bigEndian: true)
            .Tag(0x0028, 0x0010).Raw("US"u8).U16(2).U16(512)
            .Tag(0x0018, 0x9098).Raw("FD"u8).U16(8).Raw(BitConverter.GetBytes(123.25).Reverse().ToArray())
            .ToArray();

        var file = DicomFile.Open(new MemoryStream(RawBytes.Part10(data, DicomUids.ExplicitVRBigEndian)));

        Assert.Equal(512, file.Dataset.GetValue<int>(DicomTags.Rows));
        Assert.Equal(123.25, file.Dataset.GetValue<double>(DicomTags.TransmitterFrequency));
    }

    [Fact]
    public void Open_DuplicateTag_KeepsFirstOccurrence()
    {
        var data = new RawBytes().Text(0x0010, 0x0010, "PN", "First").Text(0x0010, 0x0010, "PN", "Second").ToArray();

        var ds = DicomFile.Open(new MemoryStream(data)).Dataset;

        Assert.Equal("First", ds.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void Open_EncapsulatedPixelData_KeepsOffsetTableAndFragments()
    {
        var data = new RawBytes()
            .Text(0x0008, 0x0016, "UI", DicomUids.SecondaryCaptureImageStorage + "\0")
            .Text(0x0008, 0x0018, "UI", "1.2.3.45")
            .Explicit(0x7FE0, 0x0010, "OB", [], Undefined)
            .Delimiter(0xE000, 4).Raw([0, 0, 0, 0])
            .Delimiter(0xE000, 6).Raw([1, 2, 3, 4, 5, 6])
            .Delimiter(0xE0DD, 0)
            .ToArray();

        var file = DicomFile.Open(new MemoryStream(RawBytes.Part10(data, DicomUids.JpegBaseline)));
        var pixels = Assert.IsType<DicomFragmentSequence>(file.Dataset[DicomTags.PixelData]);

        Assert.True(file.TransferSyntax.IsEncapsulated);
        Assert.Equal(4, pixels.OffsetTable.Length);
        Assert.Equal([1, 2, 3, 4, 5, 6], pixels.Fragments.Single().ToArray());
        using var ms = new MemoryStream();
        file.Save(ms);
        ms.Position = 0;
        DatasetAssert.Equal(file.Dataset, DicomFile.Open(ms).Dataset);
        Assert.Throws<InvalidOperationException>(() => file.Save(new MemoryStream(), DicomTransferSyntax.ExplicitVRLittleEndian));
    }

    [Fact]
    public void Open_DeeplyNestedSequences_ThrowsFormatExceptionNotStackOverflow()
    {
        var raw = new RawBytes();
        const int depth = 5000;
        for (int i = 0; i < depth; i++)
        {
            raw.Explicit(0x0040, 0xA730, "SQ", [], Undefined).Delimiter(0xE000, Undefined);
        }

        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(new MemoryStream(raw.ToArray())));

        Assert.Contains("nested deeper than 64", ex.Message);
    }

    [Theory]
    [InlineData(0x7FFFFFF0u)]
    [InlineData(0xFFFFFFF0u)]
    public void Open_LengthBeyondInput_ThrowsWithTagAndOffset(uint length)
    {
        var data = new RawBytes().Text(0x0010, 0x0010, "PN", "Doe^").Explicit(0x5600, 0x0020, "OF", new byte[16], length).ToArray();

        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(new MemoryStream(data)));

        Assert.Equal(new DicomTag(0x5600, 0x0020), ex.Tag);
        Assert.Equal(12, ex.Offset);
        Assert.Contains("exceeds", ex.Message);
    }

    [Fact]
    public void Open_ItemLongerThanItsSequence_Throws()
    {
        var data = new RawBytes()
            .Explicit(0x0008, 0x1140, "SQ", [], 16)
            .Delimiter(0xE000, 100).Text(0x0008, 0x1150, "UI", "1.2")
            .ToArray();

        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(new MemoryStream(data)));

        Assert.Contains("runs past the end of its sequence", ex.Message);
    }

    [Fact]
    public void Open_EmptyOrTinyInput_ThrowsFormatException()
    {
        Assert.Throws<DicomFormatException>(() => DicomFile.Open(new MemoryStream([])));
        Assert.Throws<DicomFormatException>(() => DicomFile.Open(new MemoryStream([0x08, 0x00, 0x10])));
        Assert.Throws<DicomFormatException>(() => DicomFile.Open(new MemoryStream(new byte[132])));
    }

    [Fact]
    public void Open_DeflatedStreamFromNonSeekableSource_ReadsSameDataset()
    {
        var original = DicomFile.Open(TestData.Path("dicom/philips-mrs-2frame.dcm"));
        using var ms = new MemoryStream();
        original.Save(ms, DicomTransferSyntax.DeflatedExplicitVRLittleEndian);

        var reread = DicomFile.Open(new NonSeekableStream(ms.ToArray()));

        Assert.True(ms.Length < new FileInfo(TestData.Path("dicom/philips-mrs-2frame.dcm")).Length);
        DatasetAssert.Equal(original.Dataset, reread.Dataset);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
