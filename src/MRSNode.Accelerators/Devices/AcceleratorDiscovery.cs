using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace MRSNode.Accelerators.Devices;

/// <summary>
/// Lists the devices ILGPU sees (CUDA, OpenCL, its CPU accelerator) through one context. ILGPU swallows a missing
/// driver and lists nothing, so for a GPU kind with no device the reason is worked out here: the driver library does
/// not load, or it loads and ILGPU lists no device it supports. Never throws for a missing driver.
/// </summary>
public static class AcceleratorDiscovery
{
    private static readonly string[] CudaLibraries = OperatingSystem.IsWindows() ? ["nvcuda.dll"] : ["libcuda.so.1", "libcuda.so"];
    private static readonly string[] OpenClLibraries = OperatingSystem.IsWindows() ? ["OpenCL.dll"] : ["libOpenCL.so.1", "libOpenCL.so"];

    public static AcceleratorInventory Discover()
    {
        using var context = Context.Create(builder => builder.Cuda().OpenCL().CPU(CPUDeviceKind.Default));
        var devices = new List<AcceleratorDevice>();
        foreach (var (type, kind) in new[] { (AcceleratorType.Cuda, AcceleratorKind.Cuda), (AcceleratorType.OpenCL, AcceleratorKind.OpenCL), (AcceleratorType.CPU, AcceleratorKind.Cpu) })
        {
            // The ordinal within a kind is the index CreateCudaAccelerator / CreateCLAccelerator take.
            var ofKind = context.Devices.Where(d => d.AcceleratorType == type).ToList();
            devices.AddRange(ofKind.Select((d, i) => new AcceleratorDevice(kind, i, d.Name, d.MemorySize)));
        }
        string? cuda = devices.Any(d => d.Kind == AcceleratorKind.Cuda) ? null : Reason("CUDA driver", CudaLibraries, "the CUDA driver lists no device ILGPU supports");
        string? openCl = devices.Any(d => d.Kind == AcceleratorKind.OpenCL) ? null : Reason("OpenCL loader", OpenClLibraries, "no OpenCL device ILGPU supports (it needs OpenCL 2.0 or a 1.2 device with generic address space)");
        return new AcceleratorInventory(devices, cuda, openCl);
    }

    private static string Reason(string what, string[] libraries, string loadedButNone)
    {
        foreach (var library in libraries)
        {
            if (NativeLibrary.TryLoad(library, out var handle))
            {
                NativeLibrary.Free(handle);
                return loadedButNone;
            }
        }
        return $"no {what} ({string.Join(", ", libraries)} not found)";
    }
}
