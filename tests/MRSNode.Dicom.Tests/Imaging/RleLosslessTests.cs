using System.Buffers.Binary;
using MRSNode.Dicom.Imaging;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests.Imaging;

[UnitTest]
public class RleLosslessTests
{
    [Fact]
    public void EncodeFrame_GreyRowOfRunsAndLiterals_PackBitsBytesOfPs35AnnexG()
    {
        byte[] row = [7, 7, 7, 7, 1, 2, 9, 9];

        var fragment = RleLossless.EncodeFrame(row, 1, row.Length, 1);

        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(fragment));
        Assert.Equal(64u, BinaryPrimitives.ReadUInt32LittleEndian(fragment.AsSpan(4)));
        Assert.All(fragment[8..64], b => Assert.Equal(0, b));
        // −3 ⇒ 4 × 7; 1 ⇒ two literals; −1 ⇒ 2 × 9; then one no-op byte (−128) pads the segment to even length.
        Assert.Equal(new byte[] { 0xFD, 7, 1, 1, 2, 0xFF, 9, 0x80 }, fragment[64..]);
    }

    [Fact]
    public void EncodeFrame_RgbPixels_OneSegmentPerColourAtEvenOffsets()
    {
        byte[] pixels = [10, 20, 30, 10, 20, 30, 11, 21, 31];

        var fragment = RleLossless.EncodeFrame(pixels, 1, 3, 3);

        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(fragment));
        var offsets = Enumerable.Range(0, 3).Select(s => BinaryPrimitives.ReadUInt32LittleEndian(fragment.AsSpan(4 + 4 * s))).ToArray();
        Assert.Equal(new uint[] { 64, 68, 72 }, offsets);
        Assert.Equal(new byte[] { 0xFF, 10, 0, 11 }, fragment[64..68]); // red: 2 × 10, then literal 11
        Assert.Equal(new byte[] { 0xFF, 30, 0, 31 }, fragment[72..76]);
        Assert.Equal(76, fragment.Length);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 301, 3)]
    [InlineData(64, 257, 1)]
    public void DecodeFrame_EncodedNoiseAndRuns_RoundTripsEveryByte(int rows, int columns, int samples)
    {
        var random = new Random(rows * 1000 + columns);
        var pixels = new byte[rows * columns * samples];
        random.NextBytes(pixels);
        // Long runs (over the 128-byte run limit) and pairs, as a report page has them.
        pixels.AsSpan(0, Math.Min(pixels.Length, 400)).Fill(255);
        for (var i = 401; i + 1 < pixels.Length; i += 7)
        {
            pixels[i + 1] = pixels[i];
        }

        var fragment = RleLossless.EncodeFrame(pixels, rows, columns, samples);

        Assert.Equal(pixels, RleLossless.DecodeFrame(fragment, rows, columns, samples));
    }

    [Fact]
    public void DecodeFrame_TruncatedSegment_ThrowsDicomFormatException()
    {
        var fragment = RleLossless.EncodeFrame(new byte[100], 10, 10, 1);

        var ex = Assert.Throws<DicomFormatException>(() => RleLossless.DecodeFrame(fragment.AsSpan(0, 66), 10, 10, 1));

        Assert.Contains("segment ends after", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeFrame_WrongSegmentCount_ThrowsDicomFormatException()
    {
        var fragment = RleLossless.EncodeFrame(new byte[30], 1, 10, 3);

        Assert.Throws<DicomFormatException>(() => RleLossless.DecodeFrame(fragment, 1, 30, 1));
    }
}
