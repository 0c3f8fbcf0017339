using MRSNode.Pipeline;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Evaluation.SimulatedBasis;

/// <summary>A real scan, read and preprocessed as the node does, ready to be fitted with any basis set.</summary>
public sealed class RealScanFit
{
    private RealScanFit(MrsAcquisition metabolite, MrsAcquisition? water)
    {
        Metabolite = metabolite;
        Water = water;
    }

    /// <summary>The metabolite acquisition after the node's preprocessing.</summary>
    public MrsAcquisition Metabolite { get; }
    public MrsAcquisition? Water { get; }

    /// <summary>Reads the files as <c>mrsnode quantify</c> does (water found beside the metabolite data when none is given) and preprocesses them.</summary>
    public static RealScanFit Load(IReadOnlyList<string> metaboliteFiles, IReadOnlyList<string>? waterFiles = null)
    {
        var inputs = InputSelection.Select(new QuantificationRequest { MetaboliteFiles = metaboliteFiles, WaterFiles = waterFiles ?? [] }, MrsFormats.Default);
        var (metabolite, water, _) = StandardPreprocessing.Run(inputs.Metabolite, inputs.Water);
        return new RealScanFit(metabolite, water);
    }

    /// <summary>
    /// The node's LCM fit (default options: global lineshape, LCModel's ratio priors, parametric lipids and MM) with
    /// <paramref name="basis"/>: every metabolite and pool, with its ratio to tCr and CRLB.
    /// </summary>
    public MethodOutput Fit(BasisSet basis, LcmMethod? method = null) =>
        (method ?? new LcmMethod()).Quantify(Metabolite, Water, basis, WaterScalingSettings.LcModelDefaults, CancellationToken.None);
}
