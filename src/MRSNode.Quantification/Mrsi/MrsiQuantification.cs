using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Quantification.Mrsi;

/// <summary>What became of one voxel of an MRSI grid.</summary>
public enum VoxelState
{
    /// <summary>Fitted and passed the per-voxel quality checks: its values go into the maps.</summary>
    Reported,
    /// <summary>Outside the excited volume or the brain mask: not fitted.</summary>
    NotFitted,
    /// <summary>Fitted, but failed a quality check (SNR, linewidth, CRLB, lipid): shown blank in the maps, with the reason.</summary>
    Rejected,
    /// <summary>The fit itself failed.</summary>
    Failed,
}

/// <summary>One voxel: its state, the reason when not reported, and the fit when there is one.</summary>
public sealed record MrsiVoxelResult(int Index, VoxelState State, string? Reason, LcmResult? Fit)
{
    /// <summary>Map name → why that map is blank in this reported voxel (CRLB too high, lactate under lipid).</summary>
    public IReadOnlyDictionary<string, string> Withheld { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// One metabolite map over the grid (voxel order of <see cref="MrsiGeometry"/>): a value per voxel, NaN where
/// nothing is reported (not fitted, rejected, or that metabolite unreliable in that voxel, e.g. Lac under lipid).
/// </summary>
/// <param name="Name">"tNAA", "tCho", "Cho/NAA", ...</param>
/// <param name="Unit">"ratio to tCr", "ratio", "mM (IU)".</param>
public sealed record MetaboliteMap(string Name, string Unit, double[] Values, string Description);

/// <summary>A reported region: one voxel (e.g. the maximum Cho/NAA, and its contralateral reference) and its values by map name.</summary>
public sealed record MrsiRegion(string Label, int VoxelIndex, IReadOnlyDictionary<string, double> Values);

/// <summary>The quantified grid: geometry, every voxel's outcome, the maps, the reported regions and plain-language notes.</summary>
public sealed record MrsiQuantification(
    MrsiGeometry Geometry,
    IReadOnlyList<MrsiVoxelResult> Voxels,
    IReadOnlyList<MetaboliteMap> Maps,
    IReadOnlyList<MrsiRegion> Regions,
    IReadOnlyList<string> Notes)
{
    public MetaboliteMap? Map(string name) => Maps.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
