using System.Numerics;
using MRSNode.Quantification.Neural.Input;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification.Neural.Physics;

/// <summary>
/// A basis set on a model's grid: each entry's FID resampled onto <see cref="ModelGrid"/> (areas kept, the 0 ppm
/// reference singlet removed, as for the LCM fit), the group whose shift and damping it takes, and
/// <see cref="Kappa"/>, the mean largest window magnitude of the entries: the physics layer divides the basis spectra
/// by it so the solved amplitudes of a normalised spectrum are O(1).
/// </summary>
public sealed class GridBasis
{
    public GridBasis(BasisSet basis, ModelGrid grid, IReadOnlyList<string> names, IReadOnlyList<int>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(names);
        Grid = grid;
        Names = names;
        Groups = groups ?? Enumerable.Range(0, names.Count).ToArray();
        if (Groups.Count != names.Count)
        {
            throw new ArgumentException("one group per basis entry", nameof(groups));
        }
        GroupCount = Groups.Count == 0 ? 0 : Groups.Max() + 1;
        Fids = names.Select(n => BasisResampler.ResampleFid(
            BasisReferenceLine.Remove(basis.Find(n) ?? throw new ArgumentException($"the basis set has no entry '{n}'", nameof(names)), basis.Axis),
            basis.Axis, grid.Axis)).ToArray();
        Kappa = Fids.Average(f =>
        {
            var s = SpectralAxis.Spectrum(f);
            double max = 0;
            for (int k = grid.First; k < grid.First + grid.Count; k++)
            {
                max = Math.Max(max, s[k].Magnitude);
            }
            return max;
        });
    }

    public ModelGrid Grid { get; }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<int> Groups { get; }

    public int GroupCount { get; }

    public int Count => Names.Count;

    /// <summary>FIDs on the grid (Points samples at the grid's dwell).</summary>
    public IReadOnlyList<Complex[]> Fids { get; }

    public double Kappa { get; }
}
