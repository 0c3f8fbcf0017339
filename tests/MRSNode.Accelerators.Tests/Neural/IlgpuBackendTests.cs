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

    [Fact]
    public void Name_CpuAccelerator_IsCpuWithA4By4GemmTile()
    {
        using var backend = new IlgpuBackend(AcceleratorSession.CreateCpu(), ownsSession: true);
        Assert.Equal("cpu", backend.Name);
        // ILGPU's default CPU accelerator has 16 threads per group: 4×4 tiles (GPUs: 16×16).
        Assert.Equal(4, backend.GemmTile);
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
