using MRSNode.Neural.Backend;
using MRSNode.Quantification.Cuda.Kernels;
using MRSNode.Quantification.Cuda.Memory;

namespace MRSNode.Quantification.Cuda.Ops;

/// <summary>
/// The GEMM-shaped layers on the device: Conv1d as im2col + one strided-batched GEMM (as CpuConvolution, one GEMM per
/// batch item, but in a single call), Linear as GEMMs on [Batch, Features]. Arguments are device pointers.
/// </summary>
internal sealed class CudaMatrixLayers(CudaGemm gemm, KernelLauncher launcher, CudaMemory memory)
{
    public void Conv1dForward(ulong input, ulong weight, ulong? bias, ulong output, ulong columns, Conv1dGeometry g)
    {
        int outLength = g.OutLength, patch = g.Patch;
        launcher.Elementwise(KernelNames.Im2Col, (long)g.Batch * patch * outLength,
            input, columns, g.Batch, g.InChannels, g.InLength, g.Kernel, g.Stride, g.Padding, g.Dilation, outLength);
        // Y_b = W · cols_b, the weight shared by every batch item (stride 0).
        gemm.Multiply(false, false, g.OutChannels, outLength, patch, 1, weight, 0, columns, (long)patch * outLength,
            0, output, (long)g.OutChannels * outLength, g.Batch);
        if (bias is { } b)
        {
            long n = (long)g.Batch * g.OutChannels * outLength;
            launcher.Elementwise(KernelNames.AddChannelBias, n, output, b, g.OutChannels, outLength, (int)n);
        }
    }

    public void Conv1dBackward(ulong columns, ulong weight, ulong gradOutput, ulong? gradInput, ulong gradWeight, ulong? gradBias, Conv1dGeometry g)
    {
        int outLength = g.OutLength, patch = g.Patch;
        long outStride = (long)g.OutChannels * outLength, colStride = (long)patch * outLength;
        // ∂L/∂W += Σ_b ∂L/∂Y_b · cols_bᵀ: one accumulating GEMM per batch item (a batched call would race on ∂L/∂W).
        for (int b = 0; b < g.Batch; b++)
        {
            gemm.Multiply(false, true, g.OutChannels, patch, outLength, 1, Offset(gradOutput, b * outStride), 0, Offset(columns, b * colStride), 0,
                1, gradWeight, 0);
        }
        if (gradBias is { } gb)
        {
            launcher.Launch(KernelNames.ChannelSumAccumulate, ((uint)g.OutChannels, 1, 1), (KernelNames.ReduceThreads, 1, 1),
                gradOutput, gb, g.Batch, g.OutChannels, outLength);
        }
        if (gradInput is not { } gx)
        {
            return;
        }
        // ∂L/∂cols_b = Wᵀ · ∂L/∂Y_b, then folded back onto the input positions.
        using var gradColumns = memory.Rent(4 * colStride * g.Batch);
        gemm.Multiply(true, false, patch, outLength, g.OutChannels, 1, weight, 0, gradOutput, outStride, 0, gradColumns.Pointer, colStride, g.Batch);
        launcher.Elementwise(KernelNames.Col2Im, (long)g.Batch * g.InChannels * g.InLength,
            gradColumns.Pointer, gx, g.Batch, g.InChannels, g.InLength, g.Kernel, g.Stride, g.Padding, g.Dilation, outLength);
    }

    public void LinearForward(ulong input, ulong weight, ulong? bias, ulong output, int batch, int inFeatures, int outFeatures)
    {
        gemm.Multiply(false, true, batch, outFeatures, inFeatures, 1, input, 0, weight, 0, 0, output, 0);
        if (bias is { } b)
        {
            long n = (long)batch * outFeatures;
            launcher.Elementwise(KernelNames.AddRowBias, n, output, b, outFeatures, (int)n);
        }
    }

    public void LinearBackward(ulong input, ulong weight, ulong gradOutput, ulong? gradInput, ulong gradWeight, ulong? gradBias, int batch, int inFeatures, int outFeatures)
    {
        gemm.Multiply(true, false, outFeatures, inFeatures, batch, 1, gradOutput, 0, input, 0, 1, gradWeight, 0);
        if (gradInput is { } gx)
        {
            gemm.Multiply(false, false, batch, inFeatures, outFeatures, 1, gradOutput, 0, weight, 0, 0, gx, 0);
        }
        if (gradBias is { } gb)
        {
            launcher.Elementwise(KernelNames.ColumnSumAccumulate, outFeatures, gradOutput, gb, batch, outFeatures);
        }
    }

    private static ulong Offset(ulong pointer, long elements) => pointer + (ulong)(4 * elements);
}
