using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using MRSNode.Accelerators.Devices;

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
/// kernels holds a session and disposes it. <see cref="AcceleratorSelection"/> opens the session for the device the
/// user chose; tests open the CPU accelerator directly.
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

    /// <summary>True for CUDA and OpenCL devices (false for the CPU accelerator).</summary>
    public bool IsGpu => Kind != AcceleratorKind.Cpu;

    /// <summary>"CUDA: NVIDIA H200, 139.8 GiB" (the device as <c>mrsnode device</c> lists it).</summary>
    public string Description => AcceleratorDevice.Describe(Kind, Accelerator.Name, Accelerator.MemorySize);

    /// <summary>
    /// The CPU accelerator (ILGPU's simulator of a GPU on CPU threads). <paramref name="shape"/> picks the simulated
    /// group size: Default has 16-thread groups; Nvidia has 32-thread warps and 1024-thread groups, so kernels that
    /// size their groups from the device (the GEMM's tiles) run with the shapes they have on a GPU, and with far
    /// fewer barrier rounds on a busy CPU.
    /// </summary>
    public static AcceleratorSession CreateCpu(CPUDeviceKind shape = CPUDeviceKind.Default)
    {
        var context = Context.Create(builder => builder.CPU(shape).EnableAlgorithms());
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

    /// <summary>
    /// A session on <paramref name="device"/> (as discovery listed it): a fresh context with that kind's devices only,
    /// the accelerator at the device's ordinal within its kind.
    /// </summary>
    public static AcceleratorSession Create(AcceleratorDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Kind == AcceleratorKind.Cpu)
        {
            return CreateCpu();
        }
        var context = Context.Create(builder =>
        {
            _ = device.Kind == AcceleratorKind.Cuda ? builder.Cuda() : builder.OpenCL();
            builder.EnableAlgorithms();
        });
        try
        {
            Accelerator accelerator = device.Kind == AcceleratorKind.Cuda
                ? context.CreateCudaAccelerator(device.Ordinal)
                : context.CreateCLAccelerator(device.Ordinal);
            return new AcceleratorSession(context, accelerator, device.Kind);
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
