using MRSNode.Neural;
using MRSNode.Neural.Backend;
using Xunit;

namespace MRSNode.Quantification.Cuda.Tests;

/// <summary>
/// The same op on CpuBackend (the reference semantics) and on CudaBackend, from the same numbers. Tolerance: float32
/// rounding in a different summation order, so each element may differ by 1e-4 of the larger of 1 and the
/// reference tensor's largest magnitude (a relative test that does not blow up on values that cancel to ~0).
/// </summary>
internal sealed class ParityHarness : IDisposable
{
    public const double Tolerance = 1e-4;

    private readonly Random _random;

    public ParityHarness(bool useCublas, int seed = 7)
    {
        Gpu = new CudaBackend(new CudaBackendOptions { UseCublas = useCublas });
        Assert.Equal(useCublas && Gpu.UsesCublas, Gpu.UsesCublas);
        _random = new Random(seed);
    }

    public CpuBackend Cpu { get; } = new(1);

    public CudaBackend Gpu { get; }

    public float[] RandomValues(int n, double scale = 1)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = (float)((2 * _random.NextDouble() - 1) * scale);
        }
        return v;
    }

    /// <summary>A host tensor and a device tensor holding the same values.</summary>
    public (Tensor Cpu, Tensor Gpu) Pair(float[] values, params int[] shape)
    {
        var c = Tensor.FromValues(values, shape);
        var g = Gpu.Allocate(shape);
        Gpu.Upload(values, g);
        return (c, g);
    }

    public (Tensor Cpu, Tensor Gpu) RandomPair(params int[] shape) => Pair(RandomValues(shape.Aggregate(1, (a, b) => a * b)), shape);

    public (Tensor Cpu, Tensor Gpu) ZeroPair(params int[] shape) => (Cpu.Allocate(shape), Gpu.Allocate(shape));

    public float[] Download(Tensor gpu)
    {
        var host = new float[gpu.Length];
        Gpu.Download(gpu, host);
        return host;
    }

    public void AssertClose((Tensor Cpu, Tensor Gpu) pair, string what) => AssertClose(pair.Cpu.Span.ToArray(), Download(pair.Gpu), what);

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 1;
        foreach (var e in expected)
        {
            scale = Math.Max(scale, Math.Abs(e));
        }
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]);
            Assert.True(d <= Tolerance * scale && float.IsFinite(actual[i]), $"{what}[{i}]: CPU {expected[i]:R}, GPU {actual[i]:R} (|Δ| {d:G3} > {Tolerance * scale:G3})");
        }
    }

    public void Dispose() => Gpu.Dispose();
}
