using MRSNode.Neural;
using MRSNode.Neural.Backend;
using MRSNode.Neural.Layers;
using MRSNode.Neural.Training;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Neural.Tests.Training;

[UnitTest]
public sealed class TrainingTests
{
    private static readonly CpuBackend Cpu = new(1);

    [Fact]
    public void MseLoss_WeightedColumns_GivesValueAndGradient()
    {
        var gradient = new float[4];
        double loss = MseLoss.Compute([1, 2, 3, 4], [0, 0, 3, 2], gradient, [1, 2]);
        // (1·1 + 2·4 + 1·0 + 2·4) / 4
        Assert.Equal(4.25, loss, 6);
        Assert.Equal([0.5f, 2f, 0f, 2f], gradient);
    }

    [Fact]
    public void AdamW_FirstStep_MovesEachWeightByTheLearningRate()
    {
        // Adam's first step is lr·sign(g) (bias-corrected m/√v = g/|g|), plus decoupled decay lr·λ·w.
        var layer = new Linear(Cpu, new Random(1), 2, 1);
        var (_, weight) = layer.NamedParameters().First();
        new float[] { 1, -2 }.CopyTo(weight.Value.Span);
        new float[] { 0.3f, -5 }.CopyTo(weight.Gradient.Span);
        var adam = new AdamW(Cpu, layer.NamedParameters(), new StepSchedule(0.1f, 1, 1), weightDecay: 0.5f);
        adam.Step();
        Assert.Equal(1 - 0.1f - 0.05f, weight.Value.Span[0], 5);
        Assert.Equal(-2 + 0.1f + 0.1f, weight.Value.Span[1], 5);
        Assert.Equal(1, adam.Steps);
    }

    [Fact]
    public void AdamW_LinearRegression_ConvergesToTheTrueWeights()
    {
        var layer = new Linear(Cpu, new Random(2), 3, 1);
        var adam = new AdamW(Cpu, layer.NamedParameters(), new CosineSchedule(0.05f, 600, 20), weightDecay: 0);
        var random = new Random(3);
        float[] truth = [0.5f, -1.5f, 2f];
        double loss = 0;
        for (int step = 0; step < 600; step++)
        {
            var x = GradientChecker.RandomArray(random, 16 * 3);
            var y = new float[16];
            for (int i = 0; i < 16; i++)
            {
                y[i] = truth[0] * x[3 * i] + truth[1] * x[3 * i + 1] + truth[2] * x[3 * i + 2] + 0.25f;
            }
            layer.ZeroGradients();
            var prediction = layer.Forward(Tensor.FromValues(x, 16, 3), training: true);
            var gradient = new float[16];
            loss = MseLoss.Compute(prediction.Span, y, gradient);
            layer.Backward(Tensor.FromValues(gradient, 16, 1));
            adam.Step();
        }
        Assert.True(loss < 1e-4, $"final loss {loss}");
        Assert.Equal(-1.5f, layer.Parameters().First().Value.Span[1], 2);
    }

    [Fact]
    public void CosineSchedule_WarmupAndDecay_HitsTheEndpoints()
    {
        var s = new CosineSchedule(1e-3f, 110, 10, 1e-5f);
        Assert.Equal(1e-4f, s.At(0), 7);
        Assert.Equal(1e-3f, s.At(10), 7);
        Assert.Equal((1e-3f + 1e-5f) / 2, s.At(60), 7);
        Assert.Equal(1e-5f, s.At(110), 7);
        Assert.Equal(0.25f, new StepSchedule(1, 0.5f, 10).At(25), 6);
    }

    [Fact]
    public void ClipByGlobalNorm_LargeGradient_ScaledToTheLimit()
    {
        var layer = new Linear(Cpu, new Random(1), 2, 2);
        foreach (var p in layer.Parameters())
        {
            p.Gradient.Span.Fill(3); // 6 values of 3: norm √54
        }
        double norm = GradientClipping.ClipByGlobalNorm(Cpu, layer.Parameters(), 1);
        Assert.Equal(Math.Sqrt(54), norm, 5);
        Assert.Equal(1, Math.Sqrt(layer.Parameters().Sum(p => Cpu.SumOfSquares(p.Gradient))), 5);
    }
}
