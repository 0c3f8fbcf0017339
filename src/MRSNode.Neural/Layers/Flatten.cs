using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>[B, …] → [B, product of the rest] (a view: no copy).</summary>
public sealed class Flatten(IComputeBackend backend) : Layer(backend)
{
    private int[] _shape = [];

    public override Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        _shape = input.ShapeArray();
        return input.Reshape(input[0], input.Length / input[0]);
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        return gradOutput.Reshape(_shape);
    }
}
