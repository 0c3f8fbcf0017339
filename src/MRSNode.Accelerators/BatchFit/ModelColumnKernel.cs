using ILGPU;

namespace MRSNode.Accelerators.BatchFit;

/// <summary>The sizes of one launch of <see cref="ModelColumnKernel"/>.</summary>
/// <param name="Points">N, the time points of every FID and envelope.</param>
/// <param name="Components">Components of the fitter.</param>
/// <param name="WindowLength">Window points (columns' length).</param>
/// <param name="Envelopes">Envelopes per evaluation (groups + 1, or 1).</param>
internal readonly record struct ColumnShape(int Points, int Components, int WindowLength, int Envelopes);

/// <summary>
/// The batched model columns: one thread per (evaluation, component, window point) computes
/// Re Σ_n fid_j[n]·env_{e,g(j)}[n]·ω^{n·b_k}, ω = e^{−2πi/N}, b_k the window point's unshifted DFT bin — the real part of
/// the component's modulated spectrum at that point, as the fitter's FFT gives it. Complex values are interleaved
/// (re, im); FP64 throughout so a fit's LM decisions match the CPU fitter's (H100/H200 run FP64 at half the FP32 rate).
/// A direct DFT at the window's bins (≈ a quarter of N) rather than an FFT: a dense product that maps onto a GPU's
/// threads with no synchronisation, where the FFT's passes would need a group per transform.
/// </summary>
internal static class ModelColumnKernel
{
    public static void Run(
        Index1D index,
        ArrayView<double> fids,
        ArrayView<int> envelopeOf,
        ArrayView<int> bins,
        ArrayView<double> roots,
        ArrayView<double> envelopes,
        ArrayView<double> columns,
        ColumnShape shape)
    {
        int i = index;
        int k = i % shape.WindowLength;
        int rest = i / shape.WindowLength;
        int j = rest % shape.Components;
        int e = rest / shape.Components;
        int n = shape.Points;
        int bin = bins[k];
        long fidBase = 2L * j * n;
        long envBase = 2L * (((long)e * shape.Envelopes) + envelopeOf[j]) * n;
        double sum = 0;
        int m = 0;
        for (int t = 0; t < n; t++)
        {
            double fr = fids[fidBase + (2 * t)], fi = fids[fidBase + (2 * t) + 1];
            double er = envelopes[envBase + (2 * t)], ei = envelopes[envBase + (2 * t) + 1];
            double xr = (fr * er) - (fi * ei);
            double xi = (fr * ei) + (fi * er);
            sum += (xr * roots[2 * m]) - (xi * roots[(2 * m) + 1]);
            m += bin;
            if (m >= n)
            {
                m -= n;
            }
        }
        columns[index] = sum;
    }
}
