using System.Globalization;

namespace MRSNode.Quantification.Relaxation;

/// <summary>
/// The voxel's volume fractions of grey matter, white matter and CSF (from a segmentation of the structural image).
/// They need not sum to exactly 1 (rounding): they are normalised to their sum.
/// </summary>
public sealed record TissueFractions
{
    public TissueFractions(double grey, double white, double csf)
    {
        if (!(grey >= 0 && white >= 0 && csf >= 0) || !(grey + white + csf > 0) || !(grey + white > 0))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"tissue fractions GM {grey}, WM {white}, CSF {csf}: each must be ≥ 0 and the voxel must hold some tissue"));
        }
        double sum = grey + white + csf;
        Grey = grey / sum;
        White = white / sum;
        Csf = csf / sum;
    }

    public double Grey { get; }
    public double White { get; }
    public double Csf { get; }

    /// <summary>"gm,wm,csf" (fractions or percentages), as the CLI's --tissue-fractions and the node's Processing:TissueFractions take them.</summary>
    public static TissueFractions Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"tissue fractions \"{text}\" are not \"gm,wm,csf\" (three numbers, e.g. 0.6,0.3,0.1)");
        }
        var v = parts.Select(p => double.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        return new TissueFractions(v[0], v[1], v[2]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"GM {Grey:0.###}, WM {White:0.###}, CSF {Csf:0.###}");
}
