namespace MRSNode.Quantification.Mrsi;

/// <summary>
/// The per-voxel quality checks of an MRSI grid. Defaults follow the MRSI consensus (Maudsley et al. 2021, NMR Biomed
/// 34:e4309: reject voxels with linewidth above ~0.1 ppm or too little SNR; show a metabolite only where its CRLB
/// allows) and agree with the single-voxel report's not-usable limits (SNR 5, 0.1 ppm at 3 T).
/// </summary>
public sealed record MrsiQcThresholds
{
    /// <summary>A voxel whose SNR (<see cref="MrsiVoxelQc.Snr"/>: NAA's, or the tallest fitted peak's where higher) is below this is rejected.</summary>
    public double SnrAtLeast { get; init; } = 5;

    /// <summary>A voxel whose NAA linewidth (FWHM) is above this many ppm is rejected (shimming fails first at the grid's edges).</summary>
    public double LinewidthAtMostPpm { get; init; } = 0.1;

    /// <summary>A voxel whose tCr CRLB is above this is rejected: every ratio to tCr divides by it.</summary>
    public double CreatineCrlbAtMostPercent { get; init; } = 30;

    /// <summary>A metabolite's value is left blank in a voxel where its CRLB is above this (not detected there).</summary>
    public double MapCrlbAtMostPercent { get; init; } = 50;

    /// <summary>Lactate is left blank where the fitted lipid/tCr reaches this (<see cref="LipidContent.LactateMaskedAtOrAbove"/>).</summary>
    public double LactateMaskedLipidToCreatine { get; init; } = LipidContent.LactateMaskedAtOrAbove;

    public static MrsiQcThresholds Default { get; } = new();
}
