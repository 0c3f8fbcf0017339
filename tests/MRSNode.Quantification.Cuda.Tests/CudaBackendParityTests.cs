using MRSNode.Neural;
using MRSNode.Neural.Backend;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Cuda.Tests;

/// <summary>CudaBackend against CpuBackend, op by op, with cuBLAS and with the own GEMM kernel. Needs a GPU.</summary>
[GpuTest]
public class CudaBackendParityTests
{
    [CudaTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void UploadDownload_TwoStagingChunks_RoundTripsExactly(bool cublas)
    {
        using var h = new ParityHarness(cublas);
        var values = h.RandomValues(1_500_000); // 6 MB: more than one 4 MiB staging chunk
        var t = h.Gpu.Allocate(1_500_000);
        h.Gpu.Upload(values, t);
        Assert.Equal(values, h.Download(t));
    }

    [CudaTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void AllocateFillCopy_AnyStorage_MatchTheCpu(bool cublas)
    {
        using var h = new ParityHarness(cublas);
        var zeros = h.Gpu.Allocate(3, 5);
        Assert.All(h.Download(zeros), v => Assert.Equal(0f, v));
        h.Gpu.Fill(zeros, -2.5f);
        Assert.All(h.Download(zeros), v => Assert.Equal(-2.5f, v));
        var (cpu, gpu) = h.RandomPair(3, 5);
        var copy = h.Gpu.Allocate(3, 5);
        h.Gpu.Copy(gpu, copy);
        Assert.Equal(cpu.Span.ToArray(), h.Download(copy));
        var fromHost = h.Gpu.Allocate(3, 5);
        h.Gpu.Copy(cpu, fromHost);
        Assert.Equal(cpu.Span.ToArray(), h.Download(fromHost));
        var toHost = Tensor.Zeros(3, 5);
        h.Gpu.Copy(gpu, toHost);
        Assert.Equal(cpu.Span.ToArray(), toHost.Span.ToArray());
    }

    [CudaTheory]
    [InlineData(true, false, false, 0f)]
    [InlineData(true, true, false, 0.5f)]
    [InlineData(true, false, true, 1f)]
    [InlineData(true, true, true, 0f)]
    [InlineData(false, false, false, 0f)]
    [InlineData(false, true, false, 0.5f)]
    [InlineData(false, false, true, 1f)]
    [InlineData(false, true, true, 0f)]
    public void Gemm_TransposesAndBeta_MatchTheCpu(bool cublas, bool ta, bool tb, float beta)
    {
        using var h = new ParityHarness(cublas);
        const int m = 37, n = 29, k = 45;
        var a = h.RandomPair(ta ? new[] { k, m } : [m, k]);
        var b = h.RandomPair(tb ? new[] { n, k } : [k, n]);
        var c = h.RandomPair(m, n);
        h.Cpu.Gemm(ta, tb, m, n, k, 1.5f, a.Cpu, b.Cpu, beta, c.Cpu);
        h.Gpu.Gemm(ta, tb, m, n, k, 1.5f, a.Gpu, b.Gpu, beta, c.Gpu);
        h.AssertClose(c, $"gemm ta={ta} tb={tb} beta={beta}");
    }

    public static TheoryData<bool, Conv1dGeometry> Convolutions() => new()
    {
        { true, new Conv1dGeometry(3, 2, 5, 40, 5, 2, 2, 2) },
        { false, new Conv1dGeometry(3, 2, 5, 40, 5, 2, 2, 2) },
        { true, new Conv1dGeometry(2, 3, 4, 33, 3, 1, 1, 1) },
        { false, new Conv1dGeometry(2, 3, 4, 33, 3, 1, 1, 1) },
        { true, new Conv1dGeometry(4, 8, 16, 128, 7, 1, 3, 1) },
    };

    [CudaTheory]
    [MemberData(nameof(Convolutions))]
    public void Conv1d_ForwardAndBackward_MatchTheCpu(bool cublas, Conv1dGeometry g)
    {
        using var h = new ParityHarness(cublas);
        var input = h.RandomPair(g.Batch, g.InChannels, g.InLength);
        var weight = h.RandomPair(g.OutChannels, g.InChannels, g.Kernel);
        var bias = h.RandomPair(g.OutChannels);
        var output = h.ZeroPair(g.Batch, g.OutChannels, g.OutLength);
        var columns = h.ZeroPair(g.Batch, g.Patch, g.OutLength);
        h.Cpu.Conv1dForward(input.Cpu, weight.Cpu, bias.Cpu, output.Cpu, columns.Cpu, g);
        h.Gpu.Conv1dForward(input.Gpu, weight.Gpu, bias.Gpu, output.Gpu, columns.Gpu, g);
        h.AssertClose(columns, "columns");
        h.AssertClose(output, "output");

        var gradOutput = h.RandomPair(g.Batch, g.OutChannels, g.OutLength);
        var gradInput = h.RandomPair(g.Batch, g.InChannels, g.InLength); // overwritten
        var gradWeight = h.RandomPair(g.OutChannels, g.InChannels, g.Kernel); // accumulated into
        var gradBias = h.RandomPair(g.OutChannels); // accumulated into
        h.Cpu.Conv1dBackward(columns.Cpu, weight.Cpu, gradOutput.Cpu, gradInput.Cpu, gradWeight.Cpu, gradBias.Cpu, g);
        h.Gpu.Conv1dBackward(columns.Gpu, weight.Gpu, gradOutput.Gpu, gradInput.Gpu, gradWeight.Gpu, gradBias.Gpu, g);
        h.AssertClose(gradInput, "gradInput");
        h.AssertClose(gradWeight, "gradWeight");
        h.AssertClose(gradBias, "gradBias");
    }

    [CudaTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Linear_ForwardAndBackward_MatchTheCpu(bool cublas)
    {
        using var h = new ParityHarness(cublas);
        const int batch = 9, inF = 70, outF = 13;
        var x = h.RandomPair(batch, inF);
        var w = h.RandomPair(outF, inF);
        var b = h.RandomPair(outF);
        var y = h.ZeroPair(batch, outF);
        h.Cpu.LinearForward(x.Cpu, w.Cpu, b.Cpu, y.Cpu);
        h.Gpu.LinearForward(x.Gpu, w.Gpu, b.Gpu, y.Gpu);
        h.AssertClose(y, "y");
        var gy = h.RandomPair(batch, outF);
        var gx = h.ZeroPair(batch, inF);
        var gw = h.RandomPair(outF, inF);
        var gb = h.RandomPair(outF);
        h.Cpu.LinearBackward(x.Cpu, w.Cpu, gy.Cpu, gx.Cpu, gw.Cpu, gb.Cpu);
        h.Gpu.LinearBackward(x.Gpu, w.Gpu, gy.Gpu, gx.Gpu, gw.Gpu, gb.Gpu);
        h.AssertClose(gx, "gradInput");
        h.AssertClose(gw, "gradWeight");
        h.AssertClose(gb, "gradBias");
    }

    [CudaTheory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Gelu)]
    public void Activation_ForwardAndBackward_MatchTheCpu(Activation activation)
    {
        using var h = new ParityHarness(true);
        var x = h.Pair(h.RandomValues(5000, 4), 5, 1000);
        var y = h.ZeroPair(5, 1000);
        h.Cpu.ActivationForward(activation, x.Cpu, y.Cpu);
        h.Gpu.ActivationForward(activation, x.Gpu, y.Gpu);
        h.AssertClose(y, $"{activation} forward");
        var gy = h.RandomPair(5, 1000);
        var gx = h.ZeroPair(5, 1000);
        h.Cpu.ActivationBackward(activation, x.Cpu, gy.Cpu, gx.Cpu);
        h.Gpu.ActivationBackward(activation, x.Gpu, gy.Gpu, gx.Gpu);
        h.AssertClose(gx, $"{activation} backward");
    }

    [CudaFact]
    public void CRelu_ForwardAndBackward_MatchTheCpu()
    {
        using var h = new ParityHarness(true);
        var x = h.RandomPair(3, 4, 50);
        var y = h.ZeroPair(3, 8, 50);
        h.Cpu.CReluForward(x.Cpu, y.Cpu);
        h.Gpu.CReluForward(x.Gpu, y.Gpu);
        h.AssertClose(y, "crelu forward");
        var gy = h.RandomPair(3, 8, 50);
        var gx = h.ZeroPair(3, 4, 50);
        h.Cpu.CReluBackward(x.Cpu, gy.Cpu, gx.Cpu);
        h.Gpu.CReluBackward(x.Gpu, gy.Gpu, gx.Gpu);
        h.AssertClose(gx, "crelu backward");
    }

    [CudaTheory]
    [InlineData(2, 2, false)]
    [InlineData(3, 2, false)]
    [InlineData(3, 1, true)]
    [InlineData(5, 3, true)]
    public void MaxPool_ForwardAndBackward_SameWinnersAndGradients(int kernel, int stride, bool ties)
    {
        using var h = new ParityHarness(true);
        var g = new Pool1dGeometry(6, 41, kernel, stride);
        var values = h.RandomValues(6 * 41);
        if (ties)
        {
            // Few distinct values: the first maximum of each window must win on both backends.
            values = [.. values.Select(v => MathF.Round(v * 2) / 2)];
        }
        var x = h.Pair(values, 2, 3, 41);
        var y = h.ZeroPair(2, 3, g.OutLength);
        int[] argCpu = new int[6 * g.OutLength], argGpu = new int[6 * g.OutLength];
        h.Cpu.MaxPoolForward(x.Cpu, y.Cpu, argCpu, g);
        h.Gpu.MaxPoolForward(x.Gpu, y.Gpu, argGpu, g);
        Assert.Equal(argCpu, argGpu);
        h.AssertClose(y, "maxpool forward");
        var gy = h.RandomPair(2, 3, g.OutLength);
        var gx = h.RandomPair(2, 3, 41); // overwritten
        h.Cpu.MaxPoolBackward(gy.Cpu, argCpu, gx.Cpu, g);
        h.Gpu.MaxPoolBackward(gy.Gpu, argGpu, gx.Gpu, g);
        h.AssertClose(gx, "maxpool backward");
    }

    [CudaTheory]
    [InlineData(2, 2)]
    [InlineData(4, 3)]
    [InlineData(3, 1)]
    public void AvgPool_ForwardAndBackward_MatchTheCpu(int kernel, int stride)
    {
        using var h = new ParityHarness(true);
        var g = new Pool1dGeometry(6, 41, kernel, stride);
        var x = h.RandomPair(2, 3, 41);
        var y = h.ZeroPair(2, 3, g.OutLength);
        h.Cpu.AvgPoolForward(x.Cpu, y.Cpu, g);
        h.Gpu.AvgPoolForward(x.Gpu, y.Gpu, g);
        h.AssertClose(y, "avgpool forward");
        var gy = h.RandomPair(2, 3, g.OutLength);
        var gx = h.RandomPair(2, 3, 41);
        h.Cpu.AvgPoolBackward(gy.Cpu, gx.Cpu, g);
        h.Gpu.AvgPoolBackward(gy.Gpu, gx.Gpu, g);
        h.AssertClose(gx, "avgpool backward");
    }

    [CudaTheory]
    [InlineData(new[] { 4, 6, 300 })]
    [InlineData(new[] { 16, 5 })]
    public void BatchNorm_TrainingInferenceAndBackward_MatchTheCpu(int[] shape)
    {
        using var h = new ParityHarness(true);
        int channels = shape[1];
        var x = h.Pair(h.RandomValues(shape.Aggregate(1, (a, b) => a * b), 3).Select(v => v + 1.5f).ToArray(), shape);
        var gamma = h.RandomPair(channels);
        var beta = h.RandomPair(channels);
        var runningMean = h.RandomPair(channels);
        var runningVar = h.Pair([.. h.RandomValues(channels).Select(v => 1 + Math.Abs(v))], channels);
        var mean = h.ZeroPair(channels);
        var inverseStd = h.ZeroPair(channels);
        var y = h.ZeroPair(shape);
        foreach (var training in new[] { true, false })
        {
            h.Cpu.BatchNormForward(x.Cpu, gamma.Cpu, beta.Cpu, runningMean.Cpu, runningVar.Cpu, mean.Cpu, inverseStd.Cpu, y.Cpu, training, 0.1f, 1e-5f);
            h.Gpu.BatchNormForward(x.Gpu, gamma.Gpu, beta.Gpu, runningMean.Gpu, runningVar.Gpu, mean.Gpu, inverseStd.Gpu, y.Gpu, training, 0.1f, 1e-5f);
            h.AssertClose(mean, $"mean (training={training})");
            h.AssertClose(inverseStd, $"inverseStd (training={training})");
            h.AssertClose(runningMean, $"runningMean (training={training})");
            h.AssertClose(runningVar, $"runningVar (training={training})");
            h.AssertClose(y, $"y (training={training})");
        }
        h.Cpu.BatchNormForward(x.Cpu, gamma.Cpu, beta.Cpu, runningMean.Cpu, runningVar.Cpu, mean.Cpu, inverseStd.Cpu, y.Cpu, true, 0.1f, 1e-5f);
        h.Gpu.BatchNormForward(x.Gpu, gamma.Gpu, beta.Gpu, runningMean.Gpu, runningVar.Gpu, mean.Gpu, inverseStd.Gpu, y.Gpu, true, 0.1f, 1e-5f);
        var gy = h.RandomPair(shape);
        var gx = h.ZeroPair(shape);
        var gGamma = h.RandomPair(channels);
        var gBeta = h.RandomPair(channels);
        h.Cpu.BatchNormBackward(x.Cpu, gamma.Cpu, mean.Cpu, inverseStd.Cpu, gy.Cpu, gx.Cpu, gGamma.Cpu, gBeta.Cpu);
        h.Gpu.BatchNormBackward(x.Gpu, gamma.Gpu, mean.Gpu, inverseStd.Gpu, gy.Gpu, gx.Gpu, gGamma.Gpu, gBeta.Gpu);
        h.AssertClose(gx, "gradInput");
        h.AssertClose(gGamma, "gradGamma");
        h.AssertClose(gBeta, "gradBeta");
    }

    [CudaFact]
    public void Pointwise_MultiplyAddAddScaledScale_MatchTheCpu()
    {
        using var h = new ParityHarness(true);
        var a = h.RandomPair(7, 333);
        var b = h.RandomPair(7, 333);
        var y = h.ZeroPair(7, 333);
        h.Cpu.Multiply(a.Cpu, b.Cpu, y.Cpu);
        h.Gpu.Multiply(a.Gpu, b.Gpu, y.Gpu);
        h.AssertClose(y, "multiply");
        h.Cpu.Add(a.Cpu, b.Cpu, y.Cpu);
        h.Gpu.Add(a.Gpu, b.Gpu, y.Gpu);
        h.AssertClose(y, "add");
        h.Cpu.AddScaled(a.Cpu, -0.75f, y.Cpu);
        h.Gpu.AddScaled(a.Gpu, -0.75f, y.Gpu);
        h.AssertClose(y, "addScaled");
        h.Cpu.Scale(y.Cpu, 3.25f);
        h.Gpu.Scale(y.Gpu, 3.25f);
        h.AssertClose(y, "scale");
    }

    [CudaTheory]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(100_003)]
    [InlineData(2_000_000)]
    public void SumOfSquares_AnyLength_MatchesTheCpuTo1e6(int n)
    {
        using var h = new ParityHarness(true);
        var x = h.RandomPair(n);
        double cpu = h.Cpu.SumOfSquares(x.Cpu), gpu = h.Gpu.SumOfSquares(x.Gpu);
        Assert.True(Math.Abs(cpu - gpu) <= 1e-6 * cpu, $"CPU {cpu:R}, GPU {gpu:R}");
    }

    [CudaFact]
    public void AdamWUpdate_TenSteps_MatchesTheCpu()
    {
        using var h = new ParityHarness(true);
        var p = h.RandomPair(1000);
        var m = h.ZeroPair(1000);
        var v = h.ZeroPair(1000);
        for (int step = 1; step <= 10; step++)
        {
            var g = h.RandomPair(1000);
            var hyper = new AdamWStep(1e-2f, 0.9f, 0.999f, 1e-8f, step % 2 == 0 ? 1e-2f : 0, step);
            h.Cpu.AdamWUpdate(p.Cpu, g.Cpu, m.Cpu, v.Cpu, hyper);
            h.Gpu.AdamWUpdate(p.Gpu, g.Gpu, m.Gpu, v.Gpu, hyper);
        }
        h.AssertClose(p, "parameter");
        h.AssertClose(m, "first moment");
        h.AssertClose(v, "second moment");
    }

    [CudaFact]
    public void HostTensor_GivenToAKernelOp_IsRefusedWithAClearMessage()
    {
        using var h = new ParityHarness(true);
        var ex = Assert.Throws<InvalidOperationException>(() => h.Gpu.Scale(Tensor.Zeros(4), 2));
        Assert.Equal("the CUDA backend computes on its own device tensors; Tensor[4] is in host memory", ex.Message);
    }
}
