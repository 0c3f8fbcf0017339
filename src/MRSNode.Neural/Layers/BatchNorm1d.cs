using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>Batch normalisation of [B, C, L] per channel (Ioffe &amp; Szegedy 2015); running statistics for inference.</summary>
public sealed class BatchNorm1d : Layer
{
    private readonly Parameter _gamma;
    private readonly Parameter _beta;
    private readonly Parameter _runningMean;
    private readonly Parameter _runningVar;
    private readonly Tensor _mean;
    private readonly Tensor _inverseStd;
    private Tensor? _input;

    public BatchNorm1d(IComputeBackend backend, int channels, float momentum = 0.1f, float epsilon = 1e-5f)
        : base(backend)
    {
        Channels = channels;
        Momentum = momentum;
        Epsilon = epsilon;
        _gamma = new Parameter("weight", Initialisation.Constant(backend, 1, channels), backend);
        _beta = new Parameter("bias", backend.Allocate(channels), backend);
        _runningMean = new Parameter("running_mean", backend.Allocate(channels), backend, trainable: false);
        _runningVar = new Parameter("running_var", Initialisation.Constant(backend, 1, channels), backend, trainable: false);
        _mean = backend.Allocate(channels);
        _inverseStd = backend.Allocate(channels);
    }

    public int Channels { get; }
    public float Momentum { get; }
    public float Epsilon { get; }

    public override Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 2 || input[1] != Channels)
        {
            throw new ArgumentException($"BatchNorm1d expects [B, {Channels}, L], got {input}", nameof(input));
        }
        _input = input;
        var output = Backend.Allocate(input.ShapeArray());
        Backend.BatchNormForward(input, _gamma.Value, _beta.Value, _runningMean.Value, _runningVar.Value, _mean, _inverseStd, output, training, Momentum, Epsilon);
        return output;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var input = _input ?? throw NoForward(nameof(BatchNorm1d));
        var gradInput = Backend.Allocate(input.ShapeArray());
        Backend.BatchNormBackward(input, _gamma.Value, _mean, _inverseStd, gradOutput, gradInput, _gamma.Gradient, _beta.Gradient);
        return gradInput;
    }

    protected override IEnumerable<Parameter> OwnParameters() => [_gamma, _beta, _runningMean, _runningVar];
}
