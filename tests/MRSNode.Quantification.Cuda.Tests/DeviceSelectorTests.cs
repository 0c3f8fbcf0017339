using MRSNode.Neural.Backend;
using MRSNode.Quantification.Cuda.Driver;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Cuda.Tests;

[UnitTest]
public class DeviceSelectorTests
{
    private static readonly CudaProbeResult NoGpu = new(false, "no CUDA driver (libcuda.so.1, libcuda.so not found)", 0, []);
    private static readonly CudaProbeResult OneGpu = new(true, "1 CUDA device(s), driver 12.4", 12040, [new CudaDeviceInfo(0, "Test GPU", 8L << 30, 8, 6, 28)]);

    private static IComputeBackend NotCalled() => throw new InvalidOperationException("the GPU backend must not be built");

    private static IComputeBackend OutOfMemory() => throw new CudaException("cuMemHostAlloc", 2, "CUDA_ERROR_OUT_OF_MEMORY", "4194304 bytes pinned");

    [Fact]
    public void Create_AutoWithoutGpu_ReturnsCpuAndLogsExactlyOneLine()
    {
        var log = new List<string>();
        using var backend = new DeviceSelector(log.Add, () => NoGpu, NotCalled).Create(ComputeDevice.Auto, 2);
        var cpu = Assert.IsType<CpuBackend>(backend);
        Assert.Equal(2, cpu.Parallelism);
        var line = Assert.Single(log);
        Assert.Equal("compute: no GPU, computing on the CPU (no CUDA driver (libcuda.so.1, libcuda.so not found))", line);
    }

    [Fact]
    public void Create_AutoWhenTheGpuBackendFailsToStart_FallsBackWithOneLineNamingTheError()
    {
        var log = new List<string>();
        using var backend = new DeviceSelector(log.Add, () => OneGpu, OutOfMemory).Create(ComputeDevice.Auto, 1);
        Assert.IsType<CpuBackend>(backend);
        Assert.Equal(
            "compute: the CUDA backend did not start, computing on the CPU (cuMemHostAlloc failed: CUDA_ERROR_OUT_OF_MEMORY (2): 4194304 bytes pinned)",
            Assert.Single(log));
    }

    [Fact]
    public void Create_AutoWithGpu_UsesTheGpuBackendAndLogsOneLine()
    {
        var log = new List<string>();
        using var gpu = new CpuBackend(1); // stands in for the GPU backend: the selector only passes it through
        Assert.Same(gpu, new DeviceSelector(log.Add, () => OneGpu, () => gpu).Create(ComputeDevice.Auto, 1));
        Assert.Equal("compute: cpu", Assert.Single(log));
    }

    [Fact]
    public void Create_CudaWithoutGpu_ThrowsWithTheProbeReason()
    {
        var ex = Assert.Throws<BackendNotAvailableException>(() => new DeviceSelector(null, () => NoGpu, NotCalled).Create(ComputeDevice.Cuda, 1));
        Assert.Equal("CUDA requested but not available: no CUDA driver (libcuda.so.1, libcuda.so not found)", ex.Message);
    }

    [Fact]
    public void Create_CudaWhenTheGpuBackendFailsToStart_ThrowsNamingTheError()
    {
        var ex = Assert.Throws<BackendNotAvailableException>(() => new DeviceSelector(null, () => OneGpu, OutOfMemory).Create(ComputeDevice.Cuda, 1));
        Assert.Equal("CUDA requested but the backend did not start: cuMemHostAlloc failed: CUDA_ERROR_OUT_OF_MEMORY (2): 4194304 bytes pinned", ex.Message);
        Assert.IsType<CudaException>(ex.InnerException);
    }

    [Fact]
    public void Create_Cpu_NeverProbesAndNeverLogs()
    {
        var log = new List<string>();
        using var backend = new DeviceSelector(log.Add, () => throw new InvalidOperationException("probed"), NotCalled).Create(ComputeDevice.Cpu, 3);
        Assert.Equal(3, Assert.IsType<CpuBackend>(backend).Parallelism);
        Assert.Empty(log);
    }

    [NoCudaFact]
    public void Create_AutoOnThisMachine_FallsBackToCpuWithOneLine()
    {
        var log = new List<string>();
        using var backend = new DeviceSelector(log.Add).Create(ComputeDevice.Auto, 1);
        Assert.IsType<CpuBackend>(backend);
        Assert.StartsWith("compute: no GPU, computing on the CPU (", Assert.Single(log), StringComparison.Ordinal);
    }

    [NoCudaFact]
    public void Create_CudaOnThisMachine_ThrowsWhyWithoutLogging()
    {
        var log = new List<string>();
        var ex = Assert.Throws<BackendNotAvailableException>(() => new DeviceSelector(log.Add).Create(ComputeDevice.Cuda, 1));
        Assert.StartsWith("CUDA requested but not available: ", ex.Message, StringComparison.Ordinal);
        Assert.Empty(log);
    }
}
