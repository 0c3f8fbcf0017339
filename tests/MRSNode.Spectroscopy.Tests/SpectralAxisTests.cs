using System.Numerics;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests;

[UnitTest]
public class SpectralAxisTests
{
    private static readonly SpectralAxis _axis = new(2048, 4000, 123.2617, 4.7);

    /// <summary>A FID rotating at +f Hz: the convention puts it at ref − f/F0 ppm.</summary>
    private static Complex[] Fid(double hz, int points = 2048, double sw = 4000, double t2 = 0.1) =>
        Enumerable.Range(0, points).Select(n =>
        {
            double t = n / sw;
            return Complex.FromPolarCoordinates(Math.Exp(-t / t2), 2 * Math.PI * hz * t);
        }).ToArray();

    [Fact]
    public void PeakPpm_PositiveFrequency_IsUpfieldOfReference()
    {
        double naaHz = (4.7 - 2.01) * 123.2617; // 331.6 Hz

        double ppm = _axis.PeakPpm(Fid(naaHz), 0, 10);

        Assert.Equal(2.01, ppm, 2);
    }

    [Fact]
    public void PeakPpm_ConjugatedFid_LandsAtTheMirror()
    {
        var fid = Fid((4.7 - 2.01) * 123.2617).Select(Complex.Conjugate).ToArray();

        Assert.Equal(2 * 4.7 - 2.01, _axis.PeakPpm(fid, 0, 10), 2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1024)]
    [InlineData(2047)]
    public void IndexOf_InverseOfPpm(int index) => Assert.Equal(index, _axis.IndexOf(_axis.Ppm(index)), 9);

    [Fact]
    public void Ppm_CentreBin_IsReference()
    {
        Assert.Equal(4.7, _axis.Ppm(1024));
        Assert.Equal(4000.0 / 2048, _axis.HzPerPoint);
        Assert.Equal(-2000, _axis.FrequencyHz(0));
    }

    [Fact]
    public void Spectrum_OddLength_PeakStillAtFrequency()
    {
        var axis = new SpectralAxis(4095, 12000, 297.219948, 4.65);
        double hz = (4.65 - 3.03) * 297.219948;

        Assert.Equal(3.03, axis.PeakPpm(Fid(hz, 4095, 12000), 0, 9), 1);
    }

    [Fact]
    public void MaxMagnitude_EmptyRegion_SmallComparedWithPeak()
    {
        var fid = Fid((4.7 - 2.01) * 123.2617);

        double peak = _axis.MaxMagnitude(fid, 1.9, 2.1);
        double mirror = _axis.MaxMagnitude(fid, 7.3, 7.5);

        Assert.True(mirror < 0.05 * peak, $"{mirror} vs {peak}");
    }
}
