namespace MRSNode.Neural.Backend;

/// <summary>
/// The compute seam: each call is a whole layer's work on a whole batch ("run this convolution on this batch"), so a
/// GPU backend (CUDA driver API, cuBLAS for <see cref="Gemm"/>, one kernel per call) implements it without any change
/// to the layers or models. Tensors are row-major and contiguous; a backend allocates the tensors it computes on and
/// moves data across the host boundary only in <see cref="Upload"/> and <see cref="Download"/>.
/// Disposable because a GPU backend owns native memory and a context; whoever creates one disposes it (after the
/// models that compute on it are no longer used).
/// </summary>
public interface IComputeBackend : IDisposable
{
    /// <summary>"cpu", "cuda".</summary>
    string Name { get; }

    /// <summary>A zeroed tensor in this backend's memory.</summary>
    Tensor Allocate(params int[] shape);

    void Upload(ReadOnlySpan<float> host, Tensor destination);

    void Download(Tensor source, Span<float> host);

    void Copy(Tensor source, Tensor destination);

    void Fill(Tensor destination, float value);

    /// <summary>C = α·op(A)·op(B) + β·C for row-major A (m×k, or k×m when transposed), B (k×n or n×k), C (m×n).</summary>
    void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha, Tensor a, Tensor b, float beta, Tensor c);

    /// <summary>output = conv(input, weight[Out, In, K]) + bias; <paramref name="columns"/> [Batch, In·K, OutLength] keeps the im2col for the backward pass.</summary>
    void Conv1dForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, Tensor columns, Conv1dGeometry geometry);

    /// <summary>Adds ∂L/∂weight and ∂L/∂bias into their gradients and writes ∂L/∂input (when not null).</summary>
    void Conv1dBackward(Tensor columns, Tensor weight, Tensor gradOutput, Tensor? gradInput, Tensor gradWeight, Tensor? gradBias, Conv1dGeometry geometry);

    /// <summary>y = x·Wᵀ + b for x [Batch, In], W [Out, In].</summary>
    void LinearForward(Tensor input, Tensor weight, Tensor? bias, Tensor output);

    void LinearBackward(Tensor input, Tensor weight, Tensor gradOutput, Tensor? gradInput, Tensor gradWeight, Tensor? gradBias);

    void ActivationForward(Activation activation, Tensor input, Tensor output);

    /// <summary>gradInput = f'(input) ⊙ gradOutput.</summary>
    void ActivationBackward(Activation activation, Tensor input, Tensor gradOutput, Tensor gradInput);

    /// <summary>CReLU over channels: [B, C, L] → [B, 2C, L] = (relu(x), relu(−x)).</summary>
    void CReluForward(Tensor input, Tensor output);

    void CReluBackward(Tensor input, Tensor gradOutput, Tensor gradInput);

    /// <summary>Max pooling; <paramref name="argmax"/> (same shape as output) records the winners for the backward pass.</summary>
    void MaxPoolForward(Tensor input, Tensor output, int[] argmax, Pool1dGeometry geometry);

    void MaxPoolBackward(Tensor gradOutput, int[] argmax, Tensor gradInput, Pool1dGeometry geometry);

    void AvgPoolForward(Tensor input, Tensor output, Pool1dGeometry geometry);

    void AvgPoolBackward(Tensor gradOutput, Tensor gradInput, Pool1dGeometry geometry);

    /// <summary>
    /// Batch normalisation over batch and length per channel of [B, C, L]. Training: batch statistics into
    /// <paramref name="mean"/>/<paramref name="inverseStd"/> (kept for backward) and the running averages updated with
    /// <paramref name="momentum"/>; inference: the running statistics.
    /// </summary>
    void BatchNormForward(Tensor input, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, Tensor mean, Tensor inverseStd, Tensor output, bool training, float momentum, float epsilon);

    void BatchNormBackward(Tensor input, Tensor gamma, Tensor mean, Tensor inverseStd, Tensor gradOutput, Tensor gradInput, Tensor gradGamma, Tensor gradBeta);

    /// <summary>y = x ⊙ mask (inverted dropout: the mask holds 0 or 1/(1−p)).</summary>
    void Multiply(Tensor x, Tensor mask, Tensor y);

    /// <summary>y = a + b.</summary>
    void Add(Tensor a, Tensor b, Tensor y);

    /// <summary>y += α·x.</summary>
    void AddScaled(Tensor x, float alpha, Tensor y);

    void Scale(Tensor x, float alpha);

    double SumOfSquares(Tensor x);

    /// <summary>One decoupled-weight-decay Adam update of a parameter (Loshchilov &amp; Hutter 2019).</summary>
    void AdamWUpdate(Tensor parameter, Tensor gradient, Tensor firstMoment, Tensor secondMoment, AdamWStep hyperparameters);
}
