using MRSNode.Neural;
using MRSNode.Neural.Backend;

namespace MRSNode.Accelerators.Neural.Parity;

/// <summary>
/// One op run on the reference (CpuBackend, one thread) and on the candidate from the same random numbers; collects
/// the normalised error of every output compared.
/// </summary>
internal sealed class ParityCase(IComputeBackend candidate, int seed)
{
    private readonly Random _random = new(seed);

    public CpuBackend Reference { get; } = new(1);

    public IComputeBackend Candidate { get; } = candidate;

    public double MaxError { get; private set; }

    public float[] RandomValues(int n, double scale = 1)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = (float)((2 * _random.NextDouble() - 1) * scale);
        }
        return v;
    }

    /// <summary>A reference tensor and a candidate tensor holding the same values.</summary>
    public (Tensor Cpu, Tensor Dev) Pair(float[] values, params int[] shape)
    {
        var c = Tensor.FromValues(values, shape);
        var d = Candidate.Allocate(shape);
        Candidate.Upload(values, d);
        return (c, d);
    }

    public (Tensor Cpu, Tensor Dev) RandomPair(params int[] shape) => Pair(RandomValues(shape.Aggregate(1, (a, b) => a * b)), shape);

    public (Tensor Cpu, Tensor Dev) ZeroPair(params int[] shape) => (Reference.Allocate(shape), Candidate.Allocate(shape));

    public float[] Download(Tensor device)
    {
        var host = new float[device.Length];
        Candidate.Download(device, host);
        return host;
    }

    public void Compare((Tensor Cpu, Tensor Dev) pair) => Compare(pair.Cpu.Span, Download(pair.Dev));

    public void Compare(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length != actual.Length)
        {
            Record(double.PositiveInfinity);
            return;
        }
        double scale = 1;
        foreach (var e in expected)
        {
            scale = Math.Max(scale, Math.Abs(e));
        }
        for (int i = 0; i < expected.Length; i++)
        {
            Record(float.IsFinite(actual[i]) ? Math.Abs(expected[i] - actual[i]) / scale : double.PositiveInfinity);
        }
    }

    /// <summary>Anything that must agree exactly (indices): a mismatch is an infinite error.</summary>
    public void CompareExactly(ReadOnlySpan<int> expected, ReadOnlySpan<int> actual) =>
        Record(expected.SequenceEqual(actual) ? 0 : double.PositiveInfinity);

    public void Record(double error) => MaxError = Math.Max(MaxError, double.IsNaN(error) ? double.PositiveInfinity : error);
}
