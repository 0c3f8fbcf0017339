using System.Numerics;
using MRSNode.Quantification.Neural.Input;
using MRSNode.Quantification.Neural.Physics;
using MRSNode.Spectroscopy;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests.Neural.Physics;

[UnitTest]
public sealed class SpectralLeastSquaresTests(ITestOutputHelper output)
{
    private static readonly string[] Names = ["NAA", "Cr", "PCr", "GPC", "Ins", "Glu", "Mac"];
    // Cr and PCr share a group: their shift/damping gradients must add up.
    private static readonly int[] Groups = [0, 1, 1, 2, 3, 4, 5];
    private static readonly Lazy<SpectralLeastSquares> Layer = new(() =>
        new SpectralLeastSquares(new GridBasis(Fixtures.IsmrmBasis, ModelGrid.For(Fixtures.IsmrmBasis), Names, Groups)));

    private static double[] Theta()
    {
        var layout = Layer.Value.Layout;
        var theta = new double[layout.Length];
        theta[Imperfections.Phase0] = 0.7;
        theta[Imperfections.Phase1] = -4;
        for (int g = 0; g < layout.Groups; g++)
        {
            theta[Imperfections.Shift(g)] = -2 + 0.9 * g;
            theta[layout.Damping(g)] = 3 + g;
        }
        theta[layout.Gaussian] = 4;
        return theta;
    }

    /// <summary>Σ aₘ·Sₘ(θ) + a complex offset, plus complex noise of SD <paramref name="noise"/>.</summary>
    private static Complex[] Data(double[] theta, double[] amplitudes, double noise, int seed)
    {
        var columns = Layer.Value.Solve(theta, new Complex[Layer.Value.Basis.Grid.Count]).Columns;
        var random = new Random(seed);
        var data = new Complex[columns[0].Length];
        for (int k = 0; k < data.Length; k++)
        {
            data[k] = new Complex(0.02, -0.01) + noise * new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
            for (int m = 0; m < amplitudes.Length; m++)
            {
                data[k] += amplitudes[m] * columns[m][k];
            }
        }
        return data;
    }

    [Fact]
    public void Solve_NoiseFreeDataFromItsOwnModel_RecoversAmplitudesAndOffset()
    {
        double[] truth = [1.2, 0.5, 0.6, 0.2, 0.7, 1.0, 0.9];
        var solution = Layer.Value.Solve(Theta(), Data(Theta(), truth, 0, 1));
        for (int m = 0; m < truth.Length; m++)
        {
            // The ridge (λ = 1e-6 × mean ‖column‖²) biases by < 1e-4.
            Assert.Equal(truth[m], solution.Amplitudes[m], 3);
        }
        Assert.Equal(0.02, solution.Baseline[0], 3);
        Assert.Equal(-0.01, solution.Baseline[Layer.Value.BaselineTerms], 3);
    }

    [Fact]
    public void Solve_AbsentMetaboliteInNoise_ProjectedToZero()
    {
        double[] truth = [1.2, 0.5, 0.6, 0, 0.7, 1.0, 0.9];
        var solution = Layer.Value.Solve(Theta(), Data(Theta(), truth, 0.2, 2));
        Assert.All(solution.Amplitudes, a => Assert.True(a >= 0));
        Assert.Contains(solution.Amplitudes, a => a == 0);
        Assert.InRange(solution.Amplitudes[0], 1.1, 1.35);
    }

    [Theory]
    [InlineData(0.05, 3, 0)]
    [InlineData(0.2, 4, 0)]
    [InlineData(0.2, 2, 0)]
    public void Backward_NoisyData_MatchesFiniteDifferences(double noise, int seed, double gpc)
    {
        // Noise leaves a residual, so both terms of ∂L/∂A (r·vᵀ and −Av·aᵀ) are exercised; with GPC absent and seed 2
        // an entry is projected out and the active-set gradient is checked.
        double[] truth = [1.2, 0.5, 0.6, gpc + 0.2 * (seed - 2), 0.7, 1.0, 0.9];
        var layer = Layer.Value;
        var theta = Theta();
        var data = Data(theta, truth, noise, seed);
        var weights = new[] { 0.3, -1.1, 0.8, 0.5, -0.4, 1.3, 0.6 };
        double Loss(double[] t) => layer.Solve(t, data).Amplitudes.Select((a, i) => a * weights[i]).Sum();
        var analytic = layer.Backward(layer.Solve(theta, data), weights);
        double worst = 0;
        for (int i = 0; i < theta.Length; i++)
        {
            double h = 1e-5 * Math.Max(1, Math.Abs(theta[i]));
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (Loss(plus) - Loss(minus)) / (2 * h);
            double error = Math.Abs(numeric - analytic[i]) / Math.Max(Math.Max(Math.Abs(numeric), Math.Abs(analytic[i])), 1e-6);
            output.WriteLine($"θ[{i}] analytic {analytic[i]:G8} numeric {numeric:G8} rel {error:E1}");
            worst = Math.Max(worst, error);
        }
        output.WriteLine($"max relative error {worst:E2}");
        Assert.True(worst < 1e-5, $"max relative error {worst}");
    }

    [Fact]
    public void FftForward_WithAlternatingSign_EqualsTheShiftedSpectrum()
    {
        var random = new Random(5);
        var fid = Enumerable.Range(0, 64).Select(_ => new Complex(random.NextDouble(), random.NextDouble())).ToArray();
        var expected = SpectralAxis.Spectrum(fid);
        var work = fid.Select((z, t) => (t & 1) == 0 ? z : -z).ToArray();
        Fft.Forward(work);
        for (int k = 0; k < 64; k++)
        {
            Assert.True((work[k] - expected[k]).Magnitude < 1e-9);
        }
    }
}
