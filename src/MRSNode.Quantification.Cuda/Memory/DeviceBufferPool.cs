using System.Collections.Concurrent;
using System.Numerics;
using MRSNode.Quantification.Cuda.Driver;

namespace MRSNode.Quantification.Cuda.Memory;

/// <summary>A block of device memory: its address and its (bucket) size.</summary>
internal readonly record struct DeviceBuffer(ulong Pointer, long Bytes);

/// <summary>
/// Device memory in power-of-two buckets (256 B up): layers allocate fresh tensors on every pass, and cuMemAlloc /
/// cuMemFree synchronise the device, so freed blocks are kept for reuse instead. <see cref="Return"/> may be called
/// from the finalizer thread: it only touches a concurrent bag, never the driver. Reuse is safe without events
/// because the backend has one stream: work on a returned block was queued before any work of its next owner.
/// On CUDA_ERROR_OUT_OF_MEMORY the pool collects garbage (tensors nobody references give their blocks back),
/// frees what it caches and tries once more.
/// </summary>
internal sealed class DeviceBufferPool(CudaContext context) : IDisposable
{
    private const int MinimumBytes = 256;
    private const int OutOfMemory = 2;

    private readonly ConcurrentDictionary<long, ConcurrentBag<ulong>> _free = new();
    private long _allocatedBytes;
    private volatile bool _disposed;

    /// <summary>Bytes obtained from cuMemAlloc and not yet freed (in use + cached).</summary>
    public long AllocatedBytes => Interlocked.Read(ref _allocatedBytes);

    public static long BucketBytes(long bytes) => (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(MinimumBytes, bytes));

    public DeviceBuffer Rent(long bytes)
    {
        long size = BucketBytes(bytes);
        if (_free.TryGetValue(size, out var bag) && bag.TryTake(out var cached))
        {
            return new DeviceBuffer(cached, size);
        }
        var driver = context.Driver;
        int code = driver.MemAllocRaw((nuint)size, out var pointer);
        if (code == OutOfMemory)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (_free.TryGetValue(size, out bag) && bag.TryTake(out cached))
            {
                return new DeviceBuffer(cached, size);
            }
            Trim();
            code = driver.MemAllocRaw((nuint)size, out pointer);
        }
        driver.Check(code, "cuMemAlloc_v2", $"{size} bytes, {AllocatedBytes} already held by this backend");
        Interlocked.Add(ref _allocatedBytes, size);
        return new DeviceBuffer(pointer, size);
    }

    public void Return(DeviceBuffer buffer)
    {
        if (!_disposed)
        {
            _free.GetOrAdd(buffer.Bytes, _ => []).Add(buffer.Pointer);
        }
    }

    /// <summary>Frees every cached block (the caller holds the context current).</summary>
    public void Trim()
    {
        context.Synchronize("trimming the device buffer pool");
        foreach (var (size, bag) in _free)
        {
            while (bag.TryTake(out var pointer))
            {
                context.Driver.MemFree(pointer);
                Interlocked.Add(ref _allocatedBytes, -size);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        Trim();
        // Blocks still owned by live tensors are released with the primary context.
        _disposed = true;
    }
}
