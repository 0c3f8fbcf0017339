using ILGPU;

namespace MRSNode.Accelerators.Neural.Kernels;

/// <summary>
/// BatchNorm1d over [B, C, L]: one thread per channel for the statistics and the backward sums (in double, in the
/// order and with the float/double mix of CpuBatchNorm), one thread per element for the affine parts.
/// </summary>
internal static class BatchNormKernels
{
    public static void Statistics(Index1D c, ArrayView<float> x, ArrayView<float> runningMean, ArrayView<float> runningVar,
        ArrayView<float> mean, ArrayView<float> inverseStd, BatchNormArguments a)
    {
        if (a.Training == 0)
        {
            mean[c] = runningMean[c];
            inverseStd[c] = 1 / MathF.Sqrt(runningVar[c] + a.Epsilon);
            return;
        }
        double sum = 0, sumSq = 0;
        for (int b = 0; b < a.Batch; b++)
        {
            int o = (b * a.Channels + c) * a.Length;
            for (int l = 0; l < a.Length; l++)
            {
                float v = x[o + l];
                sum += v;
                sumSq += (double)v * v;
            }
        }
        int n = a.Batch * a.Length;
        double mu = sum / n, variance = Math.Max(0, sumSq / n - mu * mu);
        mean[c] = (float)mu;
        inverseStd[c] = (float)(1 / Math.Sqrt(variance + a.Epsilon));
        runningMean[c] = (1 - a.Momentum) * runningMean[c] + a.Momentum * (float)mu;
        runningVar[c] = (1 - a.Momentum) * runningVar[c] + a.Momentum * (float)(n > 1 ? variance * n / (n - 1) : variance);
    }

    public static void Normalize(Index1D i, ArrayView<float> x, ArrayView<float> gamma, ArrayView<float> beta, ArrayView<float> mean,
        ArrayView<float> inverseStd, ArrayView<float> y, int channels, int length)
    {
        int c = i / length % channels;
        float scale = gamma[c] * inverseStd[c], shift = beta[c] - mean[c] * scale;
        y[i] = x[i] * scale + shift;
    }

    /// <summary>Per channel: Σ∂y and Σ∂y·x̂ into <paramref name="sums"/> [2C], and added into ∂γ, ∂β.</summary>
    public static void BackwardSums(Index1D c, ArrayView<float> x, ArrayView<float> mean, ArrayView<float> inverseStd, ArrayView<float> gy,
        ArrayView<float> gradGamma, ArrayView<float> gradBeta, ArrayView<double> sums, BatchNormArguments a)
    {
        double sumGy = 0, sumGyXhat = 0;
        for (int b = 0; b < a.Batch; b++)
        {
            int o = (b * a.Channels + c) * a.Length;
            for (int l = 0; l < a.Length; l++)
            {
                double xhat = (x[o + l] - mean[c]) * inverseStd[c];
                sumGy += gy[o + l];
                sumGyXhat += gy[o + l] * xhat;
            }
        }
        gradGamma[c] = gradGamma[c] + (float)sumGyXhat;
        gradBeta[c] = gradBeta[c] + (float)sumGy;
        sums[2 * c] = sumGy;
        sums[2 * c + 1] = sumGyXhat;
    }

    /// <summary>∂x = γ·σ⁻¹/N · (N·∂y − Σ∂y − x̂·Σ∂y·x̂).</summary>
    public static void BackwardInput(Index1D i, ArrayView<float> x, ArrayView<float> gamma, ArrayView<float> mean, ArrayView<float> inverseStd,
        ArrayView<float> gy, ArrayView<double> sums, ArrayView<float> gx, BatchNormArguments a)
    {
        int c = i / a.Length % a.Channels;
        int n = a.Batch * a.Length;
        double k = gamma[c] * inverseStd[c] / n;
        double xhat = (x[i] - mean[c]) * inverseStd[c];
        gx[i] = (float)(k * (n * gy[i] - sums[2 * c] - xhat * sums[2 * c + 1]));
    }
}

/// <summary>A BatchNorm call's scalars.</summary>
internal readonly struct BatchNormArguments(int batch, int channels, int length, bool training, float momentum, float epsilon)
{
    public readonly int Batch = batch;
    public readonly int Channels = channels;
    public readonly int Length = length;
    public readonly int Training = training ? 1 : 0;
    public readonly float Momentum = momentum;
    public readonly float Epsilon = epsilon;
}
