using ILGPU;

namespace MRSNode.Accelerators.Neural.Kernels;

/// <summary>
/// Max and average pooling over rows of [rows, length]. The backward passes gather (each input sums the windows that
/// chose or cover it, in ascending window order as CpuPooling adds them): deterministic, no atomics.
/// </summary>
internal static class PoolingKernels
{
    /// <summary>i over [rows, OutLength]; the first maximum of a window wins, as on the CPU.</summary>
    public static void MaxForward(Index1D i, ArrayView<float> x, ArrayView<float> y, ArrayView<int> argmax, PoolArguments g)
    {
        int r = i / g.OutLength, o = i % g.OutLength;
        int start = r * g.InLength + o * g.Stride, best = start;
        for (int k = 1; k < g.Kernel; k++)
        {
            if (x[start + k] > x[best])
            {
                best = start + k;
            }
        }
        y[i] = x[best];
        argmax[i] = best;
    }

    /// <summary>p over [rows, InLength]: the sum of ∂y over the windows whose winner is p.</summary>
    public static void MaxBackward(Index1D p, ArrayView<float> gy, ArrayView<int> argmax, ArrayView<float> gx, PoolArguments g)
    {
        int r = p / g.InLength, q = p % g.InLength;
        float sum = 0;
        for (int o = FirstWindow(q, g); o <= LastWindow(q, g); o++)
        {
            int w = r * g.OutLength + o;
            if (argmax[w] == p)
            {
                sum += gy[w];
            }
        }
        gx[p] = sum;
    }

    public static void AvgForward(Index1D i, ArrayView<float> x, ArrayView<float> y, PoolArguments g)
    {
        int r = i / g.OutLength, o = i % g.OutLength;
        int start = r * g.InLength + o * g.Stride;
        float sum = 0;
        for (int k = 0; k < g.Kernel; k++)
        {
            sum += x[start + k];
        }
        y[i] = sum / g.Kernel;
    }

    public static void AvgBackward(Index1D p, ArrayView<float> gy, ArrayView<float> gx, PoolArguments g)
    {
        int r = p / g.InLength, q = p % g.InLength;
        float sum = 0;
        for (int o = FirstWindow(q, g); o <= LastWindow(q, g); o++)
        {
            sum += gy[r * g.OutLength + o] / g.Kernel;
        }
        gx[p] = sum;
    }

    // Windows o with o·stride ≤ q < o·stride + kernel.
    private static int FirstWindow(int q, PoolArguments g) => q < g.Kernel ? 0 : (q - g.Kernel) / g.Stride + 1;

    private static int LastWindow(int q, PoolArguments g) => Math.Min(g.OutLength - 1, q / g.Stride);
}

/// <summary>A pooling's geometry as kernel scalars.</summary>
internal readonly struct PoolArguments(MRSNode.Neural.Backend.Pool1dGeometry g)
{
    public readonly int InLength = g.InLength;
    public readonly int OutLength = g.OutLength;
    public readonly int Kernel = g.Kernel;
    public readonly int Stride = g.Stride;
}
