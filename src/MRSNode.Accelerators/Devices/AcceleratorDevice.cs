using System.Globalization;

namespace MRSNode.Accelerators.Devices;

/// <summary>One device ILGPU can run kernels on: its kind, its ordinal among the devices of that kind, name and memory.</summary>
public sealed record AcceleratorDevice(AcceleratorKind Kind, int Ordinal, string Name, long MemoryBytes)
{
    /// <summary>"CUDA: NVIDIA H200, 139.8 GiB"; the CPU accelerator computes in host memory (ILGPU reports no size for it).</summary>
    public static string Describe(AcceleratorKind kind, string name, long memoryBytes) => kind == AcceleratorKind.Cpu
        ? $"{KindName(kind)}: {name}, host memory"
        : string.Create(CultureInfo.InvariantCulture, $"{KindName(kind)}: {name}, {memoryBytes / (1024.0 * 1024 * 1024):F1} GiB");

    /// <summary>"CUDA", "OpenCL", "CPU accelerator".</summary>
    public static string KindName(AcceleratorKind kind) => kind switch
    {
        AcceleratorKind.Cuda => "CUDA",
        AcceleratorKind.OpenCL => "OpenCL",
        _ => "CPU accelerator",
    };

    public override string ToString() => $"{Describe(Kind, Name, MemoryBytes)} (#{Ordinal})";
}

/// <summary>
/// What discovery found: every usable device, and for a GPU kind with none a one-line reason (the driver library is
/// missing, or it lists no device ILGPU supports).
/// </summary>
public sealed record AcceleratorInventory(IReadOnlyList<AcceleratorDevice> Devices, string? CudaReason, string? OpenClReason)
{
    /// <summary>
    /// The GPU <c>auto</c> takes: the first CUDA device; null when there is none. OpenCL devices are listed and can be
    /// checked (<c>mrsnode device --check --accelerator opencl</c>) but are not chosen by themselves: the node's
    /// device names are auto, cpu and cuda.
    /// </summary>
    public AcceleratorDevice? PreferredGpu => FirstOf(AcceleratorKind.Cuda);

    public AcceleratorDevice? FirstOf(AcceleratorKind kind) => Devices.FirstOrDefault(d => d.Kind == kind);

    /// <summary>Why there is no GPU for <c>auto</c> ("no CUDA driver (libcuda.so.1, libcuda.so not found)"), for the fallback line.</summary>
    public string NoGpuReason => CudaReason ?? "a CUDA device is available";
}
