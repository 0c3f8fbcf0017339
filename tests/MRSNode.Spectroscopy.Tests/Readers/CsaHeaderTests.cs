using System.Buffers.Binary;
using System.Text;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class CsaHeaderTests(ITestOutputHelper output)
{
    private static byte[] ImageCsa()
    {
        var ds = DicomFile.Open(TestData.Path("dicom/siemens-csa-svs30.ima")).Dataset;
        return ds.GetBytes(ds.FindPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10)!.Value).ToArray();
    }

    [Fact]
    public void Parse_Svs30ImageHeader_Csa2With85Tags()
    {
        var csa = CsaHeader.Parse(ImageCsa());
        Assert.Equal(2, csa.Version);
        Assert.Equal(85, csa.Elements.Count);
        Assert.Equal(833400, csa.GetInt("RealDwellTime"));
        Assert.Equal(123.234655, csa.GetDouble("ImagingFrequency")!.Value, 1e-9);
        Assert.Equal(1024, csa.GetInt("DataPointColumns"));
        Assert.Equal(64, csa.GetInt("NumberOfAverages"));
        Assert.Equal("COMPLEX", csa.GetString("DataRepresentation"));
        Assert.Equal(3, csa.GetDoubles("VoiPosition").Length);
        var echo = csa.Elements["EchoTime"];
        Assert.Equal(1, echo.VM);
        Assert.Equal("DS", echo.VR);
        Assert.Null(csa.GetString("NoSuchElement"));
    }

    [Fact]
    public void Parse_Svs30SeriesHeader_ProtocolTotalEchoTime()
    {
        var ds = DicomFile.Open(TestData.Path("dicom/siemens-csa-svs30.ima")).Dataset;
        var series = CsaHeader.Parse(ds.GetBytes(ds.FindPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x20)!.Value).Span);
        var protocol = Ascconv.Parse(series.GetString("MrPhoenixProtocol")!);
        Assert.Equal(30000, Ascconv.Number(protocol, "alTE[0]"));
        Assert.Equal(64, Ascconv.Number(protocol, "lAverages"));
        Assert.Equal("svs_se_30_LSTG", Ascconv.Text(protocol, "tProtocolName"));
        Assert.Equal(0x20, Ascconv.Number(protocol, "sPrepPulses.ucWaterSat"));
    }

    [Fact]
    public void Parse_Csa1_ItemLengthsOffsetByTagOneItems()
    {
        // Two tags, CSA1 layout: item length = x0 − n_items of tag 1.
        var bytes = new List<byte>();
        void I32(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); bytes.AddRange(b); }
        void Tag(string name, int vm, string vr, string[] items)
        {
            var n = new byte[64];
            Encoding.ASCII.GetBytes(name).CopyTo(n, 0);
            bytes.AddRange(n);
            I32(vm);
            var v = new byte[4];
            Encoding.ASCII.GetBytes(vr).CopyTo(v, 0);
            bytes.AddRange(v);
            I32(3); I32(items.Length); I32(77);
            foreach (var item in items)
            {
                var text = Encoding.ASCII.GetBytes(item + "\0");
                I32(text.Length + items.Length); I32(text.Length + items.Length); I32(77); I32(text.Length + items.Length);
                bytes.AddRange(text);
                bytes.AddRange(new byte[(4 - text.Length % 4) % 4]);
            }
        }
        I32(2); I32(77);
        Tag("EchoTime", 1, "DS", ["30.0"]);
        Tag("ImagedNucleus", 1, "SH", ["1H"]);
        var csa = CsaHeader.Parse(bytes.ToArray());
        Assert.Equal(1, csa.Version);
        Assert.Equal(30.0, csa.GetDouble("EchoTime"));
        Assert.Equal("1H", csa.GetString("ImagedNucleus"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(100)]
    [InlineData(5000)]
    [InlineData(14100)]
    public void Parse_Truncated_ThrowsMrsReadException(int length)
    {
        var ex = Assert.Throws<MrsReadException>(() => CsaHeader.Parse(ImageCsa().AsSpan(0, length), "x.ima"));
        Assert.Contains("CSA", ex.Message);
    }

    [Fact]
    public void Parse_TooManyTags_Throws()
    {
        var bytes = ImageCsa();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 1001);
        var ex = Assert.Throws<MrsReadException>(() => CsaHeader.Parse(bytes));
        Assert.Contains("1001", ex.Message);
    }

    [Fact]
    public void Parse_TooManyItems_Throws()
    {
        var bytes = ImageCsa();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16 + 76), 1001); // n_items of the first tag
        Assert.Throws<MrsReadException>(() => CsaHeader.Parse(bytes));
    }

    [Fact]
    public void Parse_RandomBytes_Throws()
    {
        var random = new Random(3);
        for (int i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length >= 4)
            {
                "SV10"u8.CopyTo(bytes);
            }
            Assert.Throws<MrsReadException>(() => CsaHeader.Parse(bytes));
        }
    }

    /// <summary>Hundreds of mutated real headers: each parses or raises MrsReadException, nothing else.</summary>
    [Fact]
    public void Parse_MutatedHeaders_OnlyMrsReadExceptionOrSuccess()
    {
        var original = ImageCsa();
        var random = new Random(2024);
        int parsed = 0, rejected = 0;
        for (int round = 0; round < 600; round++)
        {
            var bytes = (byte[])original.Clone();
            int mutations = 1 + random.Next(8);
            for (int m = 0; m < mutations; m++)
            {
                int at = random.Next(bytes.Length - 4);
                switch (random.Next(4))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), random.Next(int.MinValue, int.MaxValue)); break;
                    case 2: BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), random.Next(-2, 2000)); break;
                    default: Array.Resize(ref bytes, random.Next(bytes.Length)); break;
                }
                if (bytes.Length < 8)
                {
                    break;
                }
            }
            try
            {
                CsaHeader.Parse(bytes, "fuzz.ima");
                parsed++;
            }
            catch (MrsReadException)
            {
                rejected++;
            }
        }
        output.WriteLine($"parsed {parsed}, rejected {rejected}");
        Assert.Equal(600, parsed + rejected);
        Assert.True(rejected > 0 && parsed > 0);
    }
}
