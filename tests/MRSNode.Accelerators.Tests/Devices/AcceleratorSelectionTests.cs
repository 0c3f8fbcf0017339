using MRSNode.Accelerators.Devices;
using MRSNode.Neural.Backend;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Accelerators.Tests.Devices;

/// <summary>Every branch of the selection with discovery and the session constructor injected (no GPU needed).</summary>
[UnitTest]
public class AcceleratorSelectionTests
{
    private static readonly AcceleratorInventory NoGpu = new([new AcceleratorDevice(AcceleratorKind.Cpu, 0, "CPUAccelerator", 1L << 34)],
        "no CUDA driver (libcuda.so.1, libcuda.so not found)", "no OpenCL loader (libOpenCL.so.1, libOpenCL.so not found)");

    private static readonly AcceleratorDevice FakeCuda = new(AcceleratorKind.Cuda, 0, "NVIDIA H200", 150_000_000_000);

    private static readonly AcceleratorInventory WithGpu = new([FakeCuda, .. NoGpu.Devices], null, NoGpu.OpenClReason);

    [Fact]
    public void OpenGpu_AutoWithoutGpu_NullAndExactlyOneLogLineForTwoCallers()
    {
        var lines = new List<string>();
        var selection = new AcceleratorSelection(lines.Add, () => NoGpu, _ => throw new InvalidOperationException("must not open"));
        Assert.Null(selection.OpenGpu(ComputeDevice.Auto));
        Assert.Null(selection.OpenGpu(ComputeDevice.Auto));
        Assert.Equal(["compute: no GPU, computing on the CPU (no CUDA driver (libcuda.so.1, libcuda.so not found))"], lines);
    }

    [Fact]
    public void OpenGpu_CudaWithoutGpu_RefusesWithTheReason()
    {
        var selection = new AcceleratorSelection(null, () => NoGpu, _ => throw new InvalidOperationException("must not open"));
        var ex = Assert.Throws<BackendNotAvailableException>(() => selection.OpenGpu(ComputeDevice.Cuda));
        Assert.Equal("CUDA requested but not available: no CUDA driver (libcuda.so.1, libcuda.so not found)", ex.Message);
    }

    [Fact]
    public void OpenGpu_Cpu_NeitherDiscoversNorLogs()
    {
        var lines = new List<string>();
        int discoveries = 0;
        var selection = new AcceleratorSelection(lines.Add, () => { discoveries++; return WithGpu; }, _ => throw new InvalidOperationException("must not open"));
        Assert.Null(selection.OpenGpu(ComputeDevice.Cpu));
        Assert.Equal(0, discoveries);
        Assert.Empty(lines);
    }

    [Fact]
    public void OpenGpu_AutoWithGpu_OpensThatDeviceAndSaysSo()
    {
        var lines = new List<string>();
        AcceleratorDevice? opened = null;
        var selection = new AcceleratorSelection(lines.Add, () => WithGpu, d => { opened = d; return AcceleratorSession.CreateCpu(); });
        using var session = selection.OpenGpu(ComputeDevice.Auto);
        Assert.Equal(FakeCuda, opened);
        Assert.NotNull(session);
        Assert.Single(lines);
        Assert.StartsWith("compute: CPU accelerator: ", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void OpenGpu_AutoWhenTheGpuFailsToStart_FallsBackWithOneLine()
    {
        var lines = new List<string>();
        var selection = new AcceleratorSelection(lines.Add, () => WithGpu, _ => throw new InvalidOperationException("CUDA_ERROR_OUT_OF_MEMORY"));
        Assert.Null(selection.OpenGpu(ComputeDevice.Auto));
        Assert.Equal(["compute: NVIDIA H200 did not start, computing on the CPU (CUDA_ERROR_OUT_OF_MEMORY)"], lines);
    }

    [Fact]
    public void OpenGpu_CudaWhenTheGpuFailsToStart_RefusesWithTheError()
    {
        var selection = new AcceleratorSelection(null, () => WithGpu, _ => throw new InvalidOperationException("CUDA_ERROR_OUT_OF_MEMORY"));
        var ex = Assert.Throws<BackendNotAvailableException>(() => selection.OpenGpu(ComputeDevice.Cuda));
        Assert.Equal("CUDA requested but NVIDIA H200 did not start: CUDA_ERROR_OUT_OF_MEMORY", ex.Message);
    }

    [Fact]
    public void Open_AutoWithoutGpu_GivesTheCpuAccelerator()
    {
        var selection = new AcceleratorSelection(null, () => NoGpu, _ => throw new InvalidOperationException("must not open"));
        using var session = selection.Open(ComputeDevice.Auto);
        Assert.Equal(AcceleratorKind.Cpu, session.Kind);
        Assert.False(session.IsGpu);
    }

    [Fact]
    public void Create_FactoryAutoWithoutGpu_IsTheCpuBackend()
    {
        var factory = new IlgpuBackendFactory(new AcceleratorSelection(null, () => NoGpu, _ => throw new InvalidOperationException("must not open")));
        using var backend = factory.Create(ComputeDevice.Auto, 2);
        var cpu = Assert.IsType<CpuBackend>(backend);
        Assert.Equal(2, cpu.Parallelism);
    }
}
