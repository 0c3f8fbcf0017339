namespace MRSNode.Neural.Backend;

/// <summary>The shape of one Conv1d: input [Batch, InChannels, InLength] → output [Batch, OutChannels, OutLength].</summary>
public readonly record struct Conv1dGeometry(int Batch, int InChannels, int OutChannels, int InLength, int Kernel, int Stride, int Padding, int Dilation)
{
    public int OutLength => (InLength + 2 * Padding - Dilation * (Kernel - 1) - 1) / Stride + 1;

    /// <summary>Rows of the im2col matrix (and columns of the flattened weight).</summary>
    public int Patch => InChannels * Kernel;
}

/// <summary>The shape of one pooling: [Batch·Channels rows, InLength] → [rows, OutLength].</summary>
public readonly record struct Pool1dGeometry(int Rows, int InLength, int Kernel, int Stride)
{
    public int OutLength => (InLength - Kernel) / Stride + 1;
}

/// <summary>Pointwise nonlinearities the backends implement.</summary>
public enum Activation
{
    Relu,
    /// <summary>GELU, tanh approximation (Hendrycks &amp; Gimpel 2016).</summary>
    Gelu,
}

/// <summary>AdamW hyper-parameters for one step (bias corrections come from <see cref="Step"/>).</summary>
public readonly record struct AdamWStep(float LearningRate, float Beta1, float Beta2, float Epsilon, float WeightDecay, int Step);
