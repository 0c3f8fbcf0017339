using MRSNode.Quantification.Cuda.Driver;

namespace MRSNode.Quantification.Cuda.Memory;

/// <summary>
/// One page-locked host buffer (cuMemHostAlloc) through which Upload/Download move data in chunks: the DMA engine
/// reads and writes pinned memory directly, where pageable memory would be staged by the driver on each copy.
/// Each chunk waits for its copy, so the buffer is free again when a call returns.
/// </summary>
internal sealed unsafe class PinnedStaging(CudaContext context, int chunkBytes = PinnedStaging.DefaultChunkBytes) : IDisposable
{
    public const int DefaultChunkBytes = 4 << 20;

    private void* _buffer;

    public int ChunkBytes { get; } = chunkBytes;

    public void Upload(ReadOnlySpan<byte> host, ulong device)
    {
        var buffer = Buffer();
        for (int offset = 0; offset < host.Length; offset += ChunkBytes)
        {
            int n = Math.Min(ChunkBytes, host.Length - offset);
            host.Slice(offset, n).CopyTo(new Span<byte>(buffer, n));
            context.Driver.MemcpyHtoDAsync(device + (ulong)offset, buffer, (nuint)n, context.Stream);
            context.Synchronize("cuMemcpyHtoDAsync_v2");
        }
    }

    public void Download(ulong device, Span<byte> host)
    {
        var buffer = Buffer();
        for (int offset = 0; offset < host.Length; offset += ChunkBytes)
        {
            int n = Math.Min(ChunkBytes, host.Length - offset);
            context.Driver.MemcpyDtoHAsync(buffer, device + (ulong)offset, (nuint)n, context.Stream);
            context.Synchronize("cuMemcpyDtoHAsync_v2 (or a kernel queued before it)");
            new ReadOnlySpan<byte>(buffer, n).CopyTo(host.Slice(offset, n));
        }
    }

    private void* Buffer()
    {
        if (_buffer == null)
        {
            _buffer = context.Driver.MemHostAlloc((nuint)ChunkBytes);
        }
        return _buffer;
    }

    public void Dispose()
    {
        if (_buffer != null)
        {
            context.Driver.MemFreeHost(_buffer);
            _buffer = null;
        }
    }
}
