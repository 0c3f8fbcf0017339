using MRSNode.Neural;

namespace MRSNode.Quantification.Cuda.Memory;

/// <summary>
/// A tensor's numbers in device memory. The seam has no Free (layers drop tensors like host arrays), so the block
/// goes back to its pool when the storage is finalized; the memory-pressure hint makes the GC see the device bytes
/// behind this small object and collect soon enough.
/// </summary>
internal sealed class DeviceStorage : TensorStorage
{
    private readonly DeviceBufferPool _pool;
    private readonly DeviceBuffer _buffer;

    public DeviceStorage(DeviceBufferPool pool, int length, object owner)
    {
        _pool = pool;
        Owner = owner;
        Length = length;
        _buffer = pool.Rent(4L * length);
        GC.AddMemoryPressure(_buffer.Bytes);
    }

    ~DeviceStorage()
    {
        _pool.Return(_buffer);
        GC.RemoveMemoryPressure(_buffer.Bytes);
    }

    public override int Length { get; }

    /// <summary>The backend that made it (a tensor of another backend is refused, not misread).</summary>
    public object Owner { get; }

    public ulong Pointer => _buffer.Pointer;
}
