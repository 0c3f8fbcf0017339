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

    [Fact]
    public void Create_AutoWithoutGpu_ReturnsCpuAndLogsExactlyOneLine()
    {
        var log = new List<string>();
        var backend = DeviceSelector.Create("auto", 2, log.Add, () => NoGpu, NotCalled);
        var cpu = Assert.IsType<CpuBackend>(backend);
        Assert.Equal(2, cpu.Parallelism);
        var line = Assert.Single(log);
        Assert.Equal("compute: no GPU, computing on the CPU (no CUDA driver (libcuda.so.1, libcuda.so not found))", line);
    }

    [Fact]
    public void Create_AutoWhenTheGpuBackendFailsToStart_FallsBackWithOneLineNamingTheError()
    {
        var log = new List<string>();
        var backend = DeviceSelector.Create("auto", 1, log.Add, () => OneGpu,
            () => throw new CudaException("cuMemHostAlloc", 2, "CUDA_ERROR_OUT_OF_MEMORY", "4194304 bytes pinned"));
        Assert.IsType<CpuBackend>(backend);
        Assert.Equal(
            "compute: the CUDA backend did not start, computing on the CPU (cuMemHostAlloc failed: CUDA_ERROR_OUT_OF_MEMORY (2): 4194304 bytes pinned)",
            Assert.Single(log));
    }

    [Fact]
    public void Create_AutoWithGpu_UsesTheGpuBackendAndLogsOneLine()
    {
        var log = new List<string>();
        var gpu = new CpuBackend(1); // stands in for the GPU backend: the selector only passes it through
        Assert.Same(gpu, DeviceSelector.Create("auto", 1, log.Add, () => OneGpu, () => gpu));
        Assert.Equal("compute: cpu", Assert.Single(log));
    }

    [Fact]
    public void Create_CudaWithoutGpu_ThrowsWithTheProbeReason()
    {
        var ex = Assert.Throws<BackendNotAvailableException>(() => DeviceSelector.Create("cuda", null, null, () => NoGpu, NotCalled));
        Assert.Equal("CUDA requested but not available: no CUDA driver (libcuda.so.1, libcuda.so not found)", ex.Message);
    }

    [Fact]
    public void Create_Cpu_NeverProbesAndNeverLogs()
    {
        var log = new List<string>();
        var backend = DeviceSelector.Create(" CPU ", 3, log.Add, () => throw new InvalidOperationException("probed"), NotCalled);
        Assert.Equal(3, Assert.IsType<CpuBackend>(backend).Parallelism);
        Assert.Empty(log);
    }

    [Fact]
    public void Create_UnknownDevice_ThrowsListingTheChoices()
    {
        var ex = Assert.Throws<BackendNotAvailableException>(() => DeviceSelector.Create("tpu", null, null, () => NoGpu, NotCalled));
        Assert.Equal("unknown compute device 'tpu': use auto, cpu, cuda", ex.Message);
    }

    [NoCudaFact]
    public void Create_AutoOnThisMachine_FallsBackToCpuWithOneLine()
    {
        var log = new List<string>();
        Assert.IsType<CpuBackend>(DeviceSelector.Create("auto", 1, log.Add));
        Assert.StartsWith("compute: no GPU, computing on the CPU (", Assert.Single(log), StringComparison.Ordinal);
    }

    [NoCudaFact]
    public void ComputeBackends_AfterRegister_CudaThrowsWhyAndAutoFallsBack()
    {
        var log = new List<string>();
        DeviceSelector.Register(log.Add);
        var ex = Assert.Throws<BackendNotAvailableException>(() => ComputeBackends.Create("cuda"));
        Assert.StartsWith("CUDA requested but not available: ", ex.Message, StringComparison.Ordinal);
        Assert.IsType<CpuBackend>(ComputeBackends.Create("AUTO", 1));
        Assert.Single(log);
    }
}
