using ILGPU.Runtime.CPU;
using MRSNode.Accelerators.Neural;
using MRSNode.Neural;
using MRSNode.Neural.Backend;
using MRSNode.Neural.Layers;
using MRSNode.Neural.Training;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Accelerators.Tests.Neural;

/// <summary>
/// Training through the same layer code on CpuBackend and IlgpuBackend: same seeds, same data, so the loss curves agree
/// step by step up to float32 drift (a 2 % band). A few steps on the CPU accelerator (seconds per step there: every
/// GEMM tile is a barrier round of 256 threads); 300 on CUDA where a GPU is.
/// </summary>
[SlowTest]
public class IlgpuTrainingParityTests
{
    internal const int Steps = 4;

    [Fact]
    public void TinyNetwork_CpuAccelerator_FollowsTheCpuLossCurve()
    {
        using var backend = new IlgpuBackend(AcceleratorSession.CreateCpu(CPUDeviceKind.Nvidia), ownsSession: true);
        AssertFollows(TinyTraining.Run(new CpuBackend(1), Steps), TinyTraining.Run(backend, Steps));
    }

    internal static void AssertFollows(List<double> cpu, List<double> candidate)
    {
        Assert.Equal(cpu.Count, candidate.Count);
        for (int s = 0; s < cpu.Count; s++)
        {
            Assert.True(Math.Abs(candidate[s] - cpu[s]) <= 0.02 * cpu[s] + 1e-6, $"step {s}: CPU loss {cpu[s]:G6}, ILGPU {candidate[s]:G6}");
        }
        Assert.True(cpu.Count < 20 || cpu[^5..].Average() < cpu[..5].Average(), "the CPU run did not learn: the test problem is wrong");
    }
}

[GpuTest]
public class IlgpuTrainingParityGpuTests
{
    [GpuFact]
    public void TinyNetwork_Cuda_FollowsTheCpuLossCurve()
    {
        using var backend = new IlgpuBackend(AcceleratorSession.Create(GpuRequirement.Cuda!), ownsSession: true);
        IlgpuTrainingParityTests.AssertFollows(TinyTraining.Run(new CpuBackend(1), 300), TinyTraining.Run(backend, 300));
    }
}

/// <summary>Every layer kind the models use, on a small regression problem.</summary>
internal static class TinyTraining
{
    private static Sequential Network(IComputeBackend backend)
    {
        var random = new Random(11);
        return new Sequential(backend,
            new Conv1d(backend, random, 2, 6, 5, padding: 2),
            new BatchNorm1d(backend, 6),
            new Gelu(backend),
            new MaxPool1d(backend, 3, 2),
            new CRelu(backend),
            new Residual(backend, new Sequential(backend, new Conv1d(backend, random, 12, 12, 3, padding: 1), new Relu(backend))),
            new Conv1d(backend, random, 12, 8, 3, stride: 2, dilation: 2),
            new AvgPool1d(backend, 2),
            new Flatten(backend),
            new Dropout(backend, 0.1f, 5),
            new Linear(backend, random, 8 * 7, 16),
            new Relu(backend),
            new Linear(backend, random, 16, 3));
    }

    public static List<double> Run(IComputeBackend backend, int steps)
    {
        var network = Network(backend);
        var optimizer = new AdamW(backend, network.NamedParameters(), new CosineSchedule(3e-3f, steps, Math.Min(20, steps / 2)));
        var data = new Random(3);
        var losses = new List<double>();
        const int batch = 8, length = 64;
        for (int s = 0; s < steps; s++)
        {
            // Targets: simple functionals of the input (mean, first-half energy, a lag product) the net can learn.
            var x = new float[batch * 2 * length];
            var target = new float[batch * 3];
            for (int b = 0; b < batch; b++)
            {
                double sum = 0, energy = 0, lag = 0;
                for (int i = 0; i < 2 * length; i++)
                {
                    x[b * 2 * length + i] = (float)(data.NextDouble() * 2 - 1 + Math.Sin(i * (b + 1) * 0.05));
                }
                for (int i = 0; i < length; i++)
                {
                    float v = x[b * 2 * length + i];
                    sum += v;
                    energy += i < length / 2 ? v * v : 0;
                    lag += i > 0 ? v * x[b * 2 * length + i - 1] : 0;
                }
                target[b * 3] = (float)(sum / length);
                target[b * 3 + 1] = (float)(energy / length);
                target[b * 3 + 2] = (float)(lag / length);
            }
            var input = backend.Allocate(batch, 2, length);
            backend.Upload(x, input);
            network.ZeroGradients();
            var y = network.Forward(input, training: true);
            var prediction = new float[y.Length];
            backend.Download(y, prediction);
            var grad = new float[y.Length];
            losses.Add(MseLoss.Compute(prediction, target, grad));
            var gradTensor = backend.Allocate(batch, 3);
            backend.Upload(grad, gradTensor);
            network.Backward(gradTensor);
            GradientClipping.ClipByGlobalNorm(backend, network.Parameters(), 1);
            optimizer.Step();
        }
        return losses;
    }
}
