using ILGPU;
using ILGPU.Runtime;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Accelerators.Tests;

[UnitTest]
public class AcceleratorSessionTests
{
    private static void AddKernel(Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> sum) => sum[i] = a[i] + b[i];

    [Fact]
    public void CreateCpu_AddKernel_ComputesTheSums()
    {
        using var session = AcceleratorSession.CreateCpu();
        var kernel = session.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(AddKernel);
        using var a = session.Accelerator.Allocate1D(new float[] { 1, 2, 3 });
        using var b = session.Accelerator.Allocate1D(new float[] { 10, 20, 30 });
        using var sum = session.Accelerator.Allocate1D<float>(3);

        kernel((int)sum.Length, a.View, b.View, sum.View);
        session.Accelerator.Synchronize();

        Assert.Equal(AcceleratorKind.Cpu, session.Kind);
        Assert.Equal([11f, 22f, 33f], sum.GetAsArray1D());
    }
}
