using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace MRSNode.Accelerators;

/// <summary>Where ILGPU kernels run.</summary>
public enum AcceleratorKind
{
    /// <summary>ILGPU's CPU accelerator: the GPU's execution model (groups, shared memory, barriers) on CPU threads; what CI runs.</summary>
    Cpu,
    Cuda,
    OpenCL,
}

/// <summary>
/// One ILGPU context and one accelerator, owned together: kernels are compiled per accelerator, so whoever runs
/// kernels holds a session and disposes it. Groundwork: the CPU accelerator only; device discovery and selection
/// (CUDA, OpenCL) build on this.
/// </summary>
public sealed class AcceleratorSession : IDisposable
{
    private AcceleratorSession(Context context, Accelerator accelerator, AcceleratorKind kind)
    {
        Context = context;
        Accelerator = accelerator;
        Kind = kind;
    }

    public Context Context { get; }
    public Accelerator Accelerator { get; }
    public AcceleratorKind Kind { get; }

    /// <summary>The CPU accelerator (ILGPU's simulator of a GPU on CPU threads).</summary>
    public static AcceleratorSession CreateCpu()
    {
        var context = Context.Create(builder => builder.CPU().EnableAlgorithms());
        try
        {
            var accelerator = context.CreateCPUAccelerator(0);
            return new AcceleratorSession(context, accelerator, AcceleratorKind.Cpu);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Accelerator.Dispose();
        Context.Dispose();
    }
}
