using System.Numerics;
using MathNet.Numerics.Distributions;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests;

[UnitTest]
public class LineshapeOracleTests
{
    [Theory]
    [InlineData(-1.0, 1.0)]
    [InlineData(-0.5, 3.0)]
    [InlineData(0.1, 0.2)]
    [InlineData(2.0, 2.5)]
    [InlineData(3.0, 10.0)]
    [InlineData(-10.0, -4.0)]
    [InlineData(-0.2, 0.3)]
    public void TruncatedStandardNormal_Interval_MeanAndSpreadMatchTheAnalyticDistribution(double lower, double upper)
    {
        var random = new Random(17);
        const int n = 40_000;
        var draws = Enumerable.Range(0, n).Select(_ => LineshapeOracle.TruncatedStandardNormal(lower, upper, random)).ToArray();

        // Mean of N(0,1) truncated to [α, β]: (φ(α) − φ(β)) / (Φ(β) − Φ(α)); its variance from the second moment.
        double z = Normal.CDF(0, 1, upper) - Normal.CDF(0, 1, lower);
        double pa = Normal.PDF(0, 1, lower), pb = Normal.PDF(0, 1, upper);
        double mean = (pa - pb) / z;
        double variance = 1 + (lower * pa - upper * pb) / z - mean * mean;
        Assert.True(draws.Min() >= lower && draws.Max() <= upper);
        double average = draws.Average();
        Assert.Equal(mean, average, 4 * Math.Sqrt(variance / n));
        double sd = Math.Sqrt(draws.Sum(d => (d - average) * (d - average)) / (n - 1));
        Assert.Equal(Math.Sqrt(variance), sd, 0.03 * Math.Sqrt(variance));
    }

    [Fact]
    public void PosteriorSamples_OneComponent_MedianIsTheTruncatedNormalsMedian()
    {
        // y = a·c + noise with |c|² = G: the posterior of a under U[0, 1] is N(Re(cᴴy)/G, σ²/G) truncated to [0, 1].
        var c = Enumerable.Range(0, 64).Select(t => Complex.FromPolarCoordinates(Math.Exp(-t / 20.0), 0.3 * t)).ToArray();
        var y = c.Select(v => 0.9 * v).ToArray();
        double g = c.Sum(v => v.Real * v.Real + v.Imaginary * v.Imaginary);
        const double sigma = 1.2;
        double mean = 0.9, sd = sigma / Math.Sqrt(g);

        var draws = LineshapeOracle.PosteriorSamples([c], y, sigma, [0.0], [1.0], seed: 5, sweeps: 40_000)[0];

        double lo = Normal.CDF(mean, sd, 0), hi = Normal.CDF(mean, sd, 1);
        double median = Normal.InvCDF(mean, sd, (lo + hi) / 2);
        Assert.Equal(median, LineshapeOracle.Quantile(draws, 0.5), 0.01);
        Assert.True(draws[^1] <= 1 && draws[0] >= 0);
    }

    [SlowTest]
    [Fact]
    public void PosteriorSamples_TwoStronglyCorrelatedComponents_MeansMatchNumericalIntegration()
    {
        // Two overlapping lines (correlation about 0.9): Gibbs mixes slowly here, so this checks the chain, not only the conditionals.
        var c1 = Enumerable.Range(0, 128).Select(t => Complex.FromPolarCoordinates(Math.Exp(-t / 30.0), 0.20 * t)).ToArray();
        var c2 = Enumerable.Range(0, 128).Select(t => Complex.FromPolarCoordinates(Math.Exp(-t / 30.0), 0.215 * t)).ToArray();
        var y = c1.Zip(c2, (p, q) => 0.3 * p + 0.6 * q).ToArray();
        const double sigma = 0.8;

        var draws = LineshapeOracle.PosteriorSamples([c1, c2], y, sigma, [0.0, 0.0], [1.0, 1.0], seed: 9, sweeps: 60_000);

        // The exact posterior means on a 400 × 400 grid over the box.
        double Chi2(double a1, double a2) => y.Select((v, t) => v - a1 * c1[t] - a2 * c2[t]).Sum(r => r.Real * r.Real + r.Imaginary * r.Imaginary);
        double weight = 0, m1 = 0, m2 = 0;
        const int n = 400;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double a1 = (i + 0.5) / n, a2 = (j + 0.5) / n;
                double w = Math.Exp(-Chi2(a1, a2) / (2 * sigma * sigma) + Chi2(0.3, 0.6) / (2 * sigma * sigma));
                weight += w;
                m1 += w * a1;
                m2 += w * a2;
            }
        }
        Assert.Equal(m1 / weight, draws[0].Average(), 0.01);
        Assert.Equal(m2 / weight, draws[1].Average(), 0.01);
    }

    [Fact]
    public void PosteriorSamples_ComponentWithoutSignal_DrawsFromItsPrior()
    {
        var c = Enumerable.Range(0, 32).Select(t => Complex.FromPolarCoordinates(Math.Exp(-t / 10.0), 0.5 * t)).ToArray();
        var silent = new Complex[32];
        var y = c.Select(v => 0.4 * v).ToArray();

        var draws = LineshapeOracle.PosteriorSamples([c, silent], y, 0.1, [0.0, 0.2], [1.0, 0.6], seed: 3, sweeps: 20_000);

        // Uniform on [0.2, 0.6]: median 0.4, quartiles 0.3 and 0.5.
        Assert.Equal(0.4, LineshapeOracle.Quantile(draws[1], 0.5), 0.01);
        Assert.Equal(0.3, LineshapeOracle.Quantile(draws[1], 0.25), 0.01);
        Assert.Equal(0.5, LineshapeOracle.Quantile(draws[1], 0.75), 0.01);
        Assert.Equal(0.4, LineshapeOracle.Quantile(draws[0], 0.5), 0.01);
    }

    [Fact]
    public void LeastSquares_NoiseFreeHatamiSpectrum_RecoversEveryAmplitudeFromTheTrueComponents()
    {
        var basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));
        var spectrum = HatamiProtocol.Simulate(basis, 1, double.PositiveInfinity, 21)[0];
        var components = new Spectroscopy.Simulation.SpectrumSimulator(basis, HatamiProtocol.Parameters(basis)).Components(spectrum.Truth);
        var names = basis.Metabolites.Select(m => m.Name).ToList();

        var estimate = LineshapeOracle.LeastSquares(names.Select(n => components[n]).ToList(), spectrum.Acquisition.Fid());

        for (int k = 0; k < names.Count; k++)
        {
            Assert.Equal(MethodComparison.Truth(spectrum.Truth, names[k]), estimate[k], 1e-6);
        }
    }

    [Fact]
    public void BoxLeastSquares_TargetOutsideTheBox_ClampsToTheNearestFace()
    {
        var c = Enumerable.Range(0, 32).Select(t => Complex.FromPolarCoordinates(Math.Exp(-t / 10.0), 0.5 * t)).ToArray();
        var y = c.Select(v => 1.7 * v).ToArray();

        Assert.Equal(1.7, LineshapeOracle.LeastSquares([c], y)[0], 1e-9);
        Assert.Equal(1.0, LineshapeOracle.BoxLeastSquares([c], y, [0.0], [1.0])[0], 1e-12);
        Assert.Throws<ArgumentException>(() => LineshapeOracle.BoxLeastSquares([c], y, [1.0], [0.0]));
    }
}
