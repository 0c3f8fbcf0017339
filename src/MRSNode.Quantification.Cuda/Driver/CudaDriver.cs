using System.Runtime.InteropServices;

namespace MRSNode.Quantification.Cuda.Driver;

/// <summary>
/// The CUDA driver API (libcuda.so.1 / nvcuda.dll) as function pointers, resolved once on first use. Loading never
/// throws: <see cref="TryGet"/> answers null with the reason on a machine without the driver, so referencing this
/// type is safe everywhere. Each wrapper turns a failed CUresult into a <see cref="CudaException"/> naming the call.
/// </summary>
internal sealed unsafe class CudaDriver
{
    private static readonly Lazy<(CudaDriver? Driver, string? Reason)> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly delegate* unmanaged<int, byte**, int> _getErrorName;
    private readonly delegate* unmanaged<uint, int> _init;
    private readonly delegate* unmanaged<int*, int> _driverGetVersion;
    private readonly delegate* unmanaged<int*, int> _deviceGetCount;
    private readonly delegate* unmanaged<int*, int, int> _deviceGet;
    private readonly delegate* unmanaged<byte*, int, int, int> _deviceGetName;
    private readonly delegate* unmanaged<nuint*, int, int> _deviceTotalMem;
    private readonly delegate* unmanaged<int*, int, int, int> _deviceGetAttribute;
    private readonly delegate* unmanaged<nint*, int, int> _primaryCtxRetain;
    private readonly delegate* unmanaged<int, int> _primaryCtxRelease;
    private readonly delegate* unmanaged<nint, int> _ctxSetCurrent;
    private readonly delegate* unmanaged<nint*, uint, int> _streamCreate;
    private readonly delegate* unmanaged<nint, int> _streamDestroy;
    private readonly delegate* unmanaged<nint, int> _streamSynchronize;
    private readonly delegate* unmanaged<ulong*, nuint, int> _memAlloc;
    private readonly delegate* unmanaged<ulong, int> _memFree;
    private readonly delegate* unmanaged<void**, nuint, uint, int> _memHostAlloc;
    private readonly delegate* unmanaged<void*, int> _memFreeHost;
    private readonly delegate* unmanaged<ulong, void*, nuint, nint, int> _memcpyHtoDAsync;
    private readonly delegate* unmanaged<void*, ulong, nuint, nint, int> _memcpyDtoHAsync;
    private readonly delegate* unmanaged<ulong, ulong, nuint, nint, int> _memcpyDtoDAsync;
    private readonly delegate* unmanaged<ulong, uint, nuint, nint, int> _memsetD32Async;
    private readonly delegate* unmanaged<nint*, void*, uint, int*, void**, int> _moduleLoadDataEx;
    private readonly delegate* unmanaged<nint*, nint, byte*, int> _moduleGetFunction;
    private readonly delegate* unmanaged<nint, int> _moduleUnload;
    private readonly delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int> _launchKernel;

    private CudaDriver(nint lib)
    {
        const string Name = "CUDA driver";
        _getErrorName = (delegate* unmanaged<int, byte**, int>)NativeLibraryProbe.Export(lib, "cuGetErrorName");
        _init = (delegate* unmanaged<uint, int>)NativeLibraryProbe.RequiredExport(lib, "cuInit", Name);
        _driverGetVersion = (delegate* unmanaged<int*, int>)NativeLibraryProbe.RequiredExport(lib, "cuDriverGetVersion", Name);
        _deviceGetCount = (delegate* unmanaged<int*, int>)NativeLibraryProbe.RequiredExport(lib, "cuDeviceGetCount", Name);
        _deviceGet = (delegate* unmanaged<int*, int, int>)NativeLibraryProbe.RequiredExport(lib, "cuDeviceGet", Name);
        _deviceGetName = (delegate* unmanaged<byte*, int, int, int>)NativeLibraryProbe.RequiredExport(lib, "cuDeviceGetName", Name);
        _deviceTotalMem = (delegate* unmanaged<nuint*, int, int>)NativeLibraryProbe.RequiredExport(lib, "cuDeviceTotalMem_v2", Name);
        _deviceGetAttribute = (delegate* unmanaged<int*, int, int, int>)NativeLibraryProbe.RequiredExport(lib, "cuDeviceGetAttribute", Name);
        _primaryCtxRetain = (delegate* unmanaged<nint*, int, int>)NativeLibraryProbe.RequiredExport(lib, "cuDevicePrimaryCtxRetain", Name);
        _primaryCtxRelease = (delegate* unmanaged<int, int>)NativeLibraryProbe.RequiredExport(lib, "cuDevicePrimaryCtxRelease_v2", Name);
        _ctxSetCurrent = (delegate* unmanaged<nint, int>)NativeLibraryProbe.RequiredExport(lib, "cuCtxSetCurrent", Name);
        _streamCreate = (delegate* unmanaged<nint*, uint, int>)NativeLibraryProbe.RequiredExport(lib, "cuStreamCreate", Name);
        _streamDestroy = (delegate* unmanaged<nint, int>)NativeLibraryProbe.RequiredExport(lib, "cuStreamDestroy_v2", Name);
        _streamSynchronize = (delegate* unmanaged<nint, int>)NativeLibraryProbe.RequiredExport(lib, "cuStreamSynchronize", Name);
        _memAlloc = (delegate* unmanaged<ulong*, nuint, int>)NativeLibraryProbe.RequiredExport(lib, "cuMemAlloc_v2", Name);
        _memFree = (delegate* unmanaged<ulong, int>)NativeLibraryProbe.RequiredExport(lib, "cuMemFree_v2", Name);
        _memHostAlloc = (delegate* unmanaged<void**, nuint, uint, int>)NativeLibraryProbe.RequiredExport(lib, "cuMemHostAlloc", Name);
        _memFreeHost = (delegate* unmanaged<void*, int>)NativeLibraryProbe.RequiredExport(lib, "cuMemFreeHost", Name);
        _memcpyHtoDAsync = (delegate* unmanaged<ulong, void*, nuint, nint, int>)NativeLibraryProbe.RequiredExport(lib, "cuMemcpyHtoDAsync_v2", Name);
        _memcpyDtoHAsync = (delegate* unmanaged<void*, ulong, nuint, nint, int>)NativeLibraryProbe.RequiredExport(lib, "cuMemcpyDtoHAsync_v2", Name);
        _memcpyDtoDAsync = (delegate* unmanaged<ulong, ulong, nuint, nint, int>)NativeLibraryProbe.RequiredExport(lib, "cuMemcpyDtoDAsync_v2", Name);
        _memsetD32Async = (delegate* unmanaged<ulong, uint, nuint, nint, int>)NativeLibraryProbe.RequiredExport(lib, "cuMemsetD32Async", Name);
        _moduleLoadDataEx = (delegate* unmanaged<nint*, void*, uint, int*, void**, int>)NativeLibraryProbe.RequiredExport(lib, "cuModuleLoadDataEx", Name);
        _moduleGetFunction = (delegate* unmanaged<nint*, nint, byte*, int>)NativeLibraryProbe.RequiredExport(lib, "cuModuleGetFunction", Name);
        _moduleUnload = (delegate* unmanaged<nint, int>)NativeLibraryProbe.RequiredExport(lib, "cuModuleUnload", Name);
        _launchKernel = (delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int>)NativeLibraryProbe.RequiredExport(lib, "cuLaunchKernel", Name);
    }

    /// <summary>Library names tried, in order.</summary>
    public static IReadOnlyList<string> Candidates { get; } = OperatingSystem.IsWindows() ? ["nvcuda.dll"] : ["libcuda.so.1", "libcuda.so"];

    /// <summary>The loaded driver, or null with why not (no library, or one without the entry points this backend needs).</summary>
    public static CudaDriver? TryGet(out string? reason)
    {
        var (driver, why) = Loaded.Value;
        reason = why;
        return driver;
    }

    private static (CudaDriver?, string?) Load()
    {
        var lib = NativeLibraryProbe.TryLoad(Candidates, out var tried);
        if (lib == 0)
        {
            return (null, $"no CUDA driver ({tried} not found)");
        }
        try
        {
            return (new CudaDriver(lib), null);
        }
        catch (DllNotFoundException ex)
        {
            return (null, $"unusable CUDA driver {tried}: {ex.Message}");
        }
    }

    /// <summary>The name of a CUresult: the driver's own when it answers, else <see cref="CudaErrorNames"/>.</summary>
    public string ErrorName(int code)
    {
        if (_getErrorName != null)
        {
            byte* name = null;
            if (_getErrorName(code, &name) == 0 && name != null)
            {
                return Marshal.PtrToStringAnsi((nint)name) ?? CudaErrorNames.ForDriver(code);
            }
        }
        return CudaErrorNames.ForDriver(code);
    }

    public void Check(int code, string call, string? detail = null)
    {
        if (code != 0)
        {
            throw new CudaException(call, code, ErrorName(code), detail);
        }
    }

    public int InitRaw() => _init(0);

    public int DriverVersion()
    {
        int v;
        Check(_driverGetVersion(&v), "cuDriverGetVersion");
        return v;
    }

    public int DeviceCount()
    {
        int n;
        Check(_deviceGetCount(&n), "cuDeviceGetCount");
        return n;
    }

    public int Device(int ordinal)
    {
        int d;
        Check(_deviceGet(&d, ordinal), "cuDeviceGet");
        return d;
    }

    public string DeviceName(int device)
    {
        var buffer = stackalloc byte[256];
        Check(_deviceGetName(buffer, 256, device), "cuDeviceGetName");
        return Marshal.PtrToStringAnsi((nint)buffer) ?? "?";
    }

    public long DeviceTotalMemory(int device)
    {
        nuint bytes;
        Check(_deviceTotalMem(&bytes, device), "cuDeviceTotalMem_v2");
        return (long)bytes;
    }

    public int DeviceAttribute(int device, DeviceAttribute attribute)
    {
        int v;
        Check(_deviceGetAttribute(&v, (int)attribute, device), "cuDeviceGetAttribute", attribute.ToString());
        return v;
    }

    public nint PrimaryContextRetain(int device)
    {
        nint ctx;
        Check(_primaryCtxRetain(&ctx, device), "cuDevicePrimaryCtxRetain");
        return ctx;
    }

    public void PrimaryContextRelease(int device) => Check(_primaryCtxRelease(device), "cuDevicePrimaryCtxRelease_v2");

    public void SetCurrentContext(nint context) => Check(_ctxSetCurrent(context), "cuCtxSetCurrent");

    public nint StreamCreate()
    {
        nint s;
        Check(_streamCreate(&s, 0), "cuStreamCreate");
        return s;
    }

    public void StreamDestroy(nint stream) => Check(_streamDestroy(stream), "cuStreamDestroy_v2");

    public void StreamSynchronize(nint stream, string? detail = null) => Check(_streamSynchronize(stream), "cuStreamSynchronize", detail);

    /// <summary>cuMemAlloc's raw status, so the pool can react to CUDA_ERROR_OUT_OF_MEMORY.</summary>
    public int MemAllocRaw(nuint bytes, out ulong pointer)
    {
        ulong p;
        int code = _memAlloc(&p, bytes);
        pointer = p;
        return code;
    }

    public void MemFree(ulong pointer) => Check(_memFree(pointer), "cuMemFree_v2");

    public void* MemHostAlloc(nuint bytes)
    {
        void* p;
        Check(_memHostAlloc(&p, bytes, 0), "cuMemHostAlloc", $"{bytes} bytes pinned");
        return p;
    }

    public void MemFreeHost(void* pointer) => Check(_memFreeHost(pointer), "cuMemFreeHost");

    public void MemcpyHtoDAsync(ulong destination, void* source, nuint bytes, nint stream) =>
        Check(_memcpyHtoDAsync(destination, source, bytes, stream), "cuMemcpyHtoDAsync_v2");

    public void MemcpyDtoHAsync(void* destination, ulong source, nuint bytes, nint stream) =>
        Check(_memcpyDtoHAsync(destination, source, bytes, stream), "cuMemcpyDtoHAsync_v2");

    public void MemcpyDtoDAsync(ulong destination, ulong source, nuint bytes, nint stream) =>
        Check(_memcpyDtoDAsync(destination, source, bytes, stream), "cuMemcpyDtoDAsync_v2");

    public void MemsetD32Async(ulong destination, uint value, nuint count, nint stream) =>
        Check(_memsetD32Async(destination, value, count, stream), "cuMemsetD32Async");

    /// <summary>Loads a PTX (or cubin) image; a JIT failure's log goes into the exception.</summary>
    public nint ModuleLoadData(ReadOnlySpan<byte> imageNulTerminated, string what)
    {
        const int LogBytes = 8192;
        var log = stackalloc byte[LogBytes];
        // CU_JIT_ERROR_LOG_BUFFER (5), CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES (6)
        var options = stackalloc int[2] { 5, 6 };
        var values = stackalloc void*[2] { log, (void*)LogBytes };
        nint module;
        int code;
        fixed (byte* image = imageNulTerminated)
        {
            code = _moduleLoadDataEx(&module, image, 2, options, values);
        }
        if (code != 0)
        {
            var text = Marshal.PtrToStringAnsi((nint)log)?.Trim();
            throw new CudaException("cuModuleLoadDataEx", code, ErrorName(code), string.IsNullOrEmpty(text) ? what : $"{what}: {text}");
        }
        return module;
    }

    public nint ModuleGetFunction(nint module, string name)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(name + "\0");
        nint function;
        fixed (byte* p = bytes)
        {
            Check(_moduleGetFunction(&function, module, p), "cuModuleGetFunction", name);
        }
        return function;
    }

    public void ModuleUnload(nint module) => Check(_moduleUnload(module), "cuModuleUnload");

    public void LaunchKernel(nint function, (uint X, uint Y, uint Z) grid, (uint X, uint Y, uint Z) block, uint sharedBytes, nint stream, void** arguments, string name) =>
        Check(_launchKernel(function, grid.X, grid.Y, grid.Z, block.X, block.Y, block.Z, sharedBytes, stream, arguments, null), "cuLaunchKernel", name);
}

/// <summary>CUdevice_attribute values this backend reads.</summary>
internal enum DeviceAttribute
{
    MaxThreadsPerBlock = 1,
    MultiprocessorCount = 16,
    ComputeCapabilityMajor = 75,
    ComputeCapabilityMinor = 76,
}
