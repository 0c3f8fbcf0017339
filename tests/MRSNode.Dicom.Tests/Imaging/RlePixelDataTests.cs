using System.Buffers.Binary;
using MRSNode.Dicom.Imaging;
using MRSNode.Dicom.IO;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests.Imaging;

[UnitTest]
public class RlePixelDataTests
{
    private static DicomDataset RgbImage(int rows, int columns, int frames, out byte[] pixels)
    {
        pixels = new byte[rows * columns * 3 * frames];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i / 97 % 5 * 50);
        }
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomUids.SecondaryCaptureImageStorage);
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, "1.2.826.0.1.3680043.8.498.77");
        ds.AddOrUpdate<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 3);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "RGB");
        ds.AddOrUpdate<ushort>(DicomTags.PlanarConfiguration, DicomVR.US, 0);
        ds.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, (ushort)rows);
        ds.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, (ushort)columns);
        ds.AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 8);
        ds.AddOrUpdate<ushort>(DicomTags.BitsStored, DicomVR.US, 8);
        ds.AddOrUpdate<ushort>(DicomTags.HighBit, DicomVR.US, 7);
        ds.AddOrUpdate<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0);
        if (frames > 1)
        {
            ds.AddOrUpdate(DicomTags.NumberOfFrames, frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OB, pixels));
        return ds;
    }

    [Fact]
    public void Encode_TwoFrames_BasicOffsetTablePointsAtEachFragmentItem()
    {
        var ds = RgbImage(20, 30, 2, out _);

        RlePixelData.Encode(ds);

        var f = Assert.IsType<DicomFragmentSequence>(ds[DicomTags.PixelData]);
        Assert.Equal(2, f.Fragments.Count);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(f.OffsetTable.Span));
        Assert.Equal((uint)(8 + f.Fragments[0].Length), BinaryPrimitives.ReadUInt32LittleEndian(f.OffsetTable.Span[4..]));
        Assert.Equal(0, ds.GetValue<ushort>(DicomTags.PlanarConfiguration));
    }

    [Fact]
    public void Decode_AfterSaveAndOpenAsRle_SamePixelsInterleaved()
    {
        var ds = RgbImage(33, 45, 1, out var pixels);
        RlePixelData.Encode(ds);
        using var stream = new MemoryStream();
        new DicomFile(ds, DicomTransferSyntax.RleLossless).Save(stream);
        stream.Position = 0;

        var file = DicomFile.Open(stream);
        var decoded = RlePixelData.Decode(file.Dataset);

        Assert.Same(DicomTransferSyntax.RleLossless, file.TransferSyntax);
        Assert.Equal(pixels, decoded.GetBytes(DicomTags.PixelData).ToArray()[..pixels.Length]);
        Assert.IsType<DicomFragmentSequence>(file.Dataset[DicomTags.PixelData]); // the original is left as it was
    }

    [Fact]
    public void Encode_SixteenBitPixels_ThrowsInvalidOperation()
    {
        var ds = RgbImage(2, 2, 1, out _);
        ds.AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 16);

        Assert.Throws<InvalidOperationException>(() => RlePixelData.Encode(ds));
    }
}
