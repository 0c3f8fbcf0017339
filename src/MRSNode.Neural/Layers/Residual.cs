using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>A residual connection around a block of the same input and output shape: y = x + f(x).</summary>
public sealed class Residual(IComputeBackend backend, Layer inner) : Layer(backend)
{
    public override Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        var f = inner.Forward(input, training);
        if (!f.SameShape(input))
        {
            throw new InvalidOperationException($"residual block changes the shape {input} → {f}");
        }
        var output = Backend.Allocate(input.ShapeArray());
        Backend.Add(input, f, output);
        return output;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var gradInner = inner.Backward(gradOutput);
        var gradInput = Backend.Allocate(gradOutput.ShapeArray());
        Backend.Add(gradOutput, gradInner, gradInput);
        return gradInput;
    }

    public override IEnumerable<(string Name, Parameter Parameter)> NamedParameters(string prefix = "") => inner.NamedParameters(prefix + "inner.");
}
