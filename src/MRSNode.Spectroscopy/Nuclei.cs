namespace MRSNode.Spectroscopy;

/// <summary>Gyromagnetic ratios γ/2π in MHz/T (CODATA / IUPAC values).</summary>
public static class Nuclei
{
    private static readonly Dictionary<string, double> _gamma = new(StringComparer.OrdinalIgnoreCase)
    {
        ["1H"] = 42.577478,
        ["2H"] = 6.536,
        ["13C"] = 10.7084,
        ["19F"] = 40.078,
        ["23Na"] = 11.262,
        ["31P"] = 17.235,
    };

    public static bool IsKnown(string nucleus) => _gamma.ContainsKey(Normalize(nucleus));

    public static double GyromagneticRatioMHzPerTesla(string nucleus) =>
        _gamma.TryGetValue(Normalize(nucleus), out var g) ? g : throw new ArgumentException($"Unknown nucleus '{nucleus}'.", nameof(nucleus));

    /// <summary>"H1", "1H", "1h" → "1H"; "P31" → "31P".</summary>
    public static string Normalize(string nucleus)
    {
        ArgumentNullException.ThrowIfNull(nucleus);
        var s = nucleus.Trim();
        var digits = new string(s.Where(char.IsAsciiDigit).ToArray());
        var letters = new string(s.Where(char.IsAsciiLetter).ToArray());
        if (letters.Length == 0)
        {
            return s;
        }
        letters = char.ToUpperInvariant(letters[0]) + letters[1..].ToLowerInvariant();
        return digits + letters;
    }
}
