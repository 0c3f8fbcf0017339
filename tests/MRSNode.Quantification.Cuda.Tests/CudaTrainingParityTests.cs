using MRSNode.Evaluation.Training;
using MRSNode.Neural;
using MRSNode.Neural.Backend;
using MRSNode.Neural.Layers;
using MRSNode.Neural.Training;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Cuda.Tests;

/// <summary>
/// Training through the same layer and model code on both backends: same seeds, same data, so the loss curves must
/// agree step by step up to float32 drift (a 2 % band over hundreds of steps). Needs a GPU.
/// </summary>
[GpuTest]
public class CudaTrainingParityTests
{
    /// <summary>Every layer kind the models use, on a small regression problem.</summary>
    private static Sequential TinyNetwork(IComputeBackend backend)
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

    private static List<double> Train(IComputeBackend backend, int steps)
    {
        var network = TinyNetwork(backend);
        var optimizer = new AdamW(backend, network.NamedParameters(), new CosineSchedule(3e-3f, steps, 20));
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

    [CudaFact]
    public void TinyNetwork_300Steps_FollowsTheCpuLossCurve()
    {
        const int steps = 300;
        var cpu = Train(new CpuBackend(1), steps);
        using var gpuBackend = new CudaBackend();
        var gpu = Train(gpuBackend, steps);
        for (int s = 0; s < steps; s++)
        {
            Assert.True(Math.Abs(gpu[s] - cpu[s]) <= 0.02 * cpu[s] + 1e-6, $"step {s}: CPU loss {cpu[s]:G6}, GPU {gpu[s]:G6}");
        }
        Assert.True(cpu[^20..].Average() < 0.5 * cpu[..20].Average(), "the CPU run did not learn: the test problem is wrong");
    }

    [CudaTheory]
    [InlineData("cnn")]
    [InlineData("qnet")]
    public void Model_TwentyTrainingSteps_FollowTheCpuLoss(string kind)
    {
        var basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));
        var simulation = new SimulationParameters { Snr = new ValueRange(50, 100) };
        using var gpuBackend = new CudaBackend();
        var cpuModel = NeuralModelFactory.Create(kind, basis, new CpuBackend(1), NetworkSpec.Tiny, 1, simulation);
        var gpuModel = NeuralModelFactory.Create(kind, basis, gpuBackend, NetworkSpec.Tiny, 1, simulation);
        var set = new TrainingSetGenerator(basis, simulation, cpuModel.Basis).Generate(32, 2016, 2);
        var cpu = TrainSteps(cpuModel, set);
        var gpu = TrainSteps(gpuModel, set);
        for (int s = 0; s < cpu.Count; s++)
        {
            Assert.True(Math.Abs(gpu[s] - cpu[s]) <= 0.02 * cpu[s] + 1e-9, $"{kind} step {s}: CPU loss {cpu[s]:G6}, GPU {gpu[s]:G6}");
        }
        var cpuPrediction = cpuModel.Predict([set[0].Input])[0].Amplitudes;
        var gpuPrediction = gpuModel.Predict([set[0].Input])[0].Amplitudes;
        ParityHarness.AssertClose([.. cpuPrediction.Select(a => (float)a)], [.. gpuPrediction.Select(a => (float)a)], $"{kind} prediction");
    }

    private static List<double> TrainSteps(NeuralModel model, IReadOnlyList<TrainingExample> set)
    {
        var optimizer = new AdamW(model.Backend, model.Network.NamedParameters(), new CosineSchedule(1e-3f, 20, 2));
        var losses = new List<double>();
        for (int s = 0; s < 20; s++)
        {
            var batch = set.Skip(s * 8 % set.Count).Take(8).ToList();
            model.Network.ZeroGradients();
            losses.Add(model.TrainBatch(batch));
            GradientClipping.ClipByGlobalNorm(model.Backend, model.Network.Parameters(), 5);
            optimizer.Step();
        }
        return losses;
    }
}
