namespace MRSNode.Quantification.Cuda.Kernels;

/// <summary>One kernel argument in an 8-byte slot (ints and floats in the low bytes: x64 and ARM64 are little-endian).</summary>
internal readonly struct KernelArg
{
    private KernelArg(ulong bits) => Bits = bits;

    public ulong Bits { get; }

    public static implicit operator KernelArg(int value) => new((uint)value);

    public static implicit operator KernelArg(long value) => new((ulong)value);

    /// <summary>A device pointer.</summary>
    public static implicit operator KernelArg(ulong value) => new(value);

    public static implicit operator KernelArg(float value) => new((uint)BitConverter.SingleToInt32Bits(value));

    public static KernelArg FromInt32(int value) => value;

    public static KernelArg FromSingle(float value) => value;
}

/// <summary>
/// Launches kernels on the backend's stream. cuLaunchKernel reports bad launches at once; faults inside a kernel
/// surface at the next synchronisation, so MRSNODE_CUDA_SYNC=1 synchronises after every launch to name the kernel.
/// </summary>
internal sealed unsafe class KernelLauncher(CudaContext context, KernelModules modules)
{
    public const int Threads = 256;

    /// <summary>Grid-stride kernels need no more blocks than this to fill any current GPU.</summary>
    private const int MaxBlocks = 65535;

    private readonly bool _synchronous = Environment.GetEnvironmentVariable("MRSNODE_CUDA_SYNC") == "1";

    /// <summary>A grid-stride kernel over <paramref name="elements"/> (nothing to do: no launch).</summary>
    public void Elementwise(string kernel, long elements, params ReadOnlySpan<KernelArg> args)
    {
        if (elements <= 0)
        {
            return;
        }
        uint blocks = (uint)Math.Min(MaxBlocks, (elements + Threads - 1) / Threads);
        Launch(kernel, (blocks, 1, 1), (Threads, 1, 1), args);
    }

    public void Launch(string kernel, (uint X, uint Y, uint Z) grid, (uint X, uint Y, uint Z) block, params ReadOnlySpan<KernelArg> args)
    {
        if (grid.X == 0 || grid.Y == 0 || grid.Z == 0)
        {
            return;
        }
        var function = modules.Function(kernel);
        var slots = stackalloc ulong[args.Length];
        var pointers = stackalloc void*[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            slots[i] = args[i].Bits;
            pointers[i] = &slots[i];
        }
        context.Driver.LaunchKernel(function, grid, block, 0, context.Stream, pointers, kernel);
        if (_synchronous)
        {
            context.Synchronize(kernel);
        }
    }
}
