using MRSNode.Neural;
using MRSNode.Neural.Backend;
using MRSNode.Quantification.Cuda.Driver;
using MRSNode.Quantification.Cuda.Kernels;
using MRSNode.Quantification.Cuda.Memory;
using MRSNode.Quantification.Cuda.Ops;

namespace MRSNode.Quantification.Cuda;

/// <summary>
/// <see cref="IComputeBackend"/> on one NVIDIA GPU through the CUDA driver API: tensors in device memory
/// (<see cref="DeviceStorage"/>), one kernel (or one GEMM) per call, all on one stream, so calls are ordered and only
/// Upload, Download, MaxPool's argmax and SumOfSquares wait for the device. Semantics are CpuBackend's; the parity
/// tests compare the two op by op. Calls must be serialised, as for the models that use it.
/// </summary>
public sealed class CudaBackend : IComputeBackend, IDisposable
{
    private readonly CudaContext _context;
    private readonly CudaMemory _memory;
    private readonly KernelModules _modules;
    private readonly KernelLauncher _launcher;
    private readonly CudaGemm _gemm;
    private readonly CudaMatrixLayers _matrix;
    private bool _disposed;

    /// <summary>Starts on a GPU; throws <see cref="CudaException"/> (or BackendNotAvailableException) where there is none.</summary>
    public CudaBackend(CudaBackendOptions? options = null)
    {
        options ??= new CudaBackendOptions();
        var driver = CudaDriver.TryGet(out var reason) ?? throw new BackendNotAvailableException($"CUDA is not available: {reason}");
        _context = new CudaContext(driver, options.Device);
        try
        {
            _memory = new CudaMemory(_context);
            _modules = new KernelModules(_context);
            _launcher = new KernelLauncher(_context, _modules);
            _gemm = new CudaGemm(_context, _launcher, options.UseCublas);
            _matrix = new CudaMatrixLayers(_gemm, _launcher, _memory);
        }
        catch
        {
            _context.Dispose();
            throw;
        }
    }

    public string Name => "cuda";

    /// <summary>"NVIDIA … (compute 8.6), GEMM: cuBLAS (libcublas.so.12)".</summary>
    public string Description => $"{_context.Name} (compute {_context.Architecture / 10}.{_context.Architecture % 10}), GEMM: {_gemm.Description}";

    public bool UsesCublas => _gemm.UsesCublas;

    /// <summary>How each kernel module was loaded so far (shipped PTX or NVRTC).</summary>
    public IReadOnlyList<string> KernelNotes => _modules.Notes;

    /// <summary>Device bytes this backend holds (in use and pooled).</summary>
    public long DeviceBytes => _memory.AllocatedBytes;

    public Tensor Allocate(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Enter();
        return _memory.Allocate(this, shape);
    }

    public void Upload(ReadOnlySpan<float> host, Tensor destination)
    {
        Enter();
        var d = Ptr(destination);
        if (host.Length > destination.Length)
        {
            throw new ArgumentException($"{host.Length} values do not fit {destination}", nameof(host));
        }
        _memory.Upload(host, d);
    }

    public void Download(Tensor source, Span<float> host)
    {
        Enter();
        var s = Ptr(source);
        if (host.Length < source.Length)
        {
            throw new ArgumentException($"{source} does not fit {host.Length} values", nameof(host));
        }
        _memory.Download(s, host[..source.Length]);
    }

    /// <summary>Device → device; a host tensor on either side (e.g. a checkpoint's optimizer state) is uploaded or downloaded.</summary>
    public void Copy(Tensor source, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        Enter();
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
                _memory.CopyDeviceToDevice(Ptr(source), Ptr(destination), source.Length);
                break;
        }
    }

    public void Fill(Tensor destination, float value)
    {
        Enter();
        _memory.Fill(Ptr(destination), value, destination.Length);
    }

    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha, Tensor a, Tensor b, float beta, Tensor c)
    {
        Enter();
        _gemm.Multiply(transposeA, transposeB, m, n, k, alpha, Ptr(a), 0, Ptr(b), 0, beta, Ptr(c), 0);
    }

    public void Conv1dForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, Tensor columns, Conv1dGeometry geometry)
    {
        Enter();
        _matrix.Conv1dForward(Ptr(input), Ptr(weight), PtrOrNull(bias), Ptr(output), Ptr(columns), geometry);
    }

    public void Conv1dBackward(Tensor columns, Tensor weight, Tensor gradOutput, Tensor? gradInput, Tensor gradWeight, Tensor? gradBias, Conv1dGeometry geometry)
    {
        Enter();
        _matrix.Conv1dBackward(Ptr(columns), Ptr(weight), Ptr(gradOutput), PtrOrNull(gradInput), Ptr(gradWeight), PtrOrNull(gradBias), geometry);
    }

    public void LinearForward(Tensor input, Tensor weight, Tensor? bias, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        Enter();
        _matrix.LinearForward(Ptr(input), Ptr(weight), PtrOrNull(bias), Ptr(output), input[0], input[1], weight[0]);
    }

    public void LinearBackward(Tensor input, Tensor weight, Tensor gradOutput, Tensor? gradInput, Tensor gradWeight, Tensor? gradBias)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        Enter();
        _matrix.LinearBackward(Ptr(input), Ptr(weight), Ptr(gradOutput), PtrOrNull(gradInput), Ptr(gradWeight), PtrOrNull(gradBias), input[0], input[1], weight[0]);
    }

    public void ActivationForward(Activation activation, Tensor input, Tensor output)
    {
        Enter();
        _launcher.Elementwise(KernelNames.ActivationForward, input.Length, Ptr(input), Ptr(output), input.Length, ActivationKind(activation));
    }

    public void ActivationBackward(Activation activation, Tensor input, Tensor gradOutput, Tensor gradInput)
    {
        Enter();
        _launcher.Elementwise(KernelNames.ActivationBackward, input.Length, Ptr(input), Ptr(gradOutput), Ptr(gradInput), input.Length, ActivationKind(activation));
    }

    public void CReluForward(Tensor input, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(input);
        Enter();
        int batch = input[0];
        _launcher.Elementwise(KernelNames.CReluForward, input.Length, Ptr(input), Ptr(output), batch, input.Length / batch);
    }

    public void CReluBackward(Tensor input, Tensor gradOutput, Tensor gradInput)
    {
        ArgumentNullException.ThrowIfNull(input);
        Enter();
        int batch = input[0];
        _launcher.Elementwise(KernelNames.CReluBackward, input.Length, Ptr(input), Ptr(gradOutput), Ptr(gradInput), batch, input.Length / batch);
    }

    /// <summary>
    /// The seam hands argmax over as a host int[], so the winners computed on the device are downloaded here (one
    /// device → host copy of 4 bytes per output and a stream wait) and uploaded again by the backward pass.
    /// </summary>
    public void MaxPoolForward(Tensor input, Tensor output, int[] argmax, Pool1dGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(argmax);
        Enter();
        int count = geometry.Rows * geometry.OutLength;
        using var winners = _memory.Rent(4L * count);
        _launcher.Elementwise(KernelNames.MaxPoolForward, count, Ptr(input), Ptr(output), winners.Pointer,
            geometry.Rows, geometry.InLength, geometry.Kernel, geometry.Stride, geometry.OutLength);
        _memory.Download(winners.Pointer, argmax.AsSpan(0, count));
    }

    public void MaxPoolBackward(Tensor gradOutput, int[] argmax, Tensor gradInput, Pool1dGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(argmax);
        Enter();
        int count = geometry.Rows * geometry.OutLength;
        using var winners = _memory.Rent(4L * count);
        _memory.Upload<int>(argmax.AsSpan(0, count), winners.Pointer);
        _launcher.Elementwise(KernelNames.MaxPoolBackward, (long)geometry.Rows * geometry.InLength, Ptr(gradOutput), winners.Pointer, Ptr(gradInput),
            geometry.Rows, geometry.InLength, geometry.Kernel, geometry.Stride, geometry.OutLength);
    }

    public void AvgPoolForward(Tensor input, Tensor output, Pool1dGeometry geometry)
    {
        Enter();
        _launcher.Elementwise(KernelNames.AvgPoolForward, (long)geometry.Rows * geometry.OutLength, Ptr(input), Ptr(output),
            geometry.Rows, geometry.InLength, geometry.Kernel, geometry.Stride, geometry.OutLength);
    }

    public void AvgPoolBackward(Tensor gradOutput, Tensor gradInput, Pool1dGeometry geometry)
    {
        Enter();
        _launcher.Elementwise(KernelNames.AvgPoolBackward, (long)geometry.Rows * geometry.InLength, Ptr(gradOutput), Ptr(gradInput),
            geometry.Rows, geometry.InLength, geometry.Kernel, geometry.Stride, geometry.OutLength);
    }

    public void BatchNormForward(Tensor input, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, Tensor mean, Tensor inverseStd, Tensor output, bool training, float momentum, float epsilon)
    {
        ArgumentNullException.ThrowIfNull(input);
        Enter();
        var (batch, channels, length) = BatchNormDimensions(input);
        _launcher.Launch(KernelNames.BatchNormForward, ((uint)channels, 1, 1), (KernelNames.ReduceThreads, 1, 1),
            Ptr(input), Ptr(gamma), Ptr(beta), Ptr(runningMean), Ptr(runningVar), Ptr(mean), Ptr(inverseStd), Ptr(output),
            batch, channels, length, training ? 1 : 0, momentum, epsilon);
    }

    public void BatchNormBackward(Tensor input, Tensor gamma, Tensor mean, Tensor inverseStd, Tensor gradOutput, Tensor gradInput, Tensor gradGamma, Tensor gradBeta)
    {
        ArgumentNullException.ThrowIfNull(input);
        Enter();
        var (batch, channels, length) = BatchNormDimensions(input);
        _launcher.Launch(KernelNames.BatchNormBackward, ((uint)channels, 1, 1), (KernelNames.ReduceThreads, 1, 1),
            Ptr(input), Ptr(gamma), Ptr(mean), Ptr(inverseStd), Ptr(gradOutput), Ptr(gradInput), Ptr(gradGamma), Ptr(gradBeta),
            batch, channels, length);
    }

    public void Multiply(Tensor x, Tensor mask, Tensor y)
    {
        Enter();
        _launcher.Elementwise(KernelNames.Multiply, x.Length, Ptr(x), Ptr(mask), Ptr(y), x.Length);
    }

    public void Add(Tensor a, Tensor b, Tensor y)
    {
        Enter();
        _launcher.Elementwise(KernelNames.Add, a.Length, Ptr(a), Ptr(b), Ptr(y), a.Length);
    }

    public void AddScaled(Tensor x, float alpha, Tensor y)
    {
        Enter();
        _launcher.Elementwise(KernelNames.AddScaled, x.Length, Ptr(x), alpha, Ptr(y), x.Length);
    }

    public void Scale(Tensor x, float alpha)
    {
        Enter();
        _launcher.Elementwise(KernelNames.Scale, x.Length, Ptr(x), alpha, x.Length);
    }

    /// <summary>Two-pass reduction in double on the device; waits for the 8-byte result.</summary>
    public double SumOfSquares(Tensor x)
    {
        Enter();
        int blocks = (int)Math.Clamp((x.Length + KernelLauncher.Threads - 1L) / KernelLauncher.Threads, 1, 1024);
        using var partial = _memory.Rent(8L * blocks);
        using var result = _memory.Rent(8);
        _launcher.Launch(KernelNames.SumSquaresPartial, ((uint)blocks, 1, 1), (KernelNames.ReduceThreads, 1, 1), Ptr(x), partial.Pointer, x.Length);
        _launcher.Launch(KernelNames.SumPartials, (1, 1, 1), (KernelNames.ReduceThreads, 1, 1), partial.Pointer, result.Pointer, blocks);
        Span<double> sum = stackalloc double[1];
        _memory.Download(result.Pointer, sum);
        return sum[0];
    }

    public void AdamWUpdate(Tensor parameter, Tensor gradient, Tensor firstMoment, Tensor secondMoment, AdamWStep hyperparameters)
    {
        Enter();
        var step = hyperparameters;
        // The same float expressions as CpuBackend, so both backends feed the kernel identical constants.
        float c1 = 1 / (1 - MathF.Pow(step.Beta1, step.Step));
        float c2 = 1 / (1 - MathF.Pow(step.Beta2, step.Step));
        float decay = 1 - step.LearningRate * step.WeightDecay;
        _launcher.Elementwise(KernelNames.AdamWUpdate, parameter.Length, Ptr(parameter), Ptr(gradient), Ptr(firstMoment), Ptr(secondMoment), parameter.Length,
            step.LearningRate, step.Beta1, step.Beta2, step.Epsilon, decay, c1, c2);
    }

    /// <summary>Waits for all queued work (surfaces asynchronous kernel faults).</summary>
    public void Synchronize()
    {
        Enter();
        _context.Synchronize("queued work");
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _context.MakeCurrent();
        _gemm.Dispose();
        _modules.Dispose();
        _memory.Dispose();
        _context.Dispose();
        _disposed = true;
    }

    private void Enter()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _context.MakeCurrent();
    }

    private ulong Ptr(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.Storage is DeviceStorage d && ReferenceEquals(d.Owner, this)
            ? d.Pointer
            : throw new InvalidOperationException($"the CUDA backend computes on its own device tensors; {t} is in {(t.Storage is HostStorage ? "host memory" : "another backend's memory")}");
    }

    private ulong? PtrOrNull(Tensor? t) => t is null ? null : Ptr(t);

    private static int ActivationKind(Activation activation) => activation switch
    {
        Activation.Relu => 0,
        Activation.Gelu => 1,
        _ => throw new NotSupportedException($"CUDA backend: activation {activation} has no kernel"),
    };

    private static (int Batch, int Channels, int Length) BatchNormDimensions(Tensor input) =>
        (input[0], input[1], input.Rank > 2 ? input[2] : 1);
}
