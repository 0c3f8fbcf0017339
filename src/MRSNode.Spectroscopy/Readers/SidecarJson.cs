using System.Text.Json;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// A JSON sidecar beside a headerless file (spec2nii's pre-standard output, dcm2niix/BIDS): same stem,
/// extension .json in any case. Frequencies above 100 kHz are taken as Hz (spec2nii writes ImagingFrequency
/// in Hz), smaller ones as MHz (BIDS); times are seconds.
/// </summary>
internal sealed class SidecarJson
{
    private const long MaxBytes = 1024 * 1024;

    private SidecarJson(string path) => Path = path;

    public string Path { get; }
    public double? FrequencyMHz { get; private init; }
    public double? DwellTimeSeconds { get; private init; }
    public double? SpectralWidthHz { get; private init; }
    public double? EchoTimeMs { get; private init; }
    public double? RepetitionTimeMs { get; private init; }
    public string? Nucleus { get; private init; }
    public string? Manufacturer { get; private init; }
    public string? Model { get; private init; }
    public string? SoftwareVersion { get; private init; }
    public string? ProtocolName { get; private init; }
    public string? SequenceName { get; private init; }

    /// <summary>The sidecar of <paramref name="dataPath"/> ("x.nii.gz" → "x.json"), or null when there is none.</summary>
    public static SidecarJson? Find(string dataPath)
    {
        var full = System.IO.Path.GetFullPath(dataPath);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (dir is null || !Directory.Exists(dir))
        {
            return null;
        }
        var name = System.IO.Path.GetFileName(full);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }
        var stem = System.IO.Path.GetFileNameWithoutExtension(name);
        foreach (var candidate in Directory.EnumerateFiles(dir))
        {
            var n = System.IO.Path.GetFileName(candidate);
            if (n.Length == stem.Length + 5 && n.StartsWith(stem, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                return Load(candidate);
            }
        }
        return null;
    }

    public static SidecarJson Load(string path)
    {
        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new MrsReadException(path, "the JSON sidecar is larger than 1 MiB.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new MrsReadException(path, $"the JSON sidecar is not valid JSON ({ex.Message}).");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MrsReadException(path, "the JSON sidecar is not an object.");
            }
            double? frequency = Number(path, root, "SpectrometerFrequency") ?? Number(path, root, "ImagingFrequency") ?? Number(path, root, "TransmitterFrequency");
            return new SidecarJson(path)
            {
                FrequencyMHz = frequency is > 100_000 ? frequency / 1e6 : frequency,
                DwellTimeSeconds = Number(path, root, "Dwelltime") ?? Number(path, root, "DwellTime"),
                SpectralWidthHz = Number(path, root, "SpectralWidth"),
                EchoTimeMs = Number(path, root, "EchoTime") * 1000,
                RepetitionTimeMs = Number(path, root, "RepetitionTime") * 1000,
                Nucleus = Text(root, "ResonantNucleus") ?? Text(root, "Nucleus"),
                Manufacturer = Text(root, "Manufacturer"),
                Model = Text(root, "ManufacturersModelName"),
                SoftwareVersion = Text(root, "SoftwareVersions"),
                ProtocolName = Text(root, "ProtocolName"),
                SequenceName = Text(root, "SequenceName"),
            };
        }
    }

    /// <summary>A number, or the first element of an array of numbers; null when absent; an error when not a number.</summary>
    internal static double? Number(string path, JsonElement root, string key)
    {
        if (!TryGet(root, key, out var e))
        {
            return null;
        }
        if (e.ValueKind == JsonValueKind.Array)
        {
            if (e.GetArrayLength() == 0)
            {
                return null;
            }
            e = e[0];
        }
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v))
        {
            return v;
        }
        if (e.ValueKind == JsonValueKind.String && TextValues.TryParseDouble(e.GetString(), out var s))
        {
            return s;
        }
        if (e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        throw new MrsReadException(path, $"JSON '{key}' is not a number.");
    }

    /// <summary>A string, or the first string of an array; null otherwise.</summary>
    internal static string? Text(JsonElement root, string key)
    {
        if (!TryGet(root, key, out var e))
        {
            return null;
        }
        if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0)
        {
            e = e[0];
        }
        return e.ValueKind switch
        {
            JsonValueKind.String => string.IsNullOrWhiteSpace(e.GetString()) ? null : e.GetString()!.Trim(),
            JsonValueKind.Number => e.GetRawText(),
            _ => null,
        };
    }

    /// <summary>Property lookup, exact name first, then case-insensitive.</summary>
    internal static bool TryGet(JsonElement root, string key, out JsonElement value)
    {
        if (root.TryGetProperty(key, out value))
        {
            return true;
        }
        foreach (var p in root.EnumerateObject())
        {
            if (string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        }
        value = default;
        return false;
    }
}
