using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>Layers applied in order; parameters named by position ("3.weight").</summary>
public sealed class Sequential(IComputeBackend backend, params Layer[] layers) : Layer(backend)
{
    public IReadOnlyList<Layer> Layers { get; } = layers;

    public override Tensor Forward(Tensor input, bool training)
    {
        var x = input;
        foreach (var layer in Layers)
        {
            x = layer.Forward(x, training);
        }
        return x;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var g = gradOutput;
        for (int i = Layers.Count - 1; i >= 0; i--)
        {
            g = Layers[i].Backward(g);
        }
        return g;
    }

    public override IEnumerable<(string Name, Parameter Parameter)> NamedParameters(string prefix = "") =>
        Layers.SelectMany((layer, i) => layer.NamedParameters(FormattableString.Invariant($"{prefix}{i}.")));
}
