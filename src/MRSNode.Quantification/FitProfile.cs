namespace MRSNode.Quantification;

/// <summary>How much of the full fit runs per spectrum (docs/quantification.md, "MRSI fit profile").</summary>
public enum FitProfile
{
    /// <summary>The single-voxel fit: the baseline's stiffness chosen from the data, up to <see cref="FitOptions.MaxIterations"/>.</summary>
    Full,
    /// <summary>
    /// For MRSI grids: the baseline fixed at <see cref="FitOptions.BaselineStiffness"/> (no per-spectrum ladder) and each
    /// Levenberg–Marquardt run capped at <see cref="FitOptions.MrsiMaxIterations"/>; everything else as <see cref="Full"/>.
    /// </summary>
    Mrsi,
}
