using System.Globalization;

namespace MRSNode.Cli.Commands;

/// <summary>How far one engine's ratios to tCr are from another's on the same voxels: mean |difference| and the worst, per ratio.</summary>
internal static class ProfileAccuracy
{
    /// <param name="reference">Per voxel, the reference's ratios (NaN: not reported).</param>
    /// <param name="other">The same voxels' ratios from the engine compared.</param>
    public static string Describe(double[][] reference, double[][] other, IReadOnlyList<string> names)
    {
        var parts = new List<string>();
        for (int r = 0; r < names.Count; r++)
        {
            var differences = reference.Zip(other)
                .Where(p => double.IsFinite(p.First[r]) && double.IsFinite(p.Second[r]))
                .Select(p => Math.Abs(p.Second[r] - p.First[r]))
                .ToArray();
            parts.Add(differences.Length == 0
                ? $"{names[r]}/tCr: no voxel"
                : string.Create(CultureInfo.InvariantCulture, $"{names[r]}/tCr mean |Δ| {differences.Average():F4}, worst {differences.Max():F4}"));
        }
        return string.Join("; ", parts);
    }
}
