using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy;

namespace MRSNode.Pipeline;

/// <summary>What a quantification method returns: its raw estimates, the per-metabolite view the checks use, and spectral quality.</summary>
public sealed record MethodOutput(MethodResult Result, IReadOnlyList<MetaboliteEstimate> Estimates, QualityResult? Quality)
{
    /// <summary>Data, fit, baseline and residual over the fit window, for the reports' plots (LCM).</summary>
    public Quantification.FitSpectra? Spectra { get; init; }

    /// <summary>What the method found worth telling the reader (the report's reasons; they do not change the verdict).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// What the reader must weigh before trusting the values (a fit that stopped early, lactate under tumour lipids): the
    /// report's reasons too, and a "reliable" verdict becomes "review", so no number they qualify reads as confident.
    /// </summary>
    public IReadOnlyList<string> Cautions { get; init; } = [];
}

/// <summary>A quantification method (LCM now; the neural models implement the same seam), run on preprocessed data.</summary>
public interface IQuantificationMethod
{
    MethodKind Kind { get; }

    MethodOutput Quantify(MrsAcquisition metabolite, MrsAcquisition? water, BasisSet basis, WaterScalingSettings scaling, CancellationToken cancellationToken);
}
