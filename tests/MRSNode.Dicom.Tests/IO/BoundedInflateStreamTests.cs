using System.Diagnostics;
using System.IO.Compression;
using MRSNode.Dicom.IO;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests.IO;

/// <summary>Issue 25, finding 1: a deflate bomb is refused within the inflate limits, quickly and without holding its bytes.</summary>
[UnitTest]
public class BoundedInflateStreamTests
{
    private const long GiB = 1L << 30;

    [Fact]
    public void DeflateBomb_InflatedByTheGenerator_IsTheDeclaredZerosAt1000To1()
    {
        var bomb = DeflateBomb.DataSet(64L << 20, "1.2.3.4");
        using var inflater = new DeflateStream(new MemoryStream(bomb), CompressionMode.Decompress);
        long total = 0;
        var buffer = new byte[1 << 16];
        for (int n; (n = inflater.Read(buffer)) > 0;)
        {
            total += n;
        }

        Assert.InRange(total - (64L << 20), 100, 300); // the header elements
        Assert.InRange(bomb.Length, 40_000, 120_000);  // deflate reaches about 1000:1 on zeros
    }

    [Fact]
    public void Drain_RatioAboveLimit_ThrowsNamingTheRatio()
    {
        var bomb = DeflateBomb.DataSet(256L << 20, "1.2.3.4");
        using var stream = new BoundedInflateStream(new MemoryStream(bomb), DicomReadOptions.Default);

        var ex = Assert.Throws<DicomFormatException>(() => stream.Drain());

        Assert.StartsWith("inflated size exceeds the limit of 100 times the deflated size", ex.Reason);
        Assert.InRange(stream.Inflated, 64L << 20, (64L << 20) + (1 << 20)); // stopped right past the 64 MiB floor
    }

    [Fact]
    public void Drain_SizeAboveAbsoluteLimit_ThrowsNamingTheLimit()
    {
        var bomb = DeflateBomb.DataSet(8L << 20, "1.2.3.4");
        var options = DicomReadOptions.Default with { MaxInflatedBytes = 4L << 20 };
        using var stream = new BoundedInflateStream(new MemoryStream(bomb), options);

        var ex = Assert.Throws<DicomFormatException>(() => stream.Drain());

        Assert.Equal($"inflated size exceeds the limit of {4L << 20} bytes", ex.Reason);
    }

    [Fact]
    public void Drain_WithinLimits_ReturnsInflatedSize()
    {
        var bomb = DeflateBomb.DataSet(8L << 20, "1.2.3.4");
        using var stream = new BoundedInflateStream(new MemoryStream(bomb), DicomReadOptions.Default);

        Assert.InRange(stream.Drain(), 8L << 20, (8L << 20) + 300);
    }

    [Fact]
    public void DicomFileOpen_TwoGiBDeflateBomb_RefusedBeforeAllocating()
    {
        var bomb = DeflateBomb.Part10(2 * GiB - (1 << 20), "1.2.3.4");
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();

        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(new MemoryStream(bomb)));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal(new DicomTag(0x0029, 0x1010), ex.Tag);
        Assert.Contains("value length 2146435072 exceeds the", ex.Reason);
        Assert.EndsWith("bytes left in its input within the inflate limits", ex.Reason);
        Assert.True(bomb.Length < 3_000_000, $"{bomb.Length} bytes");
        Assert.True(allocated < 16L << 20, $"{allocated} bytes allocated"); // no value buffer: refused from its header
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{watch.Elapsed}"); // hang detector only
    }

    [Fact]
    public void DicomFileOpen_DeflateBombFromNonSeekableStream_StopsAtAbsoluteLimit()
    {
        var bomb = DeflateBomb.Part10(64L << 20, "1.2.3.4");
        var options = DicomReadOptions.Default with { MaxInflatedBytes = 16L << 20 };

        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(new NonSeekableStream(bomb), options));

        Assert.Equal(new DicomTag(0x0029, 0x1010), ex.Tag);
        Assert.Equal($"inflated size exceeds the limit of {16L << 20} bytes", ex.Reason);
    }

    [Fact]
    public void DicomFileOpen_ValueAboveMaxValueLength_RefusedNamingTheLimit()
    {
        var bomb = DeflateBomb.Part10(8L << 20, "1.2.3.4");
        var options = DicomReadOptions.Default with { MaxValueLength = 1 << 20 };

        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(new MemoryStream(bomb), options));

        Assert.Equal($"value length {8L << 20} exceeds the limit of {1 << 20} bytes", ex.Reason);
    }

    [Fact]
    public void CheckInflatedSize_DeflateBombFile_ThrowsAndPlainFileReturnsZero()
    {
        var folder = TestData.NewTempFolder();
        var bombPath = Path.Combine(folder, "bomb.dcm");
        File.WriteAllBytes(bombPath, DeflateBomb.Part10(512L << 20, "1.2.3.4"));

        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.CheckInflatedSize(bombPath, DicomReadOptions.Default));

        Assert.StartsWith("inflated size exceeds the limit", ex.Reason);
        Assert.Equal(0, DicomFile.CheckInflatedSize(TestData.Path("dicom/siemens-xa60-svs.dcm"), DicomReadOptions.Default));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DicomFileOpen_MillionEmptyItems_RefusedPastMaxElements(bool deflated)
    {
        var bytes = EmptyItems(1_000_001, deflated);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(new MemoryStream(bytes)));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal("more than 1000000 elements and items", ex.Reason);
        Assert.True(allocated < 512L << 20, $"{allocated >> 20} MiB allocated for {bytes.Length >> 20} MiB of input");
    }

    [Fact]
    public void DicomFileOpen_IdentifiersOverEmptyItems_WalksTheSequenceKeepingNothing()
    {
        var bytes = EmptyItems(100_000, deflated: false);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var file = DicomFile.Open(new MemoryStream(bytes), DicomReadOptions.Identifiers);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal("1.2.3.4", file.Dataset.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal("1.2.3.4.1", file.Dataset.GetString(DicomTags.StudyInstanceUID));
        Assert.Null(file.Dataset.GetSequence(DicomTags.ReferencedStudySequence));
        Assert.True(allocated < 8L << 20, $"{allocated >> 20} MiB allocated");
    }

    /// <summary>A Part 10 file whose (0008,1110) sequence holds <paramref name="count"/> empty items of undefined length (16 bytes each).</summary>
    private static byte[] EmptyItems(int count, bool deflated)
    {
        var ds = new RawBytes()
            .Text(0x0008, 0x0018, "UI", "1.2.3.4\0")
            .Explicit(0x0008, 0x1110, "SQ", [], 0xFFFFFFFF);
        for (int i = 0; i < count; i++)
        {
            ds.Delimiter(0xE000, 0xFFFFFFFF).Delimiter(0xE00D, 0);
        }
        ds.Delimiter(0xE0DD, 0).Text(0x0020, 0x000D, "UI", "1.2.3.4.1\0");
        var body = ds.ToArray();
        if (deflated)
        {
            using var ms = new MemoryStream();
            using (var deflate = new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true))
            {
                deflate.Write(body);
            }
            body = ms.ToArray();
        }
        return RawBytes.Part10(body, deflated ? DicomUids.DeflatedExplicitVRLittleEndian : DicomUids.ExplicitVRLittleEndian);
    }

    /// <summary>A network-like source: no length, no seeking.</summary>
    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
