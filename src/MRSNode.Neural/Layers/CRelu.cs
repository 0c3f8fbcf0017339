using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>Concatenated ReLU (Shang et al. 2016, used by Hatami 2018): [B, C, L] → [B, 2C, L] = (relu(x), relu(−x)); keeps the sign information.</summary>
public sealed class CRelu(IComputeBackend backend) : Layer(backend)
{
    private Tensor? _input;

    public override Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        var shape = input.ShapeArray();
        shape[1] *= 2;
        var output = Backend.Allocate(shape);
        Backend.CReluForward(input, output);
        return output;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = _input ?? throw NoForward(nameof(CRelu));
        var gradInput = Backend.Allocate(input.ShapeArray());
        Backend.CReluBackward(input, gradOutput, gradInput);
        return gradInput;
    }
}
