using ILGPU;
using ILGPU.Runtime;
using MRSNode.Accelerators.Neural.Kernels;
using MRSNode.Neural;
using MRSNode.Neural.Backend;

namespace MRSNode.Accelerators.Neural;

/// <summary>
/// <see cref="IComputeBackend"/> as ILGPU kernels on one accelerator (CUDA on a GPU machine; ILGPU's CPU accelerator
/// in the tests, which runs the same kernels with the GPU's execution model). Tensors live in accelerator memory
/// (<see cref="IlgpuStorage"/>); every call launches its kernels on the accelerator's default stream, so calls are
/// ordered and only Upload, Download, MaxPool's argmax and SumOfSquares wait. Semantics are CpuBackend's; the parity
/// tests compare the two op by op. Calls must be serialised, as for the models that use it.
/// </summary>
public sealed class IlgpuBackend : IComputeBackend
{
    private readonly AcceleratorSession _session;
    private readonly bool _ownsSession;
    private readonly Accelerator _accelerator;
    private readonly IlgpuMemory _memory;
    private readonly IlgpuKernels _kernels;
    private readonly int _tile;

    /// <param name="session">The accelerator to compute on.</param>
    /// <param name="ownsSession">Dispose the session with the backend (the factory's backends do; tests share one session).</param>
    public IlgpuBackend(AcceleratorSession session, bool ownsSession = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _ownsSession = ownsSession;
        _accelerator = session.Accelerator;
        _memory = new IlgpuMemory(_accelerator);
        _kernels = new IlgpuKernels(_accelerator);
        // The largest square tile a group holds: 16×16 on GPUs, 4×4 on ILGPU's default CPU accelerator (16 threads).
        _tile = Math.Max(1, Math.Min(GemmKernel.MaxTile, Math.Min((int)Math.Sqrt(_accelerator.MaxNumThreadsPerGroup), Math.Min(_accelerator.MaxGroupSize.X, _accelerator.MaxGroupSize.Y))));
    }

    /// <summary>"cuda" on a CUDA device, "cpu" on ILGPU's CPU accelerator, "opencl" (the names ComputeDevices parses, for the first two).</summary>
    public string Name => _session.Kind switch
    {
        AcceleratorKind.Cuda => "cuda",
        AcceleratorKind.OpenCL => "opencl",
        _ => "cpu",
    };

    public string Description => _session.Description;

    /// <summary>The GEMM tile edge this accelerator's groups allow.</summary>
    public int GemmTile => _tile;

    public Tensor Allocate(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long n = 1;
        foreach (var d in shape)
        {
            n *= d;
        }
        return new Tensor(_memory.Allocate(checked((int)n)), shape);
    }

    public void Upload(ReadOnlySpan<float> host, Tensor destination)
    {
        var d = Storage(destination);
        if (host.Length > destination.Length)
        {
            throw new ArgumentException($"{host.Length} values do not fit {destination}", nameof(host));
        }
        if (host.Length > 0)
        {
            d.Buffer.View.SubView(0, host.Length).AsContiguous().CopyFromCPU(host);
        }
    }

    public void Download(Tensor source, Span<float> host)
    {
        var s = Storage(source);
        if (host.Length < source.Length)
        {
            throw new ArgumentException($"{source} does not fit {host.Length} values", nameof(host));
        }
        if (source.Length > 0)
        {
            s.Buffer.View.SubView(0, source.Length).AsContiguous().CopyToCPU(host[..source.Length]);
        }
    }

    /// <summary>Device → device; a host tensor on either side (e.g. a checkpoint's optimizer state) is uploaded or downloaded.</summary>
    public void Copy(Tensor source, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        switch (source.Storage, destination.Storage)
        {
            case (HostStorage, HostStorage):
                source.Span.CopyTo(destination.Span);
                break;
            case (HostStorage, _):
                Upload(source.Span, destination);
                break;
            case (_, HostStorage):
                Download(source, destination.Span);
                break;
            default:
                if (source.Length > destination.Length)
                {
                    throw new ArgumentException($"{source} does not fit {destination}", nameof(destination));
                }
                if (source.Length > 0)
                {
                    Storage(source).Buffer.View.SubView(0, source.Length).CopyTo(Storage(destination).Buffer.View.SubView(0, source.Length));
                }
                break;
        }
    }

    public void Fill(Tensor destination, float value) => Launch(destination.Length, n => _kernels.Fill(n, View(destination), value));

    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha, Tensor a, Tensor b, float beta, Tensor c) =>
        LaunchGemm(new GemmArguments(transposeA, transposeB, m, n, k, alpha, beta, _tile), 1, View(a), View(b), View(c));

    public void Conv1dForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, Tensor columns, Conv1dGeometry geometry)
    {
        var g = geometry;
        int outLength = g.OutLength, patch = g.Patch;
        var conv = new ConvArguments(g);
        Launch(g.Batch * patch * outLength, i => _kernels.Im2Col(i, View(input), View(columns), conv));
        // Y_b = W · cols_b for every b in one launch (W broadcast: stride 0).
        LaunchGemm(new GemmArguments(false, false, g.OutChannels, outLength, patch, 1, 0, _tile) { BStride = patch * outLength, CStride = g.OutChannels * outLength },
            g.Batch, View(weight), View(columns), View(output));
        if (bias is not null)
        {
            Launch(g.Batch * g.OutChannels * outLength, i => _kernels.AddBias(i, View(output), View(bias), g.OutChannels, outLength));
        }
    }

    public void Conv1dBackward(Tensor columns, Tensor weight, Tensor gradOutput, Tensor? gradInput, Tensor gradWeight, Tensor? gradBias, Conv1dGeometry geometry)
    {
        var g = geometry;
        int outLength = g.OutLength, patch = g.Patch;
        // ∂W += ∂Y_b · cols_bᵀ, one launch per b (a batched launch would race on ∂W), in CpuConvolution's order.
        for (int b = 0; b < g.Batch; b++)
        {
            LaunchGemm(new GemmArguments(false, true, g.OutChannels, patch, outLength, 1, 1, _tile) { AOffset = b * g.OutChannels * outLength, BOffset = b * patch * outLength },
                1, View(gradOutput), View(columns), View(gradWeight));
        }
        if (gradBias is not null)
        {
            Launch(g.OutChannels, o => _kernels.BiasGradient(o, View(gradOutput), View(gradBias), g.Batch, g.OutChannels, outLength));
        }
        if (gradInput is null)
        {
            return;
        }
        // ∂cols_b = Wᵀ · ∂Y_b (one batched launch), folded back onto the input positions by a gathering col2im.
        using var gradColumns = _accelerator.Allocate1D<float>(Math.Max(1, g.Batch * patch * outLength));
        LaunchGemm(new GemmArguments(true, false, patch, outLength, g.OutChannels, 1, 0, _tile) { BStride = g.OutChannels * outLength, CStride = patch * outLength },
            g.Batch, View(weight), View(gradOutput), gradColumns.View);
        var conv = new ConvArguments(g);
        Launch(g.Batch * g.InChannels * g.InLength, i => _kernels.Col2Im(i, gradColumns.View, View(gradInput), conv));
        _accelerator.Synchronize();
    }

    public void LinearForward(Tensor input, Tensor weight, Tensor? bias, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        int batch = input[0], inFeatures = input[1], outFeatures = weight[0];
        Gemm(false, true, batch, outFeatures, inFeatures, 1, input, weight, 0, output);
        if (bias is not null)
        {
            Launch(batch * outFeatures, i => _kernels.AddBias(i, View(output), View(bias), outFeatures, 1));
        }
    }

    public void LinearBackward(Tensor input, Tensor weight, Tensor gradOutput, Tensor? gradInput, Tensor gradWeight, Tensor? gradBias)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        int batch = input[0], inFeatures = input[1], outFeatures = weight[0];
        Gemm(true, false, outFeatures, inFeatures, batch, 1, gradOutput, input, 1, gradWeight);
        if (gradInput is not null)
        {
            Gemm(false, false, batch, inFeatures, outFeatures, 1, gradOutput, weight, 0, gradInput);
        }
        if (gradBias is not null)
        {
            Launch(outFeatures, o => _kernels.BiasGradient(o, View(gradOutput), View(gradBias), batch, outFeatures, 1));
        }
    }

    public void ActivationForward(Activation activation, Tensor input, Tensor output)
    {
        int code = ActivationCode(activation);
        Launch(input.Length, i => _kernels.ActivationForward(i, View(input), View(output), code));
    }

    public void ActivationBackward(Activation activation, Tensor input, Tensor gradOutput, Tensor gradInput)
    {
        int code = ActivationCode(activation);
        Launch(input.Length, i => _kernels.ActivationBackward(i, View(input), View(gradOutput), View(gradInput), code));
    }

    public void CReluForward(Tensor input, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(input);
        int block = input.Length / input[0];
        Launch(input.Length, i => _kernels.CReluForward(i, View(input), View(output), block));
    }

    public void CReluBackward(Tensor input, Tensor gradOutput, Tensor gradInput)
    {
        ArgumentNullException.ThrowIfNull(input);
        int block = input.Length / input[0];
        Launch(input.Length, i => _kernels.CReluBackward(i, View(input), View(gradOutput), View(gradInput), block));
    }

    /// <summary>The winners come back to the host (the seam's argmax is an int[]): one small download and a wait.</summary>
    public void MaxPoolForward(Tensor input, Tensor output, int[] argmax, Pool1dGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(argmax);
        int count = geometry.Rows * geometry.OutLength;
        using var winners = _accelerator.Allocate1D<int>(Math.Max(1, count));
        var pool = new PoolArguments(geometry);
        Launch(count, i => _kernels.MaxPoolForward(i, View(input), View(output), winners.View, pool));
        if (count > 0)
        {
            winners.View.SubView(0, count).AsContiguous().CopyToCPU(argmax.AsSpan(0, count));
        }
    }

    public void MaxPoolBackward(Tensor gradOutput, int[] argmax, Tensor gradInput, Pool1dGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(argmax);
        int count = geometry.Rows * geometry.OutLength;
        using var winners = _accelerator.Allocate1D<int>(Math.Max(1, count));
        if (count > 0)
        {
            winners.View.SubView(0, count).AsContiguous().CopyFromCPU((ReadOnlySpan<int>)argmax.AsSpan(0, count));
        }
        var pool = new PoolArguments(geometry);
        Launch(geometry.Rows * geometry.InLength, p => _kernels.MaxPoolBackward(p, View(gradOutput), winners.View, View(gradInput), pool));
        _accelerator.Synchronize();
    }

    public void AvgPoolForward(Tensor input, Tensor output, Pool1dGeometry geometry)
    {
        var pool = new PoolArguments(geometry);
        Launch(geometry.Rows * geometry.OutLength, i => _kernels.AvgPoolForward(i, View(input), View(output), pool));
    }

    public void AvgPoolBackward(Tensor gradOutput, Tensor gradInput, Pool1dGeometry geometry)
    {
        var pool = new PoolArguments(geometry);
        Launch(geometry.Rows * geometry.InLength, p => _kernels.AvgPoolBackward(p, View(gradOutput), View(gradInput), pool));
    }

    public void BatchNormForward(Tensor input, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, Tensor mean, Tensor inverseStd, Tensor output, bool training, float momentum, float epsilon)
    {
        var a = BatchNormShape(input, training, momentum, epsilon);
        Launch(a.Channels, c => _kernels.BatchNormStatistics(c, View(input), View(runningMean), View(runningVar), View(mean), View(inverseStd), a));
        Launch(input.Length, i => _kernels.BatchNormNormalize(i, View(input), View(gamma), View(beta), View(mean), View(inverseStd), View(output), a.Channels, a.Length));
    }

    public void BatchNormBackward(Tensor input, Tensor gamma, Tensor mean, Tensor inverseStd, Tensor gradOutput, Tensor gradInput, Tensor gradGamma, Tensor gradBeta)
    {
        var a = BatchNormShape(input, true, 0, 0);
        using var sums = _accelerator.Allocate1D<double>(2 * Math.Max(1, a.Channels));
        Launch(a.Channels, c => _kernels.BatchNormBackwardSums(c, View(input), View(mean), View(inverseStd), View(gradOutput), View(gradGamma), View(gradBeta), sums.View, a));
        Launch(input.Length, i => _kernels.BatchNormBackwardInput(i, View(input), View(gamma), View(mean), View(inverseStd), View(gradOutput), sums.View, View(gradInput), a));
        _accelerator.Synchronize();
    }

    public void Multiply(Tensor x, Tensor mask, Tensor y) => Launch(x.Length, i => _kernels.Multiply(i, View(x), View(mask), View(y)));

    public void Add(Tensor a, Tensor b, Tensor y) => Launch(a.Length, i => _kernels.Add(i, View(a), View(b), View(y)));

    public void AddScaled(Tensor x, float alpha, Tensor y) => Launch(x.Length, i => _kernels.AddScaled(i, View(x), alpha, View(y)));

    public void Scale(Tensor x, float alpha) => Launch(x.Length, i => _kernels.Scale(i, View(x), alpha));

    public double SumOfSquares(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int chunks = (x.Length + ReductionKernels.Chunk - 1) / ReductionKernels.Chunk;
        if (chunks == 0)
        {
            return 0;
        }
        using var partial = _accelerator.Allocate1D<double>(chunks);
        _kernels.SumOfSquaresChunks(chunks, View(x), partial.View, x.Length);
        var host = partial.GetAsArray1D();
        double sum = 0;
        foreach (var p in host)
        {
            sum += p;
        }
        return sum;
    }

    public void AdamWUpdate(Tensor parameter, Tensor gradient, Tensor firstMoment, Tensor secondMoment, AdamWStep hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var s = hyperparameters;
        // The bias corrections as CpuBackend computes them (float), so both backends step identically.
        float c1 = 1 / (1 - MathF.Pow(s.Beta1, s.Step));
        float c2 = 1 / (1 - MathF.Pow(s.Beta2, s.Step));
        float decay = 1 - s.LearningRate * s.WeightDecay;
        var a = new AdamWArguments(s.LearningRate, s.Beta1, s.Beta2, s.Epsilon, decay, c1, c2);
        Launch(parameter.Length, i => _kernels.AdamW(i, View(parameter), View(gradient), View(firstMoment), View(secondMoment), a));
    }

    public void Dispose()
    {
        _accelerator.Synchronize();
        _memory.Dispose();
        if (_ownsSession)
        {
            _session.Dispose();
        }
    }

    private static void Launch(int count, Action<Index1D> launch)
    {
        if (count > 0)
        {
            launch(count);
        }
    }

    private void LaunchGemm(GemmArguments args, int batch, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c)
    {
        if (args.M == 0 || args.N == 0 || batch == 0)
        {
            return;
        }
        int t = args.Tile;
        var grid = new Index3D((args.N + t - 1) / t, (args.M + t - 1) / t, batch);
        _kernels.Gemm(new KernelConfig(grid, new Index3D(t, t, 1)), a, b, c, args);
    }

    private static BatchNormArguments BatchNormShape(Tensor input, bool training, float momentum, float epsilon)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new BatchNormArguments(input[0], input[1], input.Rank > 2 ? input[2] : 1, training, momentum, epsilon);
    }

    private static int ActivationCode(Activation activation) => activation switch
    {
        Activation.Relu => PointwiseKernels.Relu,
        Activation.Gelu => PointwiseKernels.Gelu,
        _ => throw new NotSupportedException($"activation {activation} has no ILGPU kernel"),
    };

    private IlgpuStorage Storage(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.Storage is IlgpuStorage s && ReferenceEquals(s.Owner, _memory)
            ? s
            : throw new InvalidOperationException($"the ILGPU backend computes on its own device tensors; {t} is {(t.Storage is HostStorage ? "in host memory" : "another backend's")}");
    }

    private ArrayView<float> View(Tensor t) => Storage(t).Buffer.View.SubView(0, Math.Max(1, t.Length)).AsContiguous();
}
