using System.Text;
using MRSNode.Quantification.Cuda.Driver;

namespace MRSNode.Quantification.Cuda.Kernels;

/// <summary>
/// Loads the kernel modules into the context on first use of each: the shipped PTX (compute_70, JIT-compiled by the
/// driver for the GPU at hand); where the driver refuses it (e.g. a driver older than the PTX's ISA version), the
/// embedded CUDA C compiled by NVRTC for the device's architecture. Functions are cached by name.
/// </summary>
internal sealed class KernelModules(CudaContext context) : IDisposable
{
    private readonly Dictionary<string, nint> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, nint> _functions = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];
    private readonly Lock _lock = new();

    /// <summary>How each module was loaded ("layers: PTX"), for diagnostics.</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (_lock)
            {
                return [.. _notes];
            }
        }
    }

    public nint Function(string kernel)
    {
        lock (_lock)
        {
            if (_functions.TryGetValue(kernel, out var f))
            {
                return f;
            }
            if (!KernelNames.Modules.TryGetValue(kernel, out var stem))
            {
                throw new InvalidOperationException($"kernel '{kernel}' is not listed in KernelNames.Modules");
            }
            if (!_modules.TryGetValue(stem, out var module))
            {
                module = Load(stem);
                _modules[stem] = module;
            }
            f = context.Driver.ModuleGetFunction(module, kernel);
            _functions[kernel] = f;
            return f;
        }
    }

    private nint Load(string stem)
    {
        string? ptxFailure;
        var ptx = KernelSources.Read(stem, "ptx");
        if (ptx is not null)
        {
            try
            {
                var module = context.Driver.ModuleLoadData(Encoding.ASCII.GetBytes(ptx + "\0"), $"{stem}.ptx");
                _notes.Add($"{stem}: shipped PTX");
                return module;
            }
            catch (CudaException ex)
            {
                ptxFailure = ex.Message;
            }
        }
        else
        {
            ptxFailure = $"{stem}.ptx is not embedded";
        }
        var source = KernelSources.Read(stem, "cu") ?? throw new InvalidOperationException($"kernel module {stem}: neither {stem}.ptx nor {stem}.cu is embedded");
        var nvrtc = Nvrtc.TryGet(out var nvrtcReason)
            ?? throw new CudaException($"kernel module {stem}: the shipped PTX did not load ({ptxFailure}) and NVRTC is unavailable ({nvrtcReason})");
        int arch = nvrtc.ArchitectureFor(context.Architecture);
        var compiled = nvrtc.CompileToPtx(source, stem + ".cu", arch);
        var loaded = context.Driver.ModuleLoadData(Encoding.ASCII.GetBytes(compiled + "\0"), $"{stem}.cu compiled by {nvrtc.LibraryName} for compute_{arch}");
        _notes.Add($"{stem}: NVRTC compute_{arch} (PTX refused: {ptxFailure})");
        return loaded;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var module in _modules.Values)
            {
                context.Driver.ModuleUnload(module);
            }
            _modules.Clear();
            _functions.Clear();
        }
    }
}
