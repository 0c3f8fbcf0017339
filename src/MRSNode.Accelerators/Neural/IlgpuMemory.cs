using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;
using MRSNode.Neural;

namespace MRSNode.Accelerators.Neural;

/// <summary>
/// Device memory for tensors. The seam has no Free (layers drop tensors like host arrays), so a storage's finalizer
/// hands its buffer back here and the next allocation disposes it on the thread that computes: ILGPU's own finalizer
/// would free device memory on the finalizer thread, where no CUDA context is current. The memory-pressure hint makes
/// the GC see the device bytes behind each small storage object.
/// </summary>
internal sealed class IlgpuMemory(Accelerator accelerator) : IDisposable
{
    private readonly ConcurrentQueue<MemoryBuffer1D<float, Stride1D.Dense>> _released = new();

    public IlgpuStorage Allocate(int length)
    {
        FreeReleased();
        var buffer = accelerator.Allocate1D<float>(Math.Max(1, length));
#pragma warning disable CA1816 // On purpose outside Dispose: this class, not ILGPU's finalizer, frees the buffer (see the class comment).
        GC.SuppressFinalize(buffer);
#pragma warning restore CA1816
        GC.AddMemoryPressure(buffer.LengthInBytes);
        buffer.MemSetToZero();
        return new IlgpuStorage(this, buffer, length);
    }

    /// <summary>Called from <see cref="IlgpuStorage"/>'s finalizer: only queues.</summary>
    public void Release(MemoryBuffer1D<float, Stride1D.Dense> buffer) => _released.Enqueue(buffer);

    public void Dispose() => FreeReleased();

    private void FreeReleased()
    {
        while (_released.TryDequeue(out var buffer))
        {
            GC.RemoveMemoryPressure(buffer.LengthInBytes);
            buffer.Dispose();
        }
    }
}

/// <summary>A tensor's numbers in an accelerator's memory.</summary>
internal sealed class IlgpuStorage : TensorStorage
{
    private readonly IlgpuMemory _memory;

    public IlgpuStorage(IlgpuMemory memory, MemoryBuffer1D<float, Stride1D.Dense> buffer, int length)
    {
        _memory = memory;
        Buffer = buffer;
        Length = length;
    }

    ~IlgpuStorage() => _memory.Release(Buffer);

    public override int Length { get; }

    /// <summary>The memory it came from (a tensor of another backend is refused, not misread).</summary>
    public IlgpuMemory Owner => _memory;

    public MemoryBuffer1D<float, Stride1D.Dense> Buffer { get; }
}
