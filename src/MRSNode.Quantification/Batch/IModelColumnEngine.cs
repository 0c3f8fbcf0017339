using System.Numerics;

namespace MRSNode.Quantification.Batch;

/// <summary>
/// Where the fit's model columns are computed when not by the fitter's own FFTs: component j's column is the real part,
/// at the window's bins, of the forward DFT (no scaling) of fid_j·envelope_{e(j)}. This is the work that dominates a fit
/// (one transform per component per model evaluation), so an accelerator takes it while the host keeps the small
/// per-spectrum solves and decisions. One engine serves a batch; it may gather the requests of concurrent fits into
/// one launch.
/// </summary>
public interface IModelColumnEngine
{
    /// <summary>Binds one fitter's components (once per batch).</summary>
    /// <param name="fids">Each component's FID (all of one length N).</param>
    /// <param name="envelopeOf">Each component's envelope among those <see cref="IModelColumns.Columns"/> is given.</param>
    /// <param name="bins">The unshifted DFT bins of the window's points, in window order.</param>
    IModelColumns Prepare(IReadOnlyList<Complex[]> fids, IReadOnlyList<int> envelopeOf, IReadOnlyList<int> bins);
}

/// <summary>One fitter's components bound to an engine; safe to call from several fits (threads) at once.</summary>
public interface IModelColumns
{
    /// <summary>Every component's column over the window for one point of the nonlinear parameters.</summary>
    /// <param name="envelopes">The envelopes on the time grid (each of length N) the components are modulated by.</param>
    double[][] Columns(IReadOnlyList<Complex[]> envelopes);

    /// <summary>The forward DFT (e^{−2πi·nk/N}, no scaling) in place, for the model's other transforms (its derivatives' few per Jacobian).</summary>
    void Forward(Complex[] data);
}
