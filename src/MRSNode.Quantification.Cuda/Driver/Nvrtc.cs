using System.Runtime.InteropServices;
using System.Text;

namespace MRSNode.Quantification.Cuda.Driver;

/// <summary>
/// NVRTC (optional): compiles the embedded CUDA C kernels to PTX at run time, for a GPU whose driver cannot load the
/// shipped PTX. Loaded lazily like the driver; absent on most machines without the CUDA toolkit, which is fine.
/// NVRTC needs no GPU, so it is exercised wherever the library is installed.
/// </summary>
internal sealed unsafe class Nvrtc
{
    private static readonly Lazy<(Nvrtc? Nvrtc, string? Reason)> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly delegate* unmanaged<int*, int*, int> _version;
    private readonly delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int> _createProgram;
    private readonly delegate* unmanaged<nint, int, byte**, int> _compileProgram;
    private readonly delegate* unmanaged<nint, nuint*, int> _getPtxSize;
    private readonly delegate* unmanaged<nint, byte*, int> _getPtx;
    private readonly delegate* unmanaged<nint, nuint*, int> _getLogSize;
    private readonly delegate* unmanaged<nint, byte*, int> _getLog;
    private readonly delegate* unmanaged<nint*, int> _destroyProgram;
    private readonly delegate* unmanaged<int*, int> _getNumSupportedArchs;
    private readonly delegate* unmanaged<int*, int> _getSupportedArchs;

    private Nvrtc(nint lib, string name)
    {
        LibraryName = name;
        _version = (delegate* unmanaged<int*, int*, int>)NativeLibraryProbe.RequiredExport(lib, "nvrtcVersion", name);
        _createProgram = (delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int>)NativeLibraryProbe.RequiredExport(lib, "nvrtcCreateProgram", name);
        _compileProgram = (delegate* unmanaged<nint, int, byte**, int>)NativeLibraryProbe.RequiredExport(lib, "nvrtcCompileProgram", name);
        _getPtxSize = (delegate* unmanaged<nint, nuint*, int>)NativeLibraryProbe.RequiredExport(lib, "nvrtcGetPTXSize", name);
        _getPtx = (delegate* unmanaged<nint, byte*, int>)NativeLibraryProbe.RequiredExport(lib, "nvrtcGetPTX", name);
        _getLogSize = (delegate* unmanaged<nint, nuint*, int>)NativeLibraryProbe.RequiredExport(lib, "nvrtcGetProgramLogSize", name);
        _getLog = (delegate* unmanaged<nint, byte*, int>)NativeLibraryProbe.RequiredExport(lib, "nvrtcGetProgramLog", name);
        _destroyProgram = (delegate* unmanaged<nint*, int>)NativeLibraryProbe.RequiredExport(lib, "nvrtcDestroyProgram", name);
        // Since CUDA 11.2; older NVRTC: assume the caller's architecture is supported.
        _getNumSupportedArchs = (delegate* unmanaged<int*, int>)NativeLibraryProbe.Export(lib, "nvrtcGetNumSupportedArchs");
        _getSupportedArchs = (delegate* unmanaged<int*, int>)NativeLibraryProbe.Export(lib, "nvrtcGetSupportedArchs");
    }

    public static IReadOnlyList<string> Candidates { get; } = OperatingSystem.IsWindows()
        ? ["nvrtc64_130_0.dll", "nvrtc64_120_0.dll", "nvrtc64_112_0.dll", "nvrtc64_111_0.dll"]
        : ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1", "libnvrtc.so"];

    public string LibraryName { get; }

    public static Nvrtc? TryGet(out string? reason)
    {
        var (nvrtc, why) = Loaded.Value;
        reason = why;
        return nvrtc;
    }

    private static (Nvrtc?, string?) Load()
    {
        var lib = NativeLibraryProbe.TryLoad(Candidates, out var tried);
        if (lib == 0)
        {
            return (null, $"no NVRTC ({tried} not found)");
        }
        try
        {
            return (new Nvrtc(lib, tried), null);
        }
        catch (DllNotFoundException ex)
        {
            return (null, $"unusable NVRTC {tried}: {ex.Message}");
        }
    }

    public (int Major, int Minor) Version()
    {
        int major, minor;
        Check(_version(&major, &minor), "nvrtcVersion");
        return (major, minor);
    }

    /// <summary>Virtual architectures this NVRTC can target (e.g. 50, 52, … 90), empty when it cannot say.</summary>
    public IReadOnlyList<int> SupportedArchitectures()
    {
        if (_getNumSupportedArchs == null || _getSupportedArchs == null)
        {
            return [];
        }
        int n;
        Check(_getNumSupportedArchs(&n), "nvrtcGetNumSupportedArchs");
        var archs = new int[n];
        fixed (int* p = archs)
        {
            Check(_getSupportedArchs(p), "nvrtcGetSupportedArchs");
        }
        return archs;
    }

    /// <summary>The newest architecture NVRTC supports that is not newer than the device (PTX runs forward, never back).</summary>
    public int ArchitectureFor(int deviceArchitecture)
    {
        var supported = SupportedArchitectures();
        if (supported.Count == 0)
        {
            return deviceArchitecture;
        }
        var fit = supported.Where(a => a <= deviceArchitecture).DefaultIfEmpty(-1).Max();
        return fit > 0 ? fit : throw new CudaException($"{LibraryName} cannot target compute_{deviceArchitecture} (supports {string.Join(", ", supported)})");
    }

    /// <summary>CUDA C → PTX text; a compile error's log goes into the exception.</summary>
    public string CompileToPtx(string source, string programName, int architecture)
    {
        var src = Encoding.UTF8.GetBytes(source + "\0");
        var name = Encoding.UTF8.GetBytes(programName + "\0");
        string[] options = [$"--gpu-architecture=compute_{architecture}", "--std=c++14"];
        var optionBytes = options.Select(o => Encoding.ASCII.GetBytes(o + "\0")).ToArray();
        nint program;
        fixed (byte* s = src, n = name)
        {
            Check(_createProgram(&program, s, n, 0, null, null), "nvrtcCreateProgram", programName);
        }
        try
        {
            var handles = optionBytes.Select(b => GCHandle.Alloc(b, GCHandleType.Pinned)).ToArray();
            int code;
            try
            {
                var pointers = stackalloc byte*[handles.Length];
                for (int i = 0; i < handles.Length; i++)
                {
                    pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
                }
                code = _compileProgram(program, handles.Length, pointers);
            }
            finally
            {
                foreach (var h in handles)
                {
                    h.Free();
                }
            }
            if (code != 0)
            {
                throw new CudaException("nvrtcCompileProgram", code, CudaErrorNames.ForNvrtc(code), $"{programName} ({string.Join(' ', options)}): {Log(program)}");
            }
            nuint size;
            Check(_getPtxSize(program, &size), "nvrtcGetPTXSize");
            var ptx = new byte[(int)size];
            fixed (byte* p = ptx)
            {
                Check(_getPtx(program, p), "nvrtcGetPTX");
            }
            return Encoding.ASCII.GetString(ptx).TrimEnd('\0');
        }
        finally
        {
            _destroyProgram(&program);
        }
    }

    private string Log(nint program)
    {
        nuint size;
        if (_getLogSize(program, &size) != 0 || size <= 1)
        {
            return "(no log)";
        }
        var log = new byte[(int)size];
        fixed (byte* p = log)
        {
            _getLog(program, p);
        }
        return Encoding.UTF8.GetString(log).TrimEnd('\0').Trim();
    }

    private static void Check(int code, string call, string? detail = null)
    {
        if (code != 0)
        {
            throw new CudaException(call, code, CudaErrorNames.ForNvrtc(code), detail);
        }
    }
}
