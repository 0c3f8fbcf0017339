using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MRSNode.Neural;
using MRSNode.Neural.Serialization;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Neural.Tests.Serialization;

[UnitTest]
public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mrsnode-st-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteSample()
    {
        var path = Path.Combine(_dir, "sample.safetensors");
        SafeTensors.Write(path,
        [
            ("conv.weight", Tensor.FromValues([1.5f, -2f, 3.25f, 0f, 1e-7f, -1e30f], 2, 1, 3)),
            ("conv.bias", Tensor.FromValues([0.5f, -0.5f], 2)),
        ], new Dictionary<string, string> { ["format"] = "pt" });
        return path;
    }

    [Fact]
    public void WriteRead_TwoTensors_RoundTripsValuesShapesAndMetadata()
    {
        var content = SafeTensors.Read(WriteSample());
        Assert.Equal([2, 1, 3], content.Tensors["conv.weight"].ShapeArray());
        Assert.Equal([1.5f, -2f, 3.25f, 0f, 1e-7f, -1e30f], content.Tensors["conv.weight"].Span.ToArray());
        Assert.Equal([0.5f, -0.5f], content.Tensors["conv.bias"].Span.ToArray());
        Assert.Equal("pt", content.Metadata["format"]);
    }

    [Fact]
    public void Write_Header_IsJsonInTheSpecLayout()
    {
        var bytes = File.ReadAllBytes(WriteSample());
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, n % 8);
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n));
        var weight = json.RootElement.GetProperty("conv.weight");
        Assert.Equal("F32", weight.GetProperty("dtype").GetString());
        Assert.Equal([2, 1, 3], weight.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0L, 24L], weight.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([24L, 32L], json.RootElement.GetProperty("conv.bias").GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("pt", json.RootElement.GetProperty("__metadata__").GetProperty("format").GetString());
        Assert.Equal(8 + (long)n + 32, bytes.Length);
        Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (int)n)));
    }

    [Fact]
    public void Read_OffsetsBeyondTheFile_ThrowsFormatException()
    {
        var path = WriteSample();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(path));
    }

    [PeerFact("python3")]
    public void Read_ByPython_StructAtTheHeaderOffsetsGivesTheSameFloats()
    {
        // Cross-check with an independent reader: Python's json + struct at the header's data_offsets (no numpy here).
        const string Script = "import json,struct,sys\nb=open(sys.argv[1],'rb').read()\nn=struct.unpack('<Q',b[:8])[0]\nh=json.loads(b[8:8+n])\ns,e=h['conv.weight']['data_offsets']\nprint(' '.join(repr(x) for x in struct.unpack('<%df'%((e-s)//4),b[8+n+s:8+n+e])))";
        var result = Peers.Run("python3", ["-c", Script, WriteSample()]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var values = result.StdOut.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([1.5f, -2f, 3.25f, 0f, 1e-7f, -1e30f], values);
    }
}
