using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MRSNode.Neural.Serialization;

/// <summary>A safetensors file that does not follow the format.</summary>
public sealed class SafeTensorsFormatException(string message) : Exception(message);

/// <summary>The tensors and string metadata of a safetensors file.</summary>
public sealed record SafeTensorsContent(IReadOnlyDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// The safetensors format (Hugging Face), written by hand: an 8-byte little-endian header length N, N bytes of JSON
/// {"__metadata__": {string: string}, name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ...}
/// (padded with spaces to a multiple of 8), then the raw little-endian data; offsets count from the end of the header.
/// Only F32 is written or read: that is all the engine holds.
/// </summary>
public static class SafeTensors
{
    private const long MaxHeader = 100 * 1024 * 1024;

    public static void Write(string path, IEnumerable<(string Name, Tensor Value)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata)
            {
                meta[k] = v;
            }
            header["__metadata__"] = meta;
        }
        long offset = 0;
        foreach (var (name, value) in list)
        {
            long bytes = 4L * value.Length;
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray([.. value.Shape.Select(d => (JsonNode)d)]),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (int i = json.Length; i < padded; i++)
        {
            stream.WriteByte((byte)' ');
        }
        foreach (var (_, value) in list)
        {
            var span = value.Span;
            var buffer = new byte[4 * span.Length];
            for (int i = 0; i < span.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * i), span[i]);
            }
            stream.Write(buffer);
        }
    }

    public static SafeTensorsContent Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8)
        {
            throw new SafeTensorsFormatException($"{path}: {bytes.Length} bytes, shorter than the 8-byte header length");
        }
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n > (ulong)Math.Min(MaxHeader, bytes.Length - 8))
        {
            throw new SafeTensorsFormatException($"{path}: header length {n} exceeds the file");
        }
        int dataStart = 8 + (int)n;
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(8, (int)n))?.AsObject() ?? throw new SafeTensorsFormatException($"{path}: the header is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException($"{path}: the header is not valid JSON ({e.Message})");
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node?.AsObject() ?? [])
                {
                    metadata[k] = v?.GetValue<string>() ?? "";
                }
                continue;
            }
            tensors[name] = ReadTensor(path, name, node, bytes, dataStart);
        }
        return new SafeTensorsContent(tensors, metadata);
    }

    private static Tensor ReadTensor(string path, string name, JsonNode? node, byte[] bytes, int dataStart)
    {
        var entry = node as JsonObject ?? throw new SafeTensorsFormatException($"{path}: '{name}' is not an object");
        string dtype = entry["dtype"]?.GetValue<string>() ?? "";
        if (dtype != "F32")
        {
            throw new SafeTensorsFormatException($"{path}: '{name}' has dtype {dtype}; only F32 is supported");
        }
        var shape = (entry["shape"] as JsonArray ?? throw new SafeTensorsFormatException($"{path}: '{name}' has no shape"))
            .Select(d => d!.GetValue<int>()).ToArray();
        var offsets = entry["data_offsets"] as JsonArray ?? throw new SafeTensorsFormatException($"{path}: '{name}' has no data_offsets");
        long begin = offsets[0]!.GetValue<long>(), end = offsets[1]!.GetValue<long>();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (begin < 0 || end < begin || dataStart + end > bytes.Length || end - begin != 4 * count)
        {
            throw new SafeTensorsFormatException($"{path}: '{name}' data_offsets [{begin}, {end}] do not fit its shape or the file");
        }
        var tensor = Tensor.Zeros(shape);
        var span = tensor.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(dataStart + (int)begin + 4 * i));
        }
        return tensor;
    }
}
