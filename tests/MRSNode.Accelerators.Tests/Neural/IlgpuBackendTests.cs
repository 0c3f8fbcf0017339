using ILGPU.Runtime.CPU;
using MRSNode.Accelerators.Neural;
using MRSNode.Neural;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Accelerators.Tests.Neural;

[UnitTest]
public class IlgpuBackendTests
{
    [Fact]
    public void Scale_HostTensor_IsRefusedWithAClearMessage()
    {
        using var backend = new IlgpuBackend(AcceleratorSession.CreateCpu(), ownsSession: true);
        var ex = Assert.Throws<InvalidOperationException>(() => backend.Scale(Tensor.Zeros(4), 2));
        Assert.Equal("the ILGPU backend computes on its own device tensors; Tensor[4] is in host memory", ex.Message);
    }

    [Theory]
    [InlineData(CPUDeviceKind.Default, 4)] // 16 threads per group
    [InlineData(CPUDeviceKind.Nvidia, 16)] // 1024 threads per group, as a CUDA GPU
    public void GemmTile_CpuAcceleratorShapes_LargestSquareTheGroupHolds(CPUDeviceKind shape, int tile)
    {
        using var backend = new IlgpuBackend(AcceleratorSession.CreateCpu(shape), ownsSession: true);
        Assert.Equal("cpu", backend.Name);
        Assert.Equal(tile, backend.GemmTile);
    }

    [Fact]
    public void Allocate_ManyDroppedTensors_ReusesMemoryAndKeepsComputing()
    {
        using var backend = new IlgpuBackend(AcceleratorSession.CreateCpu(), ownsSession: true);
        for (int i = 0; i < 200; i++)
        {
            _ = backend.Allocate(64, 1024); // dropped: finalized, queued, freed on a later Allocate
            if (i % 50 == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        var t = backend.Allocate(3);
        backend.Fill(t, 1.5f);
        var host = new float[3];
        backend.Download(t, host);
        Assert.Equal([1.5f, 1.5f, 1.5f], host);
    }
}
