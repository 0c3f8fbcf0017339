using MRSNode.Neural;
using MRSNode.Neural.Backend;
using MRSNode.Neural.Layers;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Neural.Tests.Layers;

[UnitTest]
public sealed class LayerGradientTests(ITestOutputHelper output)
{
    private static readonly CpuBackend Cpu = new(1);

    private double Check(string name, Layer layer, Tensor input, float epsilon = 1e-2f)
    {
        double error = GradientChecker.MaxRelativeError(layer, input, epsilon: epsilon);
        output.WriteLine($"{name}: max relative error {error:E2}");
        return error;
    }

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(2, 3, 1)]
    [InlineData(2, 4, 2)]
    [InlineData(3, 1, 3)]
    public void Conv1d_StrideDilationPadding_GradientsMatchFiniteDifferences(int stride, int padding, int dilation)
    {
        var layer = new Conv1d(Cpu, new Random(1), 3, 5, 4, stride, padding, dilation);
        var x = GradientChecker.RandomInput(2, 0, 2, 3, 23);
        Assert.True(Check($"Conv1d s{stride} p{padding} d{dilation}", layer, x) < GradientChecker.Tolerance);
    }

    [Fact]
    public void Linear_Batch_GradientsMatchFiniteDifferences()
    {
        var layer = new Linear(Cpu, new Random(3), 17, 6);
        Assert.True(Check("Linear", layer, GradientChecker.RandomInput(4, 0, 5, 17)) < GradientChecker.Tolerance);
    }

    [Fact]
    public void Relu_InputsAwayFromKink_GradientsMatchFiniteDifferences() =>
        Assert.True(Check("ReLU", new Relu(Cpu), GradientChecker.RandomInput(5, 0.05f, 2, 3, 16), 1e-3f) < GradientChecker.Tolerance);

    [Fact]
    public void CRelu_InputsAwayFromKink_GradientsMatchFiniteDifferences() =>
        Assert.True(Check("CReLU", new CRelu(Cpu), GradientChecker.RandomInput(6, 0.05f, 2, 3, 16), 1e-3f) < GradientChecker.Tolerance);

    [Fact]
    public void Gelu_NormalInputs_GradientsMatchFiniteDifferences() =>
        Assert.True(Check("GELU", new Gelu(Cpu), GradientChecker.RandomInput(7, 0, 2, 3, 16)) < GradientChecker.Tolerance);

    [Fact]
    public void MaxPool1d_DistinctInputs_GradientsMatchFiniteDifferences()
    {
        // A shuffled ramp: neighbours differ by ≥ 0.05, so ε = 1e-3 never changes a window's winner.
        var random = new Random(8);
        var values = Enumerable.Range(0, 2 * 3 * 20).Select(i => i * 0.05f - 3).OrderBy(_ => random.Next()).ToArray();
        var x = Tensor.FromValues(values, 2, 3, 20);
        Assert.True(Check("MaxPool1d", new MaxPool1d(Cpu, 3, 2), x, 1e-3f) < GradientChecker.Tolerance);
    }

    [Fact]
    public void AvgPool1d_Inputs_GradientsMatchFiniteDifferences() =>
        Assert.True(Check("AvgPool1d", new AvgPool1d(Cpu, 4), GradientChecker.RandomInput(9, 0, 2, 3, 20)) < GradientChecker.Tolerance);

    [Fact]
    public void BatchNorm1d_Training_GradientsMatchFiniteDifferences() =>
        Assert.True(Check("BatchNorm1d", new BatchNorm1d(Cpu, 4), GradientChecker.RandomInput(10, 0, 3, 4, 9)) < GradientChecker.Tolerance);

    [Fact]
    public void Residual_ConvBlock_GradientsMatchFiniteDifferences()
    {
        var block = new Residual(Cpu, new Sequential(Cpu, new Conv1d(Cpu, new Random(11), 4, 4, 3, padding: 1), new Gelu(Cpu)));
        Assert.True(Check("Residual(Conv1d, GELU)", block, GradientChecker.RandomInput(12, 0, 2, 4, 15)) < GradientChecker.Tolerance);
    }

    [Fact]
    public void Sequential_ConvGeluNormPoolFlattenLinear_GradientsMatchFiniteDifferences()
    {
        var random = new Random(13);
        var net = new Sequential(Cpu,
            new Conv1d(Cpu, random, 2, 4, 5, stride: 2, padding: 2),
            new Gelu(Cpu), // before the norm: a bias straight into BatchNorm has ∂L = 0 exactly, which only tests float noise
            new BatchNorm1d(Cpu, 4),
            new AvgPool1d(Cpu, 2),
            new Flatten(Cpu),
            new Linear(Cpu, random, 4 * 8, 3));
        Assert.True(Check("Sequential", net, GradientChecker.RandomInput(14, 0, 3, 2, 32)) < GradientChecker.Tolerance);
    }

    [Fact]
    public void Dropout_Training_BackwardUsesTheForwardMask()
    {
        var layer = new Dropout(Cpu, 0.5f, 15);
        var x = GradientChecker.RandomInput(16, 0.1f, 4, 50);
        var y = layer.Forward(x, training: true).Span.ToArray();
        var g = layer.Backward(Tensor.FromValues(Enumerable.Repeat(1f, 200).ToArray(), 4, 50)).Span.ToArray();
        int dropped = 0;
        for (int i = 0; i < y.Length; i++)
        {
            // y = x·mask and ∂y/∂x = mask: 0 or 2.
            Assert.Equal(y[i] / x.Span[i], g[i], 5);
            dropped += g[i] == 0 ? 1 : 0;
        }
        Assert.InRange(dropped, 70, 130);
        Assert.Same(x, layer.Forward(x, training: false));
    }

    [Fact]
    public void Flatten_Shape_RestoredByBackward()
    {
        var layer = new Flatten(Cpu);
        var y = layer.Forward(Tensor.Zeros(2, 3, 4), training: true);
        Assert.Equal([2, 12], y.ShapeArray());
        Assert.Equal([2, 3, 4], layer.Backward(y).ShapeArray());
    }

    [Fact]
    public void Conv1d_KnownWeights_GivesHandComputedOutput()
    {
        var layer = new Conv1d(Cpu, new Random(0), 1, 1, 3, stride: 2, padding: 1, dilation: 1);
        var (name, weight) = layer.NamedParameters().First();
        Assert.Equal("weight", name);
        new float[] { 1, 2, 3 }.CopyTo(weight.Value.Span);
        var y = layer.Forward(Tensor.FromValues([1, 2, 3, 4, 5], 1, 1, 5), training: false).Span.ToArray();
        // Padded x = 0 1 2 3 4 5 0; outputs at 0, 2, 4: 0+2+6, 2+6+12, 4+10+0.
        Assert.Equal([8f, 20f, 14f], y);
    }

    [Fact]
    public void Sequential_SameSeed_SameWeights()
    {
        static float[] Weights(int seed) => new Conv1d(Cpu, new Random(seed), 2, 3, 5).Parameters().First().Value.Span.ToArray();
        Assert.Equal(Weights(42), Weights(42));
        Assert.NotEqual(Weights(42), Weights(43));
    }
}
