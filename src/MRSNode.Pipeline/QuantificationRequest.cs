using MRSNode.Quantification.Relaxation;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Pipeline;

/// <summary>One quantification job: which files, which basis set, which methods — the same for the CLI and the service.</summary>
public sealed record QuantificationRequest
{
    /// <summary>The metabolite acquisition: one file, or the files of a single-average export.</summary>
    public required IReadOnlyList<string> MetaboliteFiles { get; init; }
    /// <summary>A separate water reference (else one found beside the metabolite data, e.g. Philips frame 2).</summary>
    public IReadOnlyList<string> WaterFiles { get; init; } = [];
    /// <summary>MR images of the study (DICOM) an MRSI job's maps may be drawn over: the one of the same frame of reference nearest the slab is used.</summary>
    public IReadOnlyList<string> ImageFiles { get; init; } = [];
    /// <summary>An explicit basis set; null picks one from <see cref="BasisManifest"/>.</summary>
    public string? BasisFile { get; init; }
    public string? BasisManifest { get; init; }
    public MrsReadOptions ReadOptions { get; init; } = MrsReadOptions.Default;
    public MethodSelection Method { get; init; } = MethodSelection.Lcm;
    public WaterScalingSettings WaterScaling { get; init; } = WaterScalingSettings.LcModelDefaults;
    /// <summary>Research use: quantify with a basis set that does not fit the acquisition; the mismatch is then a reason on every output and the verdict at best "review".</summary>
    public bool AllowBasisMismatch { get; init; }
    /// <summary>What the caller decided about the inputs that the report must say (the node: a water series it did not pair, and why).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// LCModel-equivalent water scaling parameters: WCONC (mM of MR-visible water), ATTH2O and ATTMET
/// (relaxation attenuation factors of water and metabolites). With <see cref="Tissue"/> they are replaced by the
/// partial-volume and relaxation corrected ones (<see cref="TissueWaterScaling"/>) and the values are in mM; without,
/// the values are institutional units.
/// </summary>
public sealed record WaterScalingSettings(double WaterConcentrationMm, double WaterAttenuation, double MetaboliteAttenuation)
{
    /// <summary>The voxel's GM/WM/CSF fractions; null: no correction (institutional units).</summary>
    public TissueFractions? Tissue { get; init; }

    /// <summary>Where <see cref="Tissue"/> came from, for the report (e.g. "--tissue-fractions", "Processing:TissueFractions").</summary>
    public string? TissueSource { get; init; }

    /// <summary>LCModel's defaults: WCONC 35880, ATTH2O 0.7, ATTMET 1.0.</summary>
    public static WaterScalingSettings LcModelDefaults { get; } = new(35880, 0.7, 1.0);
}
