using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MRSNode.Dicom.Generator;

/// <summary>
/// Generates the MRSNode.Dicom data dictionary from dcmtk's machine-readable PS3.6 dictionary
/// (dicom.dic) and its private dictionary (private.dic). Run from the repository root:
///   dotnet run --project tools/MRSNode.Dicom.Generator [-- DICT_DIR]
/// DICT_DIR defaults to /usr/share/libdcmtk17 (Debian's dcmtk). The output is committed.
/// </summary>
internal static class Program
{
    private const string DefaultDictionaryDirectory = "/usr/share/libdcmtk17";

    private static int Main(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : DefaultDictionaryDirectory;
        var outDir = args.Length > 1 ? args[1] : Path.Combine("src", "MRSNode.Dicom");
        var publicPath = Path.Combine(dir, "dicom.dic");
        var privatePath = Path.Combine(dir, "private.dic");
        if (!File.Exists(publicPath) || !File.Exists(privatePath))
        {
            Console.Error.WriteLine($"error: {publicPath} or {privatePath} not found (apt-get install dcmtk, or pass the folder).");
            return 2;
        }
        var publicEntries = DictionaryFileParser.Parse(File.ReadAllLines(publicPath), isPrivateFile: false);
        var privateEntries = DictionaryFileParser.Parse(File.ReadAllLines(privatePath), isPrivateFile: true);
        var source = $"{Describe(publicPath)}; {Describe(privatePath)}";

        Directory.CreateDirectory(Path.Combine(outDir, "Dictionary"));
        File.WriteAllText(Path.Combine(outDir, "Dictionary", "DicomDictionaryData.g.cs"),
            CodeWriter.DictionaryData(publicEntries, privateEntries, source));
        File.WriteAllText(Path.Combine(outDir, "DicomTags.g.cs"), CodeWriter.Tags(publicEntries, source));
        Console.WriteLine($"{publicEntries.Count} public and {privateEntries.Count} private entries written to {outDir}.");
        return 0;
    }

    private static string Describe(string path)
    {
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))[..16].ToLowerInvariant();
        return $"{Path.GetFileName(path)} sha256:{hash}";
    }
}

internal sealed record RawEntry(
    ushort GroupLow, ushort GroupHigh, char GroupParity,
    ushort ElementLow, ushort ElementHigh, char ElementParity,
    string VRs, string VM, string Keyword, bool Retired, string? Creator);

/// <summary>Parses dcmtk's dictionary format: tab-separated Tag, VR, Keyword, VM, Version.</summary>
internal static class DictionaryFileParser
{
    public static List<RawEntry> Parse(IEnumerable<string> lines, bool isPrivateFile)
    {
        var result = new List<RawEntry>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var f = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (f.Length < 4)
            {
                throw new FormatException($"Unexpected dictionary line: {line}");
            }
            var version = f.Length > 4 ? f[4] : "";
            var keyword = f[2];
            var retired = version.Contains("retired", StringComparison.OrdinalIgnoreCase) || keyword.StartsWith("RETIRED_", StringComparison.Ordinal);
            if (keyword.StartsWith("RETIRED_", StringComparison.Ordinal))
            {
                keyword = keyword["RETIRED_".Length..];
            }
            var vrs = MapVR(f[1]);
            var tag = f[0].Trim('(', ')');
            var comma = tag.IndexOf(',', StringComparison.Ordinal);
            var groupPart = tag[..comma];
            var rest = tag[(comma + 1)..];
            if (rest.StartsWith('"'))
            {
                // (gggg,"CREATOR",ee): element offset within the creator's block.
                var close = rest.IndexOf('"', 1);
                var creator = rest[1..close];
                var elem = rest[(close + 2)..];
                if (elem.Contains('x', StringComparison.OrdinalIgnoreCase))
                {
                    continue; // wildcard element offsets are not useful for lookup
                }
                var offset = (ushort)(ushort.Parse(elem, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0xFF);
                var (gl, gh, gp) = ParseRange(groupPart);
                result.Add(new RawEntry(gl, gh, gp, offset, offset, 'e', vrs, f[3], keyword, retired, creator));
            }
            else if (!isPrivateFile)
            {
                var (gl, gh, gp) = ParseRange(groupPart);
                var (el, eh, ep) = ParseRange(rest, isElement: true);
                result.Add(new RawEntry(gl, gh, gp, el, eh, ep, vrs, f[3], keyword, retired, null));
            }
        }
        return result;
    }

    // "6000-60FF" (even), "0009-o-FFFF" (odd), "0010-u-00FF" (any), "0028" (single).
    // dcmtk reads an unmarked range as even-only. That is right for repeating groups (50xx, 60xx: odd groups
    // are private) but not for element ranges: PS3.6 (0020,31xx) spans every element 3100-31FF.
    private static (ushort Low, ushort High, char Parity) ParseRange(string s, bool isElement = false)
    {
        var parts = s.Split('-');
        ushort Hex(string h) => ushort.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return parts.Length switch
        {
            1 => (Hex(parts[0]), Hex(parts[0]), 'e'),
            2 => (Hex(parts[0]), Hex(parts[1]), isElement ? 'a' : 'e'),
            3 => (Hex(parts[0]), Hex(parts[2]), parts[1] == "o" ? 'o' : 'a'),
            _ => throw new FormatException($"Bad tag range '{s}'."),
        };
    }

    // dcmtk's internal pseudo-VRs: xs = US or SS, ox/px = OB or OW, lt = US, SS or OW, up = UL, na = none.
    private static string MapVR(string vr) => vr switch
    {
        "xs" => "US|SS",
        "ox" or "px" => "OW|OB",
        "lt" => "US|SS|OW",
        "up" => "UL",
        "na" => "",
        _ => vr,
    };
}

internal static class CodeWriter
{
    private static string Header(string source) =>
        $"// <auto-generated>\n// Generated by tools/MRSNode.Dicom.Generator from dcmtk's data dictionary ({source}).\n// Do not edit: change the generator and run it again.\n// </auto-generated>\n";

    public static string DictionaryData(List<RawEntry> pub, List<RawEntry> priv, string source)
    {
        var sb = new StringBuilder();
        sb.Append(Header(source));
        sb.Append("#pragma warning disable\nnamespace MRSNode.Dicom;\n\ninternal static class DicomDictionaryData\n{\n");
        sb.Append("    internal static readonly DicomDictionaryEntry[] Public =\n    [\n");
        foreach (var e in pub)
        {
            AppendEntry(sb, e);
        }
        sb.Append("    ];\n\n    internal static readonly DicomDictionaryEntry[] Private =\n    [\n");
        foreach (var e in priv)
        {
            AppendEntry(sb, e);
        }
        sb.Append("    ];\n}\n");
        return sb.ToString();
    }

    private static void AppendEntry(StringBuilder sb, RawEntry e)
    {
        static string P(char c) => c switch { 'o' => "DicomRangeParity.Odd", 'a' => "DicomRangeParity.Any", _ => "DicomRangeParity.Even" };
        sb.Append(CultureInfo.InvariantCulture,
            $"        new(0x{e.GroupLow:X4}, 0x{e.GroupHigh:X4}, {P(e.GroupParity)}, 0x{e.ElementLow:X4}, 0x{e.ElementHigh:X4}, {P(e.ElementParity)}, \"{e.VRs}\", \"{e.VM}\", \"{e.Keyword}\", {(e.Retired ? "true" : "false")}");
        if (e.Creator is not null)
        {
            sb.Append(", \"").Append(e.Creator.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }
        sb.Append("),\n");
    }

    public static string Tags(List<RawEntry> pub, string source)
    {
        var sb = new StringBuilder();
        sb.Append(Header(source));
        sb.Append("namespace MRSNode.Dicom;\n\n/// <summary>Every public, non-repeating tag of the data dictionary by keyword.</summary>\npublic static class DicomTags\n{\n");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Exact public tags only; current keywords win over retired ones with the same name.
        foreach (var e in pub.Where(e => e.GroupLow == e.GroupHigh && e.ElementLow == e.ElementHigh)
                             .OrderBy(e => e.Retired).ThenBy(e => e.GroupLow).ThenBy(e => e.ElementLow))
        {
            if (!IsIdentifier(e.Keyword) || !seen.Add(e.Keyword))
            {
                continue;
            }
            sb.Append(CultureInfo.InvariantCulture,
                $"    /// <summary>({e.GroupLow:X4},{e.ElementLow:X4}) {e.VRs} {e.VM}{(e.Retired ? " (retired)" : "")}</summary>\n    public static readonly DicomTag {e.Keyword} = new(0x{e.GroupLow:X4}, 0x{e.ElementLow:X4});\n");
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');
}
