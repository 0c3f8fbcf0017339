using System.Reflection;
using MRSNode.Neural.Backend;

namespace MRSNode.TestSupport;

/// <summary>
/// A compute backend factory that records what it was asked for and hands out <see cref="RecordingBackend"/>s: for
/// tests of who creates, resolves and disposes backends (nothing computes on them).
/// </summary>
public sealed class RecordingBackendFactory : IComputeBackendFactory
{
    public List<(ComputeDevice Device, int Threads)> Requests { get; } = [];

    public List<RecordingBackend> Created { get; } = [];

    /// <summary>The backend name auto gets, as a selector would find it: "cpu" or "cuda".</summary>
    public string AutoResolvesTo { get; init; } = "cpu";

    /// <summary>When set, cuda is refused with this message (a machine without a GPU).</summary>
    public string? CudaRefusal { get; init; }

    /// <summary>When set, every request after this many backends is refused.</summary>
    public int? RefuseAfter { get; init; }

    public IComputeBackend Create(ComputeDevice device, int threads)
    {
        Requests.Add((device, threads));
        if (device == ComputeDevice.Cuda && CudaRefusal is not null)
        {
            throw new BackendNotAvailableException(CudaRefusal);
        }
        if (Created.Count >= RefuseAfter)
        {
            throw new BackendNotAvailableException($"refused after {RefuseAfter} backend(s)");
        }
        var backend = RecordingBackend.Create(device switch
        {
            ComputeDevice.Cpu => "cpu",
            ComputeDevice.Cuda => "cuda",
            _ => AutoResolvesTo,
        });
        Created.Add(backend);
        return (IComputeBackend)backend;
    }
}

/// <summary>An <see cref="IComputeBackend"/> that answers its name and counts its disposals; any computation throws.</summary>
public class RecordingBackend : DispatchProxy
{
    public string BackendName { get; private set; } = "";

    public int Disposals { get; private set; }

    internal static RecordingBackend Create(string name)
    {
        var backend = (RecordingBackend)(object)Create<IComputeBackend, RecordingBackend>();
        backend.BackendName = name;
        return backend;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        switch (targetMethod?.Name)
        {
            case "get_Name":
                return BackendName;
            case nameof(IDisposable.Dispose):
                Disposals++;
                return null;
            default:
                throw new NotSupportedException($"a recording backend does not compute ({targetMethod?.Name})");
        }
    }
}
