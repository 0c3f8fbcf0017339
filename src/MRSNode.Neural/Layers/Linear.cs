using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>Fully connected: [B, In] → [B, Out] = x·Wᵀ + b.</summary>
public sealed class Linear : Layer
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private Tensor? _input;

    public Linear(IComputeBackend backend, Random random, int inFeatures, int outFeatures, float weightScale = 1)
        : base(backend)
    {
        ArgumentNullException.ThrowIfNull(random);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var w = Initialisation.HeUniform(backend, random, inFeatures, outFeatures, inFeatures);
        if (weightScale != 1)
        {
            backend.Scale(w, weightScale);
        }
        _weight = new Parameter("weight", w, backend, decays: true);
        _bias = new Parameter("bias", backend.Allocate(outFeatures), backend);
    }

    public int InFeatures { get; }
    public int OutFeatures { get; }

    public override Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input[1] != InFeatures)
        {
            throw new ArgumentException($"Linear expects [B, {InFeatures}], got {input}", nameof(input));
        }
        _input = input;
        var output = Backend.Allocate(input[0], OutFeatures);
        Backend.LinearForward(input, _weight.Value, _bias.Value, output);
        return output;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = _input ?? throw NoForward(nameof(Linear));
        var gradInput = Backend.Allocate(input.ShapeArray());
        Backend.LinearBackward(input, _weight.Value, gradOutput, gradInput, _weight.Gradient, _bias.Gradient);
        return gradInput;
    }

    protected override IEnumerable<Parameter> OwnParameters() => [_weight, _bias];
}
