using ILGPU;

namespace MRSNode.Accelerators.Neural.Kernels;

/// <summary>
/// Σx² in two passes: one thread per chunk of <see cref="Chunk"/> elements sums in double, the host adds the chunks in
/// order. Deterministic (no atomics), and at least as accurate as CpuBackend's float dot per 4096-chunk.
/// </summary>
internal static class ReductionKernels
{
    public const int Chunk = 4096;

    public static void SumOfSquaresChunks(Index1D chunk, ArrayView<float> x, ArrayView<double> partial, int length)
    {
        int start = chunk * Chunk, end = Math.Min(length, start + Chunk);
        double sum = 0;
        for (int i = start; i < end; i++)
        {
            double v = x[i];
            sum += v * v;
        }
        partial[chunk] = sum;
    }
}
