using MRSNode.Quantification.Mrsi;
using MRSNode.Spectroscopy;

namespace MRSNode.Pipeline.Mrsi;

/// <summary>
/// What the MRSI path made of a grid: the maps and every voxel's outcome, the voxel the study's single-voxel report
/// describes (<see cref="IndexVoxel"/>: the maximum Cho/NAA, else the first reported or fitted one), the fitter that
/// ran, and what was done, in words.
/// </summary>
public sealed record MrsiOutcome(MrsiQuantification Quantification, int IndexVoxel, string Quantifier, IReadOnlyList<string> Steps, double FitSeconds)
{
    /// <summary>The study's MR image the maps are drawn over (<see cref="MrsiReferenceImage"/>); null: the maps on their own grid.</summary>
    public ReferenceImage? Image { get; init; }

    /// <summary>The grid after the MRSI preprocessing (one average, one coil per voxel): the spectra the maps were fitted from.</summary>
    public MrsAcquisition? Preprocessed { get; init; }

    public int Count(VoxelState state) => Quantification.Voxels.Count(v => v.State == state);
}
