using System.Runtime.InteropServices;
using MRSNode.Neural;

namespace MRSNode.Quantification.Cuda.Memory;

/// <summary>
/// The backend's memory side: device tensors from the pool, host ↔ device copies through pinned staging, and
/// short-lived scratch blocks for work inside one call (returned as soon as the work is queued: the single stream
/// orders it before any later user of the block).
/// </summary>
internal sealed class CudaMemory(CudaContext context) : IDisposable
{
    private readonly DeviceBufferPool _pool = new(context);
    private readonly PinnedStaging _staging = new(context);
    private readonly Lock _stagingLock = new();

    public long AllocatedBytes => _pool.AllocatedBytes;

    /// <summary>A zeroed device tensor owned by <paramref name="owner"/>.</summary>
    public Tensor Allocate(object owner, int[] shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            n *= d;
        }
        var storage = new DeviceStorage(_pool, checked((int)n), owner);
        context.Driver.MemsetD32Async(storage.Pointer, 0, (nuint)n, context.Stream);
        return new Tensor(storage, shape);
    }

    public void Upload<T>(ReadOnlySpan<T> host, ulong device)
        where T : unmanaged
    {
        lock (_stagingLock)
        {
            _staging.Upload(MemoryMarshal.AsBytes(host), device);
        }
    }

    public void Download<T>(ulong device, Span<T> host)
        where T : unmanaged
    {
        lock (_stagingLock)
        {
            _staging.Download(device, MemoryMarshal.AsBytes(host));
        }
    }

    public void CopyDeviceToDevice(ulong source, ulong destination, long elements) =>
        context.Driver.MemcpyDtoDAsync(destination, source, (nuint)(4 * elements), context.Stream);

    public void Fill(ulong destination, float value, long elements) =>
        context.Driver.MemsetD32Async(destination, (uint)BitConverter.SingleToInt32Bits(value), (nuint)elements, context.Stream);

    /// <summary>A scratch block of at least <paramref name="bytes"/>; dispose it once its work is queued.</summary>
    public Scratch Rent(long bytes) => new(_pool, _pool.Rent(bytes));

    public void Dispose()
    {
        _staging.Dispose();
        _pool.Dispose();
    }

    internal readonly struct Scratch(DeviceBufferPool pool, DeviceBuffer buffer) : IDisposable
    {
        public ulong Pointer => buffer.Pointer;

        public void Dispose() => pool.Return(buffer);
    }
}
