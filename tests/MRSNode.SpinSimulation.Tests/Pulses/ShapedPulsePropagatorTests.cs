using System.Numerics;
using MRSNode.SpinSimulation.Engine;
using MRSNode.SpinSimulation.Pulses;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.SpinSimulation.Tests.Pulses;

[UnitTest]
public class ShapedPulsePropagatorTests
{
    private const double Mhz = 123.2, Reference = 4.65;

    /// <summary>Mz after the pulse for one spin at the reference, starting from +Mz, at a gradient offset.</summary>
    private static double MzAfter(ShapedPulse pulse, double offsetHz)
    {
        var u = new ShapedPulsePropagator(CoupledSpins.Singlet(Reference, 1), Mhz, Reference).Propagator(pulse, 0, offsetHz);
        return Complex.Abs(u[0, 0]) * Complex.Abs(u[0, 0]) - Complex.Abs(u[1, 0]) * Complex.Abs(u[1, 0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(-1000)]
    [InlineData(1500)]
    [InlineData(-1500)]
    public void Propagator_Hs1InsideBand_InvertsWithin1Percent(double offsetHz)
    {
        var hs1 = ShapedPulse.Hs1(ShapedSemiLaserSequence.AfpDurationMs, 20, ShapedSemiLaserSequence.AfpPeakB1Hz, ShapedSemiLaserSequence.AfpSteps);

        Assert.InRange(MzAfter(hs1, offsetHz), -1, -0.99);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(-8000)]
    public void Propagator_Hs1FarOutsideBand_LeavesMzWithin1Percent(double offsetHz)
    {
        var hs1 = ShapedPulse.Hs1(ShapedSemiLaserSequence.AfpDurationMs, 20, ShapedSemiLaserSequence.AfpPeakB1Hz, ShapedSemiLaserSequence.AfpSteps);

        Assert.InRange(MzAfter(hs1, offsetHz), 0.99, 1);
    }

    [Fact]
    public void Propagator_GaussianOnResonanceAndFarOff_InvertsAndLeaves()
    {
        var gaussian = ShapedPulse.Gaussian(14, 180, ShapedMegaPressSequence.EditingSteps);

        Assert.Equal(-1, MzAfter(gaussian, 0), 3);
        Assert.InRange(MzAfter(gaussian, 300), 0.99, 1);
    }

    [Fact]
    public void Propagator_HardSquarePulse_MatchesIdealRotation()
    {
        // A 1-step shape is a hard pulse: on resonance it is exactly the ideal 90° about x.
        var square = ShapedPulse.Gaussian(0.001, 90, 1);
        var u = new ShapedPulsePropagator(CoupledSpins.Singlet(Reference, 1), Mhz, Reference).Propagator(square, 0, 0);
        var ideal = ProductBasis.Rotation(1, Math.PI / 2, 0, _ => true);

        Assert.Equal(0, (u - ideal).FrobeniusNorm(), 9);
    }

    [Fact]
    public void Propagator_CoupledPair_IsUnitary()
    {
        var pair = new CoupledSpins([3.01, 1.89], new double[,] { { 0, 7.5 }, { 7.5, 0 } }, 1);
        var hs1 = ShapedPulse.Hs1(4.5, 20, 2000, 256);

        var u = new ShapedPulsePropagator(pair, Mhz, Reference).Propagator(hs1, 0, 300);

        Assert.Equal(0, (u.ConjugateTransposeThisAndMultiply(u) - MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.DenseIdentity(4)).FrobeniusNorm(), 9);
    }
}
