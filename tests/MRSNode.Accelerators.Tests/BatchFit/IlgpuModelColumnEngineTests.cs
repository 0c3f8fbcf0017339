using System.Numerics;
using MRSNode.Accelerators.BatchFit;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Accelerators.Tests.BatchFit;

/// <summary>
/// The column kernel on ILGPU's CPU accelerator against a direct FP64 DFT computed here. Tolerance: 1e-9 of the
/// largest column value (both FP64; they differ only in summation order and twiddle rounding).
/// </summary>
[UnitTest]
public class IlgpuModelColumnEngineTests
{
    private const int Points = 256;
    private static readonly int[] EnvelopeOf = [0, 1, 1];
    private static readonly int[] Bins = [130, 140, 200, 255, 0, 3];

    [Fact]
    public void Columns_ConcurrentRequests_MatchDirectDftForEach()
    {
        var fids = Enumerable.Range(0, 3).Select(j => Signal(Points, 0.05 * (j + 1), 3 + j)).ToArray();
        var requests = Enumerable.Range(0, 6).Select(r => new[] { Signal(Points, 0.01 * r, 20), Signal(Points, -0.02 * r, 30) }).ToArray();
        using var session = AcceleratorSession.CreateCpu();
        using var engine = new IlgpuModelColumnEngine(session);
        var columns = engine.Prepare(fids, EnvelopeOf, Bins);

        var results = new double[requests.Length][][];
        Parallel.For(0, requests.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 }, r => results[r] = columns.Columns(requests[r]));

        Assert.Equal(requests.Length, engine.Evaluations);
        Assert.InRange(engine.Launches, 1, requests.Length);
        for (int r = 0; r < requests.Length; r++)
        {
            var expected = Reference(fids, requests[r]);
            double scale = expected.Max(c => c.Max(Math.Abs));
            Assert.True(scale > 1);
            for (int j = 0; j < fids.Length; j++)
            {
                for (int k = 0; k < Bins.Length; k++)
                {
                    Assert.InRange(results[r][j][k] - expected[j][k], -1e-9 * scale, 1e-9 * scale);
                }
            }
        }
    }

    [Fact]
    public void Columns_WrongEnvelopeCount_ThrowsArgumentException()
    {
        using var session = AcceleratorSession.CreateCpu();
        using var engine = new IlgpuModelColumnEngine(session);
        var columns = engine.Prepare([Signal(Points, 0.1, 1)], [0], Bins);

        var thrown = Assert.Throws<ArgumentException>(() => columns.Columns([Signal(Points, 0, 1), Signal(Points, 0, 1)]));
        Assert.Contains("Expected 1 envelopes of 256 points", thrown.Message, StringComparison.Ordinal);
    }

    /// <summary>Re Σ_n fid_j[n]·env[n]·e^{−2πi n b/N}, term by term.</summary>
    private static double[][] Reference(Complex[][] fids, Complex[][] envelopes) =>
        fids.Select((fid, j) => Bins.Select(b =>
        {
            double s = 0;
            for (int n = 0; n < Points; n++)
            {
                s += (fid[n] * envelopes[EnvelopeOf[j]][n] * Complex.FromPolarCoordinates(1, -2 * Math.PI * n * b / Points)).Real;
            }
            return s;
        }).ToArray()).ToArray();

    /// <summary>A decaying complex exponential with a deterministic wobble: a FID-like signal of magnitude ~<paramref name="amplitude"/>.</summary>
    private static Complex[] Signal(int n, double cyclesPerPoint, double amplitude) =>
        Enumerable.Range(0, n).Select(t => amplitude * Math.Exp(-t / 80.0) * Complex.FromPolarCoordinates(1 + (0.1 * Math.Sin(t)), 2 * Math.PI * cyclesPerPoint * t)).ToArray();
}
