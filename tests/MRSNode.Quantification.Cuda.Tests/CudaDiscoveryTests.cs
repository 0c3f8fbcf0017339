using MRSNode.Neural.Backend;
using MRSNode.Quantification.Cuda.Driver;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Cuda.Tests;

[UnitTest]
public class CudaDiscoveryTests
{
    [NoCudaFact]
    public void Probe_NoGpu_ReportsUnavailableWithOneLineReason()
    {
        var p = CudaDiscovery.ProbeNow();
        Assert.False(p.Available);
        Assert.Empty(p.Devices);
        Assert.DoesNotContain('\n', p.Reason);
        // No driver library (CI), or a driver library without a usable GPU (toolkit installed, no device).
        Assert.True(p.Reason.StartsWith("no CUDA driver (libcuda.so.1", StringComparison.Ordinal)
            || p.Reason.StartsWith("no CUDA driver (nvcuda.dll", StringComparison.Ordinal)
            || p.Reason.StartsWith("cuInit failed: CUDA_ERROR_", StringComparison.Ordinal)
            || p.Reason == "the CUDA driver reports no devices", p.Reason);
    }

    [Fact]
    public void Probe_Twice_ReturnsTheCachedResult()
    {
        Assert.Same(CudaDiscovery.Probe(), CudaDiscovery.Probe());
    }

    [CudaDriverLibraryFact]
    public void Probe_DriverLibraryButNoGpu_NamesTheCuInitCode()
    {
        var p = CudaDiscovery.ProbeNow();
        if (p.Available)
        {
            Assert.NotEmpty(p.Devices);
            Assert.All(p.Devices, d => Assert.True(d.TotalMemoryBytes > 0 && d.Architecture >= 30 && d.Multiprocessors > 0, d.ToString()));
            return;
        }
        Assert.Matches(@"^cuInit failed: CUDA_ERROR_[A-Z_]+ \(\d+\)$|^the CUDA driver reports no devices$", p.Reason);
    }

    [NoCudaFact]
    public void CudaBackend_NoGpu_ThrowsAClearException()
    {
        var ex = Assert.ThrowsAny<Exception>(() => new CudaBackend());
        Assert.True(ex is CudaException or BackendNotAvailableException, ex.GetType().Name);
        Assert.Matches("CUDA is not available: no CUDA driver|cuInit failed: CUDA_ERROR_[A-Z_]+ \\(\\d+\\)", ex.Message);
    }

    [CudaFact]
    public void Probe_Gpu_DescribesEachDevice()
    {
        var p = CudaDiscovery.Probe();
        Assert.True(p.Available);
        Assert.NotEmpty(p.Devices);
        Assert.All(p.Devices, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Name));
            Assert.InRange(d.TotalMemoryBytes, 256L << 20, 1L << 42);
            Assert.InRange(d.ComputeMajor, 3, 20);
            Assert.InRange(d.Multiprocessors, 1, 10_000);
        });
        Assert.Matches(@"^\d+\.\d+$", p.DriverVersionText);
    }

    [Fact]
    public void DeviceInfo_ToString_GivesMemoryCapabilityAndSms()
    {
        var d = new CudaDeviceInfo(0, "NVIDIA Test", 8L << 30, 8, 6, 28);
        Assert.Equal("GPU 0: NVIDIA Test, 8.0 GiB, compute capability 8.6, 28 SMs", d.ToString());
        Assert.Equal(86, d.Architecture);
    }

    [Fact]
    public void ProbeResult_DriverVersionText_FormatsTheDriverNumber()
    {
        Assert.Equal("12.4", new CudaProbeResult(true, "", 12040, []).DriverVersionText);
        Assert.Equal(string.Empty, new CudaProbeResult(false, "", 0, []).DriverVersionText);
    }
}
