using System.Numerics;
using MRSNode.Quantification.Neural.Input;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests.Neural.Input;

[UnitTest]
public sealed class SpectrumInputTests
{
    [Fact]
    public void ModelGrid_Ismrm3T_Has256WindowBinsFrom4p2To0p2Ppm()
    {
        var grid = ModelGrid.For(Fixtures.IsmrmBasis);
        Assert.Equal(256, grid.Count);
        Assert.InRange(grid.Ppm(0), 4.18, 4.2);
        Assert.InRange(grid.Ppm(grid.Count - 1), 0.2, 0.22);
    }

    [SlowTest]
    [Fact]
    public void FromFid_SiemensAndChallengeGrids_GiveTheSameInput()
    {
        // The same noise-free spectrum simulated at 1024 points/1200 Hz (Siemens-like) and 2048/4000 Hz (challenge).
        var grid = ModelGrid.For(Fixtures.IsmrmBasis);
        SpectrumInput Simulate(int points, double sw)
        {
            var parameters = new SimulationParameters
            {
                Points = points, SpectralWidthHz = sw, Snr = ValueRange.Fixed(double.PositiveInfinity),
                ResidualWater = false, Baseline = false, DampingHz = ValueRange.Fixed(4), ZeroOrderPhase = ValueRange.Fixed(0.3),
            };
            var s = new SpectrumSimulator(Fixtures.IsmrmBasis, parameters).SimulateOne(0, 7);
            return SpectrumInput.FromFid(s.Acquisition.Fid().ToArray(), s.Acquisition.Axis, grid);
        }
        var siemens = Simulate(1024, 1200);
        var challenge = Simulate(2048, 4000);
        Assert.Equal(256, siemens.Window.Length);
        Assert.Equal(256, challenge.Window.Length);
        double dot = 0, n1 = 0, n2 = 0;
        for (int k = 0; k < 256; k++)
        {
            dot += (Complex.Conjugate(siemens.Window[k]) * challenge.Window[k]).Real;
            n1 += siemens.Window[k].Magnitude * siemens.Window[k].Magnitude;
            n2 += challenge.Window[k].Magnitude * challenge.Window[k].Magnitude;
        }
        Assert.True(dot / Math.Sqrt(n1 * n2) > 0.99, $"correlation {dot / Math.Sqrt(n1 * n2)}");
        // Same FID amplitude units: the scales agree (a 1200 Hz band keeps the whole 0.2–4.2 ppm window).
        Assert.Equal(1, siemens.Scale / challenge.Scale, 1);
        Assert.Equal(1, challenge.Window.Max(z => z.Magnitude), 9);
    }
}
