using System.Numerics;
using MRSNode.Evaluation.BasisAgreement;
using MRSNode.Spectroscopy;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests.BasisAgreement;

[UnitTest]
public class SpectralWindowTests
{
    private static readonly SpectralAxis _axis = new(4096, 4000, 123.26, 4.65);

    internal static Complex[] Singlet(SpectralAxis axis, double ppm, double fwhmHz, double amplitude)
    {
        double f = (axis.ReferencePpm - ppm) * axis.FrequencyMHz, dt = 1 / axis.SpectralWidthHz;
        return Enumerable.Range(0, axis.Points)
            .Select(t => amplitude * Complex.Exp(new Complex(-Math.PI * fwhmHz * t * dt, 2 * Math.PI * f * t * dt)))
            .ToArray();
    }

    [Fact]
    public void Area_LorentzianSingletInside_IsHalfAmplitudeTimesSpectralWidthLessItsTails()
    {
        var window = new SpectralWindow(_axis, 0.2, 4.2);

        double area = window.Area(Singlet(_axis, 2.2, 2, 3));

        // A 2 Hz Lorentzian 246 Hz from either edge keeps 1 − 2·(1/π)·atan(1/246) ≈ 99.74 % of its area 3·SW/2 inside.
        Assert.Equal(3 * 2000 * 0.99741, area, 3 * 2000 * 0.0005);
    }

    [Fact]
    public void Area_SingletOutside_IsNearZero()
    {
        var window = new SpectralWindow(_axis, 0.2, 4.2);

        double area = window.Area(Singlet(_axis, 5.2, 2, 3));

        Assert.InRange(Math.Abs(area), 0, 3 * 2000 * 0.005);
    }

    [Fact]
    public void Correlation_SameSpectrumScaled_IsOne()
    {
        var window = new SpectralWindow(_axis, 0.2, 4.2);
        var a = Singlet(_axis, 2.0, 3, 1);

        double r = window.Correlation(a, a.Select(z => 7 * z).ToArray());

        Assert.Equal(1, r, 12);
    }

    [Fact]
    public void Correlation_SingletsTenHzApart_IsLow()
    {
        var window = new SpectralWindow(_axis, 0.2, 4.2);

        double r = window.Correlation(Singlet(_axis, 2.0, 2, 1), Singlet(_axis, 2.0 + 10 / 123.26, 2, 1));

        Assert.InRange(r, -0.2, 0.2);
    }
}
