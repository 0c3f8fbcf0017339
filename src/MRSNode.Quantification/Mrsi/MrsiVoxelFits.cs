using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Quantification.Mrsi;

/// <summary>
/// What the fitting stage hands to <see cref="MrsiMapBuilder"/>: one fit (or null) per voxel of the grid, in the
/// geometry's voxel order. A null fit is a failure when <see cref="Failures"/> names it, otherwise a voxel that was not
/// fitted (<see cref="NotFitted"/> says why; by default "outside the excited volume" when it lies outside it).
/// </summary>
public sealed record MrsiVoxelFits(MrsiGeometry Geometry, IReadOnlyList<LcmResult?> Fits)
{
    /// <summary>Voxel index → why its fit failed.</summary>
    public IReadOnlyDictionary<int, string> Failures { get; init; } = new Dictionary<int, string>();

    /// <summary>Voxel index → why it was not fitted (e.g. "outside the brain mask").</summary>
    public IReadOnlyDictionary<int, string> NotFitted { get; init; } = new Dictionary<int, string>();
}
