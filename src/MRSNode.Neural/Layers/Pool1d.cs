using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>Max pooling over the last dimension of [B, C, L] (no padding).</summary>
public sealed class MaxPool1d(IComputeBackend backend, int kernel, int? stride = null) : Layer(backend)
{
    private int[] _argmax = [];
    private Tensor? _input;
    private Pool1dGeometry _geometry;

    public override Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _geometry = new Pool1dGeometry(input[0] * input[1], input[2], kernel, stride ?? kernel);
        var output = Backend.Allocate(input[0], input[1], _geometry.OutLength);
        _argmax = new int[output.Length];
        Backend.MaxPoolForward(input, output, _argmax, _geometry);
        return output;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = _input ?? throw NoForward(nameof(MaxPool1d));
        var gradInput = Backend.Allocate(input.ShapeArray());
        Backend.MaxPoolBackward(gradOutput, _argmax, gradInput, _geometry);
        return gradInput;
    }
}

/// <summary>Average pooling over the last dimension of [B, C, L] (no padding).</summary>
public sealed class AvgPool1d(IComputeBackend backend, int kernel, int? stride = null) : Layer(backend)
{
    private Tensor? _input;
    private Pool1dGeometry _geometry;

    public override Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _geometry = new Pool1dGeometry(input[0] * input[1], input[2], kernel, stride ?? kernel);
        var output = Backend.Allocate(input[0], input[1], _geometry.OutLength);
        Backend.AvgPoolForward(input, output, _geometry);
        return output;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = _input ?? throw NoForward(nameof(AvgPool1d));
        var gradInput = Backend.Allocate(input.ShapeArray());
        Backend.AvgPoolBackward(gradOutput, gradInput, _geometry);
        return gradInput;
    }
}
