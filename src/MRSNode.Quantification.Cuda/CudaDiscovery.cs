using System.Globalization;
using MRSNode.Quantification.Cuda.Driver;

namespace MRSNode.Quantification.Cuda;

/// <summary>One CUDA device as the driver describes it.</summary>
public sealed record CudaDeviceInfo(int Ordinal, string Name, long TotalMemoryBytes, int ComputeMajor, int ComputeMinor, int Multiprocessors)
{
    /// <summary>e.g. 86 for compute capability 8.6.</summary>
    public int Architecture => ComputeMajor * 10 + ComputeMinor;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"GPU {Ordinal}: {Name}, {TotalMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, compute capability {ComputeMajor}.{ComputeMinor}, {Multiprocessors} SMs");
}

/// <summary>What <see cref="CudaDiscovery.Probe"/> found: usable devices, or why there are none.</summary>
public sealed record CudaProbeResult(bool Available, string Reason, int DriverVersion, IReadOnlyList<CudaDeviceInfo> Devices)
{
    /// <summary>"12.4" from 12040; empty without a driver.</summary>
    public string DriverVersionText => DriverVersion > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{DriverVersion / 1000}.{DriverVersion % 1000 / 10}")
        : string.Empty;
}

/// <summary>
/// Is there a CUDA GPU here? Loads the driver lazily and asks it; never throws for a missing driver, a failing cuInit
/// or zero devices: those come back as <see cref="CudaProbeResult.Available"/> = false with a one-line reason.
/// </summary>
public static class CudaDiscovery
{
    private static readonly Lazy<CudaProbeResult> Cached = new(ProbeNow, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The probe, done once per process (cuInit's answer does not change while it runs).</summary>
    public static CudaProbeResult Probe() => Cached.Value;

    internal static CudaProbeResult ProbeNow()
    {
        var driver = CudaDriver.TryGet(out var reason);
        if (driver is null)
        {
            return new CudaProbeResult(false, reason!, 0, []);
        }
        int init = driver.InitRaw();
        if (init != 0)
        {
            return new CudaProbeResult(false, $"cuInit failed: {driver.ErrorName(init)} ({init})", 0, []);
        }
        try
        {
            int version = driver.DriverVersion();
            int count = driver.DeviceCount();
            if (count == 0)
            {
                return new CudaProbeResult(false, "the CUDA driver reports no devices", version, []);
            }
            var devices = Enumerable.Range(0, count).Select(i =>
            {
                int d = driver.Device(i);
                return new CudaDeviceInfo(i, driver.DeviceName(d), driver.DeviceTotalMemory(d),
                    driver.DeviceAttribute(d, DeviceAttribute.ComputeCapabilityMajor), driver.DeviceAttribute(d, DeviceAttribute.ComputeCapabilityMinor),
                    driver.DeviceAttribute(d, DeviceAttribute.MultiprocessorCount));
            }).ToList();
            return new CudaProbeResult(true, $"{count} CUDA device(s), driver {version / 1000}.{version % 1000 / 10}", version, devices);
        }
        catch (CudaException ex)
        {
            return new CudaProbeResult(false, ex.Message, 0, []);
        }
    }
}
