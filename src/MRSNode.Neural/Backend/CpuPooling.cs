namespace MRSNode.Neural.Backend;

/// <summary>Max and average pooling on the CPU, row by row of [rows, length].</summary>
internal static class CpuPooling
{
    public static void MaxForward(ReadOnlySpan<float> x, Span<float> y, int[] argmax, Pool1dGeometry g)
    {
        int outLength = g.OutLength;
        for (int r = 0; r < g.Rows; r++)
        {
            for (int o = 0; o < outLength; o++)
            {
                int start = r * g.InLength + o * g.Stride, best = start;
                for (int k = 1; k < g.Kernel; k++)
                {
                    if (x[start + k] > x[best])
                    {
                        best = start + k;
                    }
                }
                y[r * outLength + o] = x[best];
                argmax[r * outLength + o] = best;
            }
        }
    }

    public static void MaxBackward(ReadOnlySpan<float> gy, int[] argmax, Span<float> gx, Pool1dGeometry g)
    {
        gx.Clear();
        for (int i = 0; i < g.Rows * g.OutLength; i++)
        {
            gx[argmax[i]] += gy[i];
        }
    }

    public static void AvgForward(ReadOnlySpan<float> x, Span<float> y, Pool1dGeometry g)
    {
        int outLength = g.OutLength;
        for (int r = 0; r < g.Rows; r++)
        {
            for (int o = 0; o < outLength; o++)
            {
                int start = r * g.InLength + o * g.Stride;
                float sum = 0;
                for (int k = 0; k < g.Kernel; k++)
                {
                    sum += x[start + k];
                }
                y[r * outLength + o] = sum / g.Kernel;
            }
        }
    }

    public static void AvgBackward(ReadOnlySpan<float> gy, Span<float> gx, Pool1dGeometry g)
    {
        gx.Clear();
        int outLength = g.OutLength;
        for (int r = 0; r < g.Rows; r++)
        {
            for (int o = 0; o < outLength; o++)
            {
                float share = gy[r * outLength + o] / g.Kernel;
                int start = r * g.InLength + o * g.Stride;
                for (int k = 0; k < g.Kernel; k++)
                {
                    gx[start + k] += share;
                }
            }
        }
    }
}
