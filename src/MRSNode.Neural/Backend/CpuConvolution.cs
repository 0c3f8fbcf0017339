using System.Buffers;
using System.Numerics.Tensors;

namespace MRSNode.Neural.Backend;

/// <summary>Conv1d on the CPU as im2col + <see cref="Sgemm"/>: one GEMM per batch item, batch items over threads.</summary>
internal static class CpuConvolution
{
    public static void Forward(float[] input, float[] weight, float[]? bias, float[] output, float[] columns, Conv1dGeometry g, int parallelism)
    {
        int outLength = g.OutLength, patch = g.Patch;
        // Threads go to the batch when it is large enough, else into the GEMM.
        int inner = g.Batch >= parallelism ? 1 : parallelism;
        Parallel.For(0, g.Batch, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism / inner) }, b =>
        {
            int colOffset = b * patch * outLength;
            Im2Col(input, b * g.InChannels * g.InLength, columns, colOffset, g);
            int outOffset = b * g.OutChannels * outLength;
            Sgemm.Multiply(false, false, g.OutChannels, outLength, patch, 1, weight, 0, columns, colOffset, 0, output, outOffset, inner);
            if (bias is not null)
            {
                for (int o = 0; o < g.OutChannels; o++)
                {
                    var row = output.AsSpan(outOffset + o * outLength, outLength);
                    TensorPrimitives.Add(row, bias[o], row);
                }
            }
        });
    }

    public static void Backward(float[] columns, float[] weight, float[] gradOutput, float[]? gradInput, float[] gradWeight, float[]? gradBias, Conv1dGeometry g, int parallelism)
    {
        int outLength = g.OutLength, patch = g.Patch;
        for (int b = 0; b < g.Batch; b++)
        {
            // ∂L/∂W += ∂L/∂Y_b · cols_bᵀ
            Sgemm.Multiply(false, true, g.OutChannels, patch, outLength, 1, gradOutput, b * g.OutChannels * outLength, columns, b * patch * outLength, 1, gradWeight, 0, parallelism);
            if (gradBias is not null)
            {
                for (int o = 0; o < g.OutChannels; o++)
                {
                    gradBias[o] += TensorPrimitives.Sum(gradOutput.AsSpan((b * g.OutChannels + o) * outLength, outLength));
                }
            }
        }
        if (gradInput is null)
        {
            return;
        }
        int inner = g.Batch >= parallelism ? 1 : parallelism;
        Parallel.For(0, g.Batch, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism / inner) }, b =>
        {
            var gradColumns = ArrayPool<float>.Shared.Rent(patch * outLength);
            try
            {
                // ∂L/∂cols_b = Wᵀ · ∂L/∂Y_b, folded back onto the input positions.
                Sgemm.Multiply(true, false, patch, outLength, g.OutChannels, 1, weight, 0, gradOutput, b * g.OutChannels * outLength, 0, gradColumns, 0, inner);
                Col2Im(gradColumns, gradInput, b * g.InChannels * g.InLength, g);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(gradColumns);
            }
        });
    }

    /// <summary>cols[(c·K + k), l] = x[c, l·stride − padding + k·dilation] (0 outside).</summary>
    private static void Im2Col(float[] x, int xOffset, float[] cols, int colOffset, Conv1dGeometry g)
    {
        int outLength = g.OutLength;
        for (int c = 0; c < g.InChannels; c++)
        {
            for (int k = 0; k < g.Kernel; k++)
            {
                int row = colOffset + (c * g.Kernel + k) * outLength;
                int shift = k * g.Dilation - g.Padding;
                for (int l = 0; l < outLength; l++)
                {
                    int pos = l * g.Stride + shift;
                    cols[row + l] = pos >= 0 && pos < g.InLength ? x[xOffset + c * g.InLength + pos] : 0;
                }
            }
        }
    }

    private static void Col2Im(float[] cols, float[] x, int xOffset, Conv1dGeometry g)
    {
        int outLength = g.OutLength;
        Array.Clear(x, xOffset, g.InChannels * g.InLength);
        for (int c = 0; c < g.InChannels; c++)
        {
            for (int k = 0; k < g.Kernel; k++)
            {
                int row = (c * g.Kernel + k) * outLength;
                int shift = k * g.Dilation - g.Padding;
                for (int l = 0; l < outLength; l++)
                {
                    int pos = l * g.Stride + shift;
                    if (pos >= 0 && pos < g.InLength)
                    {
                        x[xOffset + c * g.InLength + pos] += cols[row + l];
                    }
                }
            }
        }
    }
}
