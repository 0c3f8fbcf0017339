namespace MRSNode.Neural.Backend;

/// <summary>BatchNorm1d on the CPU over [B, C, L] (statistics per channel over batch and length).</summary>
internal static class CpuBatchNorm
{
    public static void Forward(Tensor input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> runningMean, Span<float> runningVar,
        Span<float> mean, Span<float> inverseStd, Span<float> y, bool training, float momentum, float epsilon)
    {
        var (batch, channels, length) = Dimensions(input);
        var x = input.Span;
        for (int c = 0; c < channels; c++)
        {
            if (training)
            {
                double sum = 0, sumSq = 0;
                for (int b = 0; b < batch; b++)
                {
                    var row = x.Slice((b * channels + c) * length, length);
                    foreach (var v in row)
                    {
                        sum += v;
                        sumSq += (double)v * v;
                    }
                }
                int n = batch * length;
                double mu = sum / n, variance = Math.Max(0, sumSq / n - mu * mu);
                mean[c] = (float)mu;
                inverseStd[c] = (float)(1 / Math.Sqrt(variance + epsilon));
                runningMean[c] = (1 - momentum) * runningMean[c] + momentum * (float)mu;
                runningVar[c] = (1 - momentum) * runningVar[c] + momentum * (float)(n > 1 ? variance * n / (n - 1) : variance);
            }
            else
            {
                mean[c] = runningMean[c];
                inverseStd[c] = 1 / MathF.Sqrt(runningVar[c] + epsilon);
            }
            float scale = gamma[c] * inverseStd[c], shift = beta[c] - mean[c] * scale;
            for (int b = 0; b < batch; b++)
            {
                int o = (b * channels + c) * length;
                for (int l = 0; l < length; l++)
                {
                    y[o + l] = x[o + l] * scale + shift;
                }
            }
        }
    }

    /// <summary>Training-mode backward: ∂x = γ·σ⁻¹/N · (N·∂y − Σ∂y − x̂·Σ∂y·x̂).</summary>
    public static void Backward(Tensor input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd,
        ReadOnlySpan<float> gy, Span<float> gx, Span<float> gradGamma, Span<float> gradBeta)
    {
        var (batch, channels, length) = Dimensions(input);
        var x = input.Span;
        int n = batch * length;
        for (int c = 0; c < channels; c++)
        {
            double sumGy = 0, sumGyXhat = 0;
            for (int b = 0; b < batch; b++)
            {
                int o = (b * channels + c) * length;
                for (int l = 0; l < length; l++)
                {
                    double xhat = (x[o + l] - mean[c]) * inverseStd[c];
                    sumGy += gy[o + l];
                    sumGyXhat += gy[o + l] * xhat;
                }
            }
            gradGamma[c] += (float)sumGyXhat;
            gradBeta[c] += (float)sumGy;
            double k = gamma[c] * inverseStd[c] / n;
            for (int b = 0; b < batch; b++)
            {
                int o = (b * channels + c) * length;
                for (int l = 0; l < length; l++)
                {
                    double xhat = (x[o + l] - mean[c]) * inverseStd[c];
                    gx[o + l] = (float)(k * (n * gy[o + l] - sumGy - xhat * sumGyXhat));
                }
            }
        }
    }

    private static (int Batch, int Channels, int Length) Dimensions(Tensor input) =>
        (input[0], input[1], input.Rank > 2 ? input[2] : 1);
}
