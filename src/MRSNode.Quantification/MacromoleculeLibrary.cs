using System.Numerics;
using MRSNode.Quantification.Metabolites;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification;

/// <summary>One Gaussian line of a parametric macromolecule/lipid component.</summary>
public sealed record GaussianLine(double Ppm, double FwhmPpm, double RelativeArea);

/// <summary>A parametric macromolecule or lipid component (a sum of Gaussian lines).</summary>
public sealed record ParametricComponent(string Name, IReadOnlyList<GaussianLine> Lines);

/// <summary>
/// LCModel's simulated lipid and macromolecule components (always fitted, beside any measured MM),
/// with LCModel's default positions, widths and relative areas (manual, section on Lip/MM): Lip13a/b,
/// Lip09, MM09, Lip20, MM20, MM12, MM14, MM17.
/// </summary>
public static class MacromoleculeLibrary
{
    public static IReadOnlyList<ParametricComponent> LcModelDefaults { get; } =
    [
        new("Lip13a", [new(1.28, 0.15, 2)]),
        new("Lip13b", [new(1.28, 0.089, 2)]),
        new("Lip09", [new(0.89, 0.14, 3)]),
        new("MM09", [new(0.91, 0.14, 3)]),
        new("Lip20", [new(2.04, 0.15, 1.33), new(2.25, 0.15, 0.67), new(2.8, 0.2, 0.87)]),
        new("MM20", [new(2.08, 0.15, 1.33), new(2.25, 0.2, 0.33), new(1.95, 0.15, 0.33), new(3.0, 0.2, 0.4)]),
        new("MM12", [new(1.21, 0.15, 2)]),
        new("MM14", [new(1.43, 0.17, 2)]),
        new("MM17", [new(1.67, 0.15, 2)]),
    ];

    /// <summary>The FID of a component on an axis: area (first point) = Σ relative areas × <paramref name="scale"/>.</summary>
    public static Complex[] Fid(ParametricComponent component, SpectralAxis axis, double scale)
    {
        ArgumentNullException.ThrowIfNull(component);
        var fid = new Complex[axis.Points];
        double dwell = 1.0 / axis.SpectralWidthHz;
        foreach (var line in component.Lines)
        {
            double f = (axis.ReferencePpm - line.Ppm) * axis.FrequencyMHz;
            double w = line.FwhmPpm * axis.FrequencyMHz;
            double gaussRate = Math.PI * w * Math.PI * w / (4 * Math.Log(2));
            for (int n = 0; n < fid.Length; n++)
            {
                double t = n * dwell;
                double a = scale * line.RelativeArea * Math.Exp(-gaussRate * t * t);
                fid[n] += a * new Complex(Math.Cos(2 * Math.PI * f * t), Math.Sin(2 * Math.PI * f * t));
            }
        }
        return fid;
    }
}
