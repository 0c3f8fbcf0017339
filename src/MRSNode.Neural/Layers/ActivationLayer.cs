using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>A pointwise nonlinearity (ReLU, GELU).</summary>
public class ActivationLayer(IComputeBackend backend, Activation activation) : Layer(backend)
{
    private Tensor? _input;

    public Activation Activation { get; } = activation;

    public override Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        var output = Backend.Allocate(input.ShapeArray());
        Backend.ActivationForward(Activation, input, output);
        return output;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = _input ?? throw NoForward(Activation.ToString());
        var gradInput = Backend.Allocate(input.ShapeArray());
        Backend.ActivationBackward(Activation, input, gradOutput, gradInput);
        return gradInput;
    }
}

public sealed class Relu(IComputeBackend backend) : ActivationLayer(backend, Activation.Relu);

public sealed class Gelu(IComputeBackend backend) : ActivationLayer(backend, Activation.Gelu);
