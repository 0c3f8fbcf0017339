using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>1-D convolution [B, In, L] → [B, Out, L'] with stride, zero padding and dilation (im2col + GEMM in the backend).</summary>
public sealed class Conv1d : Layer
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private Tensor? _columns;
    private Tensor? _input;
    private Conv1dGeometry _geometry;

    public Conv1d(IComputeBackend backend, Random random, int inChannels, int outChannels, int kernel, int stride = 1, int padding = 0, int dilation = 1)
        : base(backend)
    {
        ArgumentNullException.ThrowIfNull(random);
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        _weight = new Parameter("weight", Initialisation.HeUniform(backend, random, inChannels * kernel, outChannels, inChannels, kernel), backend, decays: true);
        _bias = new Parameter("bias", backend.Allocate(outChannels), backend);
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int Kernel { get; }
    public int Stride { get; }
    public int Padding { get; }
    public int Dilation { get; }

    public override Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 3 || input[1] != InChannels)
        {
            throw new ArgumentException($"Conv1d expects [B, {InChannels}, L], got {input}", nameof(input));
        }
        _geometry = new Conv1dGeometry(input[0], InChannels, OutChannels, input[2], Kernel, Stride, Padding, Dilation);
        _input = input;
        _columns = Backend.Allocate(_geometry.Batch, _geometry.Patch, _geometry.OutLength);
        var output = Backend.Allocate(_geometry.Batch, OutChannels, _geometry.OutLength);
        Backend.Conv1dForward(input, _weight.Value, _bias.Value, output, _columns, _geometry);
        return output;
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        if (_columns is null || _input is null)
        {
            throw NoForward(nameof(Conv1d));
        }
        var gradInput = Backend.Allocate(_input.ShapeArray());
        Backend.Conv1dBackward(_columns, _weight.Value, gradOutput, gradInput, _weight.Gradient, _bias.Gradient, _geometry);
        return gradInput;
    }

    protected override IEnumerable<Parameter> OwnParameters() => [_weight, _bias];
}
