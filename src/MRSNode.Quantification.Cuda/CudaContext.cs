using MRSNode.Quantification.Cuda.Driver;

namespace MRSNode.Quantification.Cuda;

/// <summary>
/// One device's primary context and the backend's one stream. The primary context (not cuCtxCreate) is what the
/// CUDA runtime, and so cuBLAS, uses: both then share allocations and the stream. The driver's "current context" is
/// per thread, so every entry point calls <see cref="MakeCurrent"/> (a thread-static check; the driver call happens
/// once per thread).
/// </summary>
internal sealed class CudaContext : IDisposable
{
    [ThreadStatic]
    private static nint t_current;

    private bool _disposed;

    public CudaContext(CudaDriver driver, int ordinal)
    {
        Driver = driver;
        driver.Check(driver.InitRaw(), "cuInit");
        Device = driver.Device(ordinal);
        Handle = driver.PrimaryContextRetain(Device);
        MakeCurrent();
        Stream = driver.StreamCreate();
        Architecture = driver.DeviceAttribute(Device, DeviceAttribute.ComputeCapabilityMajor) * 10 + driver.DeviceAttribute(Device, DeviceAttribute.ComputeCapabilityMinor);
        Name = driver.DeviceName(Device);
    }

    public CudaDriver Driver { get; }

    public int Device { get; }

    public nint Handle { get; }

    public nint Stream { get; }

    /// <summary>Compute capability as major·10 + minor.</summary>
    public int Architecture { get; }

    public string Name { get; }

    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (t_current != Handle)
        {
            Driver.SetCurrentContext(Handle);
            t_current = Handle;
        }
    }

    /// <summary>Waits for the stream; an asynchronous kernel fault surfaces here, named by <paramref name="after"/>.</summary>
    public void Synchronize(string after) => Driver.StreamSynchronize(Stream, $"after {after}");

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        MakeCurrent();
        Driver.StreamSynchronize(Stream, "at dispose");
        Driver.StreamDestroy(Stream);
        _disposed = true;
        t_current = 0;
        Driver.PrimaryContextRelease(Device);
    }
}
