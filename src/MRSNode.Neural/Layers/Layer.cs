using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>A learnable (or stored) tensor with its gradient. <see cref="Name"/> is local to its layer ("weight").</summary>
public sealed class Parameter(string name, Tensor value, IComputeBackend backend, bool trainable = true, bool decays = false)
{
    public string Name { get; } = name;

    public Tensor Value { get; } = value;

    /// <summary>∂L/∂value, accumulated by backward passes until <see cref="Layer.ZeroGradients"/>.</summary>
    public Tensor Gradient { get; } = backend.Allocate(value.ShapeArray());

    /// <summary>False for stored statistics (BatchNorm running mean/variance): saved, never optimised.</summary>
    public bool Trainable { get; } = trainable;

    /// <summary>Whether AdamW's weight decay applies (weights, not biases or norm scales).</summary>
    public bool Decays { get; } = decays;
}

/// <summary>
/// A layer with a forward and a backward pass. Forward keeps what backward needs (one pass in flight per layer);
/// backward takes ∂L/∂output, adds into the parameter gradients and returns ∂L/∂input.
/// </summary>
public abstract class Layer(IComputeBackend backend)
{
    protected IComputeBackend Backend { get; } = backend;

    public abstract Tensor Forward(Tensor input, bool training);

    public abstract Tensor Backward(Tensor gradOutput);

    /// <summary>This layer's own parameters (containers override <see cref="NamedParameters"/>).</summary>
    protected virtual IEnumerable<Parameter> OwnParameters() => [];

    /// <summary>Every parameter below this layer with its dotted path ("encoder.0.weight").</summary>
    public virtual IEnumerable<(string Name, Parameter Parameter)> NamedParameters(string prefix = "") =>
        OwnParameters().Select(p => (prefix + p.Name, p));

    public IEnumerable<Parameter> Parameters() => NamedParameters().Select(p => p.Parameter);

    public void ZeroGradients()
    {
        foreach (var p in Parameters())
        {
            Backend.Fill(p.Gradient, 0);
        }
    }

    protected static InvalidOperationException NoForward(string layer) => new($"{layer}: backward before forward");
}
