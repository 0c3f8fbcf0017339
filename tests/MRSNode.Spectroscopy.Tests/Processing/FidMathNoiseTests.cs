using System.Numerics;
using MRSNode.Spectroscopy.Processing;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Processing;

[UnitTest]
public class FidMathNoiseTests
{
    private const double NoisePerPoint = 0.01;

    /// <summary>Brain-like peaks, a broad upfield hump and white noise of SD 0.01 per component.</summary>
    private static Complex[] Scan(double phase, int points = Synthetic.Points, int seed = 3) =>
        Synthetic.Fid([.. Synthetic.Brain, (0.9, 0.6, 40)], phase: phase, points: points, noise: NoisePerPoint, random: new Random(seed));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.2)]
    [InlineData(-2.5)]
    public void SpectralNoiseSd_AnyPhase_TheSameNoiseAsAtZeroPhase(double phase)
    {
        var axis = new SpectralAxis(Synthetic.Points, Synthetic.Sw, Synthetic.Mhz, Synthetic.Reference);
        var reference = Scan(0);
        var rotated = reference.Select(z => z * Complex.FromPolarCoordinates(1, phase)).ToArray();

        double a = FidMath.SpectralNoiseSd(reference, SpectralAxis.Spectrum(reference), axis);
        double b = FidMath.SpectralNoiseSd(rotated, SpectralAxis.Spectrum(rotated), axis);

        Assert.Equal(a, b, 1e-9 * a);
        // An unscaled FFT of N points: σ√N per component.
        Assert.Equal(NoisePerPoint * Math.Sqrt(Synthetic.Points), a, 0.1 * NoisePerPoint * Math.Sqrt(Synthetic.Points));
    }

    [Fact]
    public void SpectralNoiseSd_NarrowBandWithDisturbedEnd_MeasuresTheNoiseFromTheFid()
    {
        // 1024 points over 1200 Hz at 3 T reach neither 10–12 nor −2–0 ppm. The last 64 points are disturbed five-fold,
        // as a scanner's decimation filter leaves them; the median of first differences ignores them.
        const int points = 1024;
        var axis = new SpectralAxis(points, 1200, Synthetic.Mhz, Synthetic.Reference);
        var random = new Random(5);
        var fid = Enumerable.Range(0, points).Select(n =>
        {
            double t = n / 1200.0;
            var signal = Complex.FromPolarCoordinates(Math.Exp(-Math.PI * 4 * t), 2 * Math.PI * (Synthetic.Reference - 2.01) * Synthetic.Mhz * t);
            var noise = new Complex(NoisePerPoint * Synthetic.Gauss(random), NoisePerPoint * Synthetic.Gauss(random));
            return signal + (n >= points - 64 ? 5 * noise : noise);
        }).ToArray();

        double sd = FidMath.SpectralNoiseSd(fid, SpectralAxis.Spectrum(fid), axis);

        Assert.Equal(NoisePerPoint * Math.Sqrt(points), sd, 0.1 * NoisePerPoint * Math.Sqrt(points));
    }

    [Fact]
    public void LateNoiseSd_ZeroFilledFid_ZeroSoTheCallerFallsBack()
    {
        var fid = Scan(0, points: 512).Concat(new Complex[512]).ToArray();

        Assert.Equal(0, FidMath.LateNoiseSd(fid));
    }
}
