using System.Globalization;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Rendering;

namespace MRSNode.Reporting.Mrsi;

/// <summary>
/// The colour scale of a map: 0 to its 98th percentile (a few outliers do not wash out the rest), through a rainbow
/// close to Google's Turbo (perceptually ordered, and every hue stands out on a grey MR image). Values above the top
/// take the top colour.
/// </summary>
public sealed record MapColourScale(double Lower, double Upper)
{
    private static readonly ReportColor[] Anchors =
    [
        new(48, 18, 59), new(67, 97, 216), new(40, 160, 252), new(24, 215, 203), new(98, 252, 108),
        new(183, 243, 53), new(250, 186, 57), new(233, 93, 13), new(122, 4, 3),
    ];

    public static MapColourScale For(MetaboliteMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var finite = map.Values.Where(double.IsFinite).Order().ToArray();
        double top = finite.Length == 0 ? 1 : finite[(int)Math.Round(0.98 * (finite.Length - 1))];
        return new MapColourScale(0, top > 0 ? top : 1);
    }

    /// <summary>The colour of a value (NaN: none).</summary>
    public ReportColor? Colour(double value)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }
        return AtFraction(Math.Clamp((value - Lower) / (Upper - Lower), 0, 1));
    }

    /// <summary>The scale's colour at a fraction 0–1 of its range.</summary>
    public static ReportColor AtFraction(double t)
    {
        double x = Math.Clamp(t, 0, 1) * (Anchors.Length - 1);
        int k = Math.Min((int)x, Anchors.Length - 2);
        double f = x - k;
        var (a, b) = (Anchors[k], Anchors[k + 1]);
        return new ReportColor((byte)Math.Round(a.R + f * (b.R - a.R)), (byte)Math.Round(a.G + f * (b.G - a.G)), (byte)Math.Round(a.B + f * (b.B - a.B)));
    }

    /// <summary>A tick label: three significant figures.</summary>
    public static string Label(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
