using System.Globalization;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// The "### ASCCONV BEGIN ... ### ASCCONV END ###" block of a Siemens protocol (MrPhoenixProtocol in
/// the series CSA header): one "key = value" per line, e.g. "alTE[0] = 30000" (µs).
/// </summary>
internal static class Ascconv
{
    /// <summary>Keys and raw values (quotes kept) of the first ASCCONV block; empty when there is none.</summary>
    public static Dictionary<string, string> Parse(string protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        int begin = protocol.IndexOf("### ASCCONV BEGIN", StringComparison.Ordinal);
        if (begin < 0)
        {
            return result;
        }
        int end = protocol.IndexOf("### ASCCONV END", begin, StringComparison.Ordinal);
        var block = protocol[begin..(end < 0 ? protocol.Length : end)];
        foreach (var rawLine in block.Split('\n').Skip(1))
        {
            var line = rawLine.Trim();
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0 && !line.Contains('"', StringComparison.Ordinal))
            {
                line = line[..hash].Trim();
            }
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            result.TryAdd(key, value);
        }
        return result;
    }

    /// <summary>A numeric value (decimal or 0x hexadecimal), or null.</summary>
    public static double? Number(IReadOnlyDictionary<string, string> values, string key)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.TryGetValue(key, out var text))
        {
            return null;
        }
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex : null;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
    }

    /// <summary>A string value without its (doubled) quotes, or null.</summary>
    public static string? Text(IReadOnlyDictionary<string, string> values, string key)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(key, out var text) ? text.Trim('"').Trim() : null;
    }
}
