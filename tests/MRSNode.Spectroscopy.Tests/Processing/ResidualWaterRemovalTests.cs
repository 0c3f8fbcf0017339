using System.Numerics;
using MRSNode.Spectroscopy.Processing;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Processing;

/// <summary>The residual-water measure the QC reads from the water removal's report.</summary>
[UnitTest]
public class ResidualWaterRemovalTests
{
    private static readonly SpectralAxis Axis = new(2048, 2000, 123.2, 4.65);

    /// <summary>A damped line at <paramref name="ppm"/> with first point <paramref name="amplitude"/> (8 Hz wide).</summary>
    private static Complex[] Line(double ppm, double amplitude)
    {
        var fid = new Complex[Axis.Points];
        double hz = (Axis.ReferencePpm - ppm) * Axis.FrequencyMHz;
        for (int t = 0; t < fid.Length; t++)
        {
            double time = t / Axis.SpectralWidthHz;
            fid[t] = Complex.FromPolarCoordinates(amplitude * Math.Exp(-Math.PI * 8 * time), 2 * Math.PI * hz * time);
        }
        return fid;
    }

    [Fact]
    public void WaterToNaa_Water500TimesNaa_About500WhateverTheWaterTails()
    {
        var naa = Line(2.01, 1);
        var before = naa.Zip(Line(4.70, 500), (a, b) => a + b).ToArray();

        double ratio = ResidualWaterRemoval.WaterToNaa(before, naa, Axis);

        Assert.InRange(ratio, 475, 525); // same lineshape: only where the bins fall on each peak differs
    }

    [Fact]
    public void Apply_WellSuppressedSpectrum_ReportsTheRatio()
    {
        var data = Line(2.01, 1).Zip(Line(4.70, 3), (a, b) => a + b).ToArray();
        var acquisition = new MrsAcquisition(data, Axis.Points) { SpectralWidthHz = Axis.SpectralWidthHz, TransmitterFrequencyMHz = Axis.FrequencyMHz, ReferencePpm = Axis.ReferencePpm, Provenance = new Provenance { SourceFormat = "test" } };

        var (_, report) = new ResidualWaterRemoval().Apply(acquisition);

        Assert.InRange(report["ResidualWaterToNaa"], 2.7, 3.3);
    }

    /// <summary>A FID of zeros (issue 25 poison object) made MathNet's eigenvalue loop run for ever; it has nothing to remove.</summary>
    [Fact]
    public async Task Decompose_AllZeroFid_NoComponentsAndReturns()
    {
        var task = Task.Run(() => new ResidualWaterRemoval().Decompose(new Complex[Axis.Points], 1 / Axis.SpectralWidthHz, Axis));

        var components = await task.WaitAsync(TimeSpan.FromSeconds(60)); // hang detector: it never returned before

        Assert.Empty(components);
    }
}
