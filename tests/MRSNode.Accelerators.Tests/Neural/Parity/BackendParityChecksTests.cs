using MRSNode.Accelerators.Devices;
using MRSNode.Accelerators.Neural;
using MRSNode.Accelerators.Neural.Parity;
using MRSNode.Neural.Backend;
using ILGPU.Runtime.CPU;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Accelerators.Tests.Neural.Parity;

/// <summary>
/// Every IlgpuBackend op against CpuBackend on ILGPU's CPU accelerator (the GPU's execution model on CPU threads),
/// shaped like an NVIDIA GPU (1024-thread groups, so 16×16 GEMM tiles as on CUDA): what CI runs.
/// </summary>
[UnitTest]
public class BackendParityChecksTests
{
    public static TheoryData<string> Operations() => [.. BackendParityChecks.Names];

    [Theory]
    [MemberData(nameof(Operations))]
    public void Run_IlgpuBackendOnTheCpuAccelerator_WithinTheOpsTolerance(string operation)
    {
        using var backend = new IlgpuBackend(AcceleratorSession.CreateCpu(CPUDeviceKind.Nvidia), ownsSession: true);
        var result = BackendParityChecks.Run(operation, backend);
        Assert.True(result.Passed, result.ToString());
        Assert.InRange(result.MaxError, 0, result.Tolerance);
    }

    [Fact]
    public void Names_EveryOpFamilyOfTheSeam_HasACheck()
    {
        Assert.Equal(
            ["upload-download", "fill-copy", "gemm", "conv1d", "linear", "relu", "gelu", "crelu", "maxpool", "avgpool", "batchnorm", "elementwise", "sum-of-squares", "adamw"],
            BackendParityChecks.Names);
    }

    [Fact]
    public void Run_CpuBackendAgainstItself_ErrorIsZeroForTheExactOps()
    {
        using var cpu = new CpuBackend(1);
        Assert.Equal(0, BackendParityChecks.Run("maxpool", cpu).MaxError);
        Assert.Equal(0, BackendParityChecks.Run("fill-copy", cpu).MaxError);
    }

    [Fact]
    public void Run_UnknownName_ThrowsNamingTheChecks()
    {
        using var cpu = new CpuBackend(1);
        var ex = Assert.Throws<ArgumentException>(() => BackendParityChecks.Run("softmax", cpu));
        Assert.StartsWith("no parity check 'softmax': use upload-download, fill-copy, gemm", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>The GEMM with the 4×4 tiles of ILGPU's default CPU accelerator (16-thread groups): partial tiles on every edge. Slow on a busy CPU (barrier rounds).</summary>
[SlowTest]
public class BackendParityChecksSmallGroupTests
{
    [Fact]
    public void Run_GemmWith4By4Tiles_WithinTolerance()
    {
        using var backend = new IlgpuBackend(AcceleratorSession.CreateCpu(), ownsSession: true);
        var result = BackendParityChecks.Run("gemm", backend);
        Assert.Equal(4, backend.GemmTile);
        Assert.True(result.Passed, result.ToString());
    }
}

/// <summary>The same checks on a CUDA GPU through ILGPU: skipped without one, failed without one under MRSNODE_REQUIRE_GPU=1.</summary>
[GpuTest]
public class BackendParityChecksGpuTests
{
    public static TheoryData<string> Operations() => [.. BackendParityChecks.Names];

    [GpuTheory]
    [MemberData(nameof(Operations))]
    public void Run_IlgpuBackendOnCuda_WithinTheOpsTolerance(string operation)
    {
        using var backend = new IlgpuBackend(AcceleratorSession.Create(GpuRequirement.Cuda!), ownsSession: true);
        var result = BackendParityChecks.Run(operation, backend);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal("cuda", backend.Name);
    }
}
