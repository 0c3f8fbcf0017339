using System.Buffers.Binary;
using System.IO.Compression;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Rendering.Raster;

[UnitTest]
public class PngEncoderTests
{
    private static RasterCanvas Sample()
    {
        var c = new RasterCanvas(37, 23);
        c.FillRectangle(3, 4, 10, 5, new ReportColor(200, 30, 60));
        c.DrawLine(0, 22, 36, 0, ReportColor.Black, 1.5);
        return c;
    }

    private static List<(string Type, byte[] Data, uint Crc)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[], uint)>();
        for (int at = 8; at < png.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            chunks.Add((type, png.AsSpan(at + 8, length).ToArray(), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length))));
            at += 12 + length;
        }
        return chunks;
    }

    [Fact]
    public void Crc_Iend_IsTheWellKnownValue()
    {
        Assert.Equal(0xAE426082u, ~PngEncoder.Crc(0xFFFFFFFF, "IEND"u8));
        Assert.Equal(0xCBF43926u, ~PngEncoder.Crc(0xFFFFFFFF, "123456789"u8)); // the CRC-32 check value
    }

    [Fact]
    public void ToPng_Canvas_SignatureHeaderAndChunkCrcs()
    {
        var png = Sample().ToPng();
        var chunks = Chunks(png);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        var ihdr = chunks[0].Data;
        Assert.Equal(37u, BinaryPrimitives.ReadUInt32BigEndian(ihdr));
        Assert.Equal(23u, BinaryPrimitives.ReadUInt32BigEndian(ihdr.AsSpan(4)));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, ihdr[8..]);
        foreach (var (type, data, crc) in chunks)
        {
            Assert.Equal(~PngEncoder.Crc(PngEncoder.Crc(0xFFFFFFFF, System.Text.Encoding.ASCII.GetBytes(type)), data), crc);
        }
    }

    [Fact]
    public void ToPng_Idat_InflatesToFilterBytePlusEachRow()
    {
        var canvas = Sample();
        var idat = Chunks(canvas.ToPng())[1].Data;

        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }
        var raw = inflated.ToArray();

        Assert.Equal(23 * (1 + 37 * 3), raw.Length);
        for (int y = 0; y < 23; y++)
        {
            Assert.Equal(0, raw[y * (1 + 37 * 3)]);
            Assert.True(raw.AsSpan(y * (1 + 37 * 3) + 1, 37 * 3).SequenceEqual(canvas.Pixels.Slice(y * 37 * 3, 37 * 3)));
        }
    }

    [PeerFact("PIL")]
    public void ToPng_ReadByPillow_SameSizeAndPixels()
    {
        var canvas = Sample();
        var path = Path.Combine(TestData.NewTempFolder(), "sample.png");
        File.WriteAllBytes(path, canvas.ToPng());

        var r = Peers.Run(Peers.Python, ["-c", $"from PIL import Image; im = Image.open('{path}'); print(im.size, im.mode, im.getpixel((5, 6)), im.getpixel((30, 3)), im.tobytes().hex())"]);

        Assert.Equal(0, r.ExitCode);
        var parts = r.StdOut.Trim().Split(' ');
        Assert.StartsWith("(37, 23) RGB (200, 30, 60)", r.StdOut);
        Assert.Equal(Convert.ToHexStringLower(canvas.Pixels), parts[^1]);
    }
}
