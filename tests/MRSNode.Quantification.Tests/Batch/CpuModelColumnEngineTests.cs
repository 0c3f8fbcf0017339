using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using MRSNode.Quantification.Batch;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests.Batch;

[UnitTest]
public class CpuModelColumnEngineTests
{
    /// <summary>
    /// The engine packs two columns into one FFT (Hermitian parts); with an odd number of components the last one rides
    /// alone. Every column must equal Re DFT(fid·envelope) at the bins, as MathNet's plain transform gives it.
    /// </summary>
    [Theory]
    [InlineData(1024, 5)]
    [InlineData(1024, 6)]
    [InlineData(256, 1)]
    [InlineData(1000, 3)] // not a power of two: the MathNet path
    public void Columns_RandomComponents_EqualRealPartOfEachTransform(int n, int components)
    {
        var random = new Random(17);
        Complex Draw() => new(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
        var fids = Enumerable.Range(0, components).Select(_ => Enumerable.Range(0, n).Select(_ => Draw()).ToArray()).ToArray();
        Complex[][] envelopes = [Enumerable.Range(0, n).Select(_ => Draw()).ToArray(), Enumerable.Range(0, n).Select(_ => Draw()).ToArray()];
        int[] envelopeOf = [.. Enumerable.Range(0, components).Select(j => j % 2)];
        int[] bins = [0, 1, n / 4, n / 2, n / 2 + 1, n - 1];

        var columns = new CpuModelColumnEngine().Prepare(fids, envelopeOf, bins).Columns(envelopes);

        Assert.Equal(components, columns.Length);
        for (int j = 0; j < components; j++)
        {
            var expected = fids[j].Zip(envelopes[envelopeOf[j]], (f, e) => f * e).ToArray();
            Fourier.Forward(expected, FourierOptions.NoScaling);
            for (int k = 0; k < bins.Length; k++)
            {
                Assert.Equal(expected[bins[k]].Real, columns[j][k], 1e-10);
            }
        }
    }
}
