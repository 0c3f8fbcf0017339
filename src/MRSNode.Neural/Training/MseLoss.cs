namespace MRSNode.Neural.Training;

/// <summary>
/// Mean squared error, optionally weighted per column of [B, N] (e.g. per metabolite). Computed on the host: losses
/// act on the model's small output, which a GPU backend downloads.
/// </summary>
public static class MseLoss
{
    /// <summary>L = Σ w_j (p − t)² / (B·N); writes ∂L/∂p into <paramref name="gradient"/>.</summary>
    public static double Compute(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient, ReadOnlySpan<float> columnWeights = default)
    {
        if (prediction.Length != target.Length || gradient.Length != prediction.Length)
        {
            throw new ArgumentException("prediction, target and gradient differ in length");
        }
        int columns = columnWeights.IsEmpty ? 1 : columnWeights.Length;
        double sum = 0;
        double n = prediction.Length;
        for (int i = 0; i < prediction.Length; i++)
        {
            double w = columnWeights.IsEmpty ? 1 : columnWeights[i % columns];
            double d = prediction[i] - target[i];
            sum += w * d * d;
            gradient[i] = (float)(2 * w * d / n);
        }
        return sum / n;
    }
}
