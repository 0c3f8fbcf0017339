using MRSNode.Neural.Backend;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Neural.Tests.Backend;

[UnitTest]
public sealed class SgemmTests
{
    [Theory]
    [InlineData(false, false, 1)]
    [InlineData(false, true, 1)]
    [InlineData(true, false, 1)]
    [InlineData(true, true, 1)]
    [InlineData(false, false, 2)]
    [InlineData(true, false, 2)]
    public void Multiply_TransposesAndOddSizes_MatchesNaiveProduct(bool transposeA, bool transposeB, int threads)
    {
        // 67×45·45×300 is big enough for the parallel path and leaves row and column tails.
        int m = 67, n = 300, k = 45;
        var random = new Random(1);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var c = Enumerable.Range(0, m * n).Select(_ => (float)random.NextDouble()).ToArray();
        var expected = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += a[transposeA ? p * m + i : i * k + p] * (double)b[transposeB ? j * k + p : p * n + j];
                }
                expected[i * n + j] = 0.5 * sum + 2 * c[i * n + j];
            }
        }
        Sgemm.Multiply(transposeA, transposeB, m, n, k, 0.5f, a, 0, b, 0, 2f, c, 0, threads);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - c[i]) < 1e-4, $"{i}: {expected[i]} vs {c[i]}");
        }
    }
}
