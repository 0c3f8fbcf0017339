using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>One CSA element: name, VM, VR, SyngoDT and its meaningful text values (at most VM, or n_items when VM is 0).</summary>
public sealed record CsaElement(string Name, int VM, string VR, int SyngoDT, IReadOnlyList<string> Values);

/// <summary>
/// A Siemens CSA header (the private OB blobs (0029,xx10) image and (0029,xx20) series), CSA2
/// ("SV10") or CSA1, as nibabel's csareader reads it. Layout, little endian:
/// CSA2 = "SV10", 4 unused bytes, uint32 n_tags, uint32 check (77); CSA1 starts at n_tags.
/// Each tag is 84 bytes: name[64] NUL-terminated, int32 vm, vr[4], int32 syngodt, int32 n_items,
/// int32 (77 or 205); each item is int32×4 (CSA2: length = the second; CSA1: first − n_items of tag 1)
/// followed by the value text, padded to 4 bytes. n_tags and n_items are capped at 1000; every length is
/// checked against the buffer, so a malformed header raises <see cref="MrsReadException"/>, never an
/// index error.
/// </summary>
public sealed class CsaHeader
{
    public const int MaxTags = 1000;
    public const int MaxItems = 1000;
    private const int TagHeaderLength = 84;
    private const int ItemHeaderLength = 16;

    private readonly Dictionary<string, CsaElement> _elements;

    private CsaHeader(int version, Dictionary<string, CsaElement> elements)
    {
        Version = version;
        _elements = elements;
    }

    /// <summary>1 for CSA1, 2 for CSA2 ("SV10").</summary>
    public int Version { get; }

    public IReadOnlyDictionary<string, CsaElement> Elements => _elements;

    /// <summary>Parses a CSA header; <paramref name="source"/> names the file in error messages.</summary>
    public static CsaHeader Parse(ReadOnlySpan<byte> data, string source = "")
    {
        var reader = new Reader(data, source);
        int version = 1;
        if (data.Length >= 4 && data[..4].SequenceEqual("SV10"u8))
        {
            version = 2;
            reader.Position = 8; // "SV10" and 4 unused bytes
        }
        uint nTags = reader.UInt32("number of tags");
        reader.UInt32("check value");
        if (nTags == 0 || nTags > MaxTags)
        {
            throw reader.Error($"the CSA header claims {nTags} tags; expected 1 to {MaxTags}");
        }
        var elements = new Dictionary<string, CsaElement>(StringComparer.Ordinal);
        int tag1Items = 0;
        for (int tagNo = 0; tagNo < nTags; tagNo++)
        {
            reader.Require(TagHeaderLength, $"tag {tagNo}");
            string name = reader.Text(64);
            int vm = reader.Int32("vm");
            string vr = reader.Text(4);
            int syngoDt = reader.Int32("syngodt");
            int nItems = reader.Int32("n_items");
            reader.Int32("tag marker");
            if (nItems < 0 || nItems > MaxItems)
            {
                throw reader.Error($"tag '{name}' claims {nItems} items; expected 0 to {MaxItems}");
            }
            if (vm < 0 || vm > MaxItems)
            {
                throw reader.Error($"tag '{name}' has value multiplicity {vm}");
            }
            if (tagNo <= 1)
            {
                tag1Items = nItems; // CSA1 item lengths are offset by tag 1's n_items (nibabel)
            }
            int nValues = vm == 0 ? nItems : vm;
            var values = new List<string>(Math.Min(nValues, nItems));
            for (int itemNo = 0; itemNo < nItems; itemNo++)
            {
                reader.Require(ItemHeaderLength, $"item {itemNo} of tag '{name}'");
                int x0 = reader.Int32("item length");
                int x1 = reader.Int32("item length");
                reader.Int32("item marker");
                reader.Int32("item length");
                int length = version == 2 ? x1 : x0 - tag1Items;
                if (length < 0 || length > reader.Remaining)
                {
                    throw reader.Error($"item {itemNo} of tag '{name}' claims {length} bytes but {reader.Remaining} remain");
                }
                string value = reader.Text(length);
                int pad = (4 - length % 4) % 4;
                reader.Position = Math.Min(reader.Position + pad, data.Length);
                if (itemNo < nValues)
                {
                    values.Add(value);
                }
            }
            // A repeated name keeps the first, as dcmtk keeps the first duplicate element.
            elements.TryAdd(name, new CsaElement(name, vm, vr, syngoDt, values));
        }
        return new CsaHeader(version, elements);
    }

    public bool Contains(string name) => _elements.ContainsKey(name);

    /// <summary>The non-empty values of an element, trimmed; empty when absent.</summary>
    public string[] GetStrings(string name) =>
        _elements.TryGetValue(name, out var e) ? e.Values.Select(v => v.Trim()).Where(v => v.Length > 0).ToArray() : [];

    /// <summary>The first non-empty value, or null.</summary>
    public string? GetString(string name) => GetStrings(name) is { Length: > 0 } v ? v[0] : null;

    /// <summary>The numeric values of an element (values that are not numbers are skipped).</summary>
    public double[] GetDoubles(string name) =>
        GetStrings(name)
            .Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : (double?)null)
            .Where(d => d.HasValue)
            .Select(d => d!.Value)
            .ToArray();

    /// <summary>The first value as a number, or null when absent or not a number.</summary>
    public double? GetDouble(string name) => GetDoubles(name) is { Length: > 0 } v ? v[0] : null;

    /// <summary>The first value as an integer, or null when absent, not a number or not whole.</summary>
    public int? GetInt(string name) =>
        GetDouble(name) is { } d && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue ? (int)d : null;

    private ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly string _source;

        public Reader(ReadOnlySpan<byte> data, string source)
        {
            _data = data;
            _source = source;
            Position = 0;
        }

        public int Position { get; set; }

        public readonly int Remaining => _data.Length - Position;

        public readonly void Require(int count, string what)
        {
            if (Remaining < count)
            {
                throw Error($"the CSA header ends inside {what} ({count} bytes needed, {Remaining} left)");
            }
        }

        public uint UInt32(string what)
        {
            Require(4, what);
            uint v = BinaryPrimitives.ReadUInt32LittleEndian(_data.Slice(Position, 4));
            Position += 4;
            return v;
        }

        public int Int32(string what)
        {
            Require(4, what);
            int v = BinaryPrimitives.ReadInt32LittleEndian(_data.Slice(Position, 4));
            Position += 4;
            return v;
        }

        /// <summary><paramref name="length"/> bytes as Latin-1 text up to the first NUL.</summary>
        public string Text(int length)
        {
            Require(length, "a text value");
            var bytes = _data.Slice(Position, length);
            int nul = bytes.IndexOf((byte)0);
            Position += length;
            return Encoding.Latin1.GetString(nul >= 0 ? bytes[..nul] : bytes);
        }

        public readonly MrsReadException Error(string reason) =>
            new(_source, $"malformed Siemens CSA header at byte {Position}: {reason}");
    }
}
