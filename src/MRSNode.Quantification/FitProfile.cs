namespace MRSNode.Quantification;

/// <summary>How much of the full fit runs per spectrum (docs/quantification.md, "MRSI fit profile").</summary>
public enum FitProfile
{
    /// <summary>The single-voxel fit: the baseline's stiffness chosen from the data, up to <see cref="FitOptions.MaxIterations"/>.</summary>
    Full,
    /// <summary>
    /// For MRSI grids: the baseline fixed at <see cref="FitOptions.BaselineStiffness"/> (no per-spectrum ladder) and each
    /// Levenberg–Marquardt run capped at <see cref="FitOptions.MrsiMaxIterations"/> and stopped at a relative cost change of
    /// 1e-6 (the full fit: 1e-9 with the global lineshape), the linear solve's dot products with SIMD and its
    /// NNLS started from the previous evaluation's active set; everything else as
    /// <see cref="Full"/>.
    /// </summary>
    Mrsi,
}
