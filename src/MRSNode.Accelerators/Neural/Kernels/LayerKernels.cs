using ILGPU;

namespace MRSNode.Accelerators.Neural.Kernels;

/// <summary>
/// The convolution's im2col and its inverse, bias add and bias gradient. The inverse (col2im) and the bias gradient
/// gather: each output element sums its own contributions in the CPU's order, so no atomics and the same result on
/// every run.
/// </summary>
internal static class LayerKernels
{
    /// <summary>i over [Batch, Patch, OutLength]: cols[b, c·K + k, l] = x[b, c, l·stride − padding + k·dilation] (0 outside).</summary>
    public static void Im2Col(Index1D i, ArrayView<float> x, ArrayView<float> cols, ConvArguments g)
    {
        int l = i % g.OutLength;
        int row = i / g.OutLength % g.Patch;
        int b = i / (g.OutLength * g.Patch);
        int c = row / g.Kernel, k = row % g.Kernel;
        int pos = l * g.Stride + k * g.Dilation - g.Padding;
        cols[i] = pos >= 0 && pos < g.InLength ? x[(b * g.InChannels + c) * g.InLength + pos] : 0;
    }

    /// <summary>i over [Batch, InChannels, InLength]: x[b, c, pos] = Σ_k cols[b, c·K + k, l] over the l that read pos.</summary>
    public static void Col2Im(Index1D i, ArrayView<float> cols, ArrayView<float> x, ConvArguments g)
    {
        int pos = i % g.InLength;
        int c = i / g.InLength % g.InChannels;
        int b = i / (g.InLength * g.InChannels);
        int colBase = b * g.Patch * g.OutLength;
        float sum = 0;
        for (int k = 0; k < g.Kernel; k++)
        {
            int t = pos + g.Padding - k * g.Dilation;
            if (t >= 0 && t % g.Stride == 0 && t / g.Stride < g.OutLength)
            {
                sum += cols[colBase + (c * g.Kernel + k) * g.OutLength + t / g.Stride];
            }
        }
        x[i] = sum;
    }

    /// <summary>y[r, c, l] += bias[c] for y viewed as [rows, channels, rowLength].</summary>
    public static void AddBias(Index1D i, ArrayView<float> y, ArrayView<float> bias, int channels, int rowLength) =>
        y[i] = y[i] + bias[i / rowLength % channels];

    /// <summary>One thread per channel o: gb[o] += Σ_b (Σ_l gy[b, o, l]), each row summed first as CpuConvolution does.</summary>
    public static void BiasGradient(Index1D o, ArrayView<float> gy, ArrayView<float> gb, int batch, int channels, int rowLength)
    {
        float total = gb[o];
        for (int b = 0; b < batch; b++)
        {
            float row = 0;
            int start = (b * channels + o) * rowLength;
            for (int l = 0; l < rowLength; l++)
            {
                row += gy[start + l];
            }
            total += row;
        }
        gb[o] = total;
    }
}

/// <summary>A Conv1d's geometry as kernel scalars.</summary>
internal readonly struct ConvArguments(MRSNode.Neural.Backend.Conv1dGeometry g)
{
    public readonly int InChannels = g.InChannels;
    public readonly int InLength = g.InLength;
    public readonly int OutLength = g.OutLength;
    public readonly int Kernel = g.Kernel;
    public readonly int Stride = g.Stride;
    public readonly int Padding = g.Padding;
    public readonly int Dilation = g.Dilation;
    public readonly int Patch = g.Patch;
}
