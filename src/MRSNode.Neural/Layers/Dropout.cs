using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>Inverted dropout: in training each element is kept with probability 1 − p and scaled by 1/(1 − p); identity at inference. Masks come from the layer's own seeded generator.</summary>
public sealed class Dropout(IComputeBackend backend, float probability, int seed) : Layer(backend)
{
    private readonly Random _random = new(seed);
    private Tensor? _mask;

    public override Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!training || probability <= 0)
        {
            _mask = null;
            return input;
        }
        var host = new float[input.Length];
        float keep = 1 / (1 - probability);
        for (int i = 0; i < host.Length; i++)
        {
            host[i] = _random.NextDouble() < probability ? 0 : keep;
        }
        _mask = Backend.Allocate(input.ShapeArray());
        Backend.Upload(host, _mask);
        var output = Backend.Allocate(input.ShapeArray());
        Backend.Multiply(input, _mask, output);
        return output;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_mask is null)
        {
            return gradOutput;
        }
        var gradInput = Backend.Allocate(gradOutput.ShapeArray());
        Backend.Multiply(gradOutput, _mask, gradInput);
        return gradInput;
    }
}
