using System.Globalization;
using System.Numerics;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Spectroscopy.Tests;

[UnitTest]
public class BasisReferenceLineTests(ITestOutputHelper output)
{
    // The ISMRM 2016 challenge's text basis: 2048 points, 4000 Hz, centred at 4.65 ppm; 123.261703 MHz as its .BASIS
    // (the README's 123.2 is rounded: with it the TMS would sit at −0.002 ppm).
    private static readonly SpectralAxis ChallengeAxis = new(2048, 4000, 123.261703, 4.65);

    private static Complex[] ReadText(string name) => File.ReadLines(TestData.Path($"mrs/ismrm2016/text-basis/{name}.txt"))
        .Where(l => !string.IsNullOrWhiteSpace(l))
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(p => new Complex(double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
        .ToArray();

    private static double RelativeDifference(Complex[] a, Complex[] b) =>
        Math.Sqrt(a.Zip(b, (x, y) => (x - y).Magnitude * (x - y).Magnitude).Sum() / b.Sum(y => y.Magnitude * y.Magnitude));

    [Theory]
    [InlineData("NAA")]
    [InlineData("Cr")]
    public void Remove_ChallengeTextBasisWithTms_ReproducesTheChallengesNoTmsBasis(string metabolite)
    {
        var withTms = ReadText(metabolite);
        var noTms = ReadText(metabolite + "_noTMS");

        var line = BasisReferenceLine.Find(withTms, ChallengeAxis);
        var removed = BasisReferenceLine.Subtract(withTms, ChallengeAxis, line);

        Assert.NotNull(line);
        double before = RelativeDifference(withTms, noTms), after = RelativeDifference(removed, noTms);
        output.WriteLine($"{metabolite}: line at {line.Ppm:F4} ppm, FWHM {line.FwhmHz:F3} Hz, |a| {line.Amplitude.Magnitude:F4}; " +
            $"difference from noTMS {before:E2} → {after:E2}; first point {removed[0].Real:F4} (noTMS {noTms[0].Real:F4})");
        // The challenge's TMS is a 0.1-area singlet 2.0 Hz wide at 0 ppm (the difference of its two files decays by 0.99842 a point).
        Assert.Equal(0, line.Ppm, 0.002);
        Assert.Equal(2.0, line.FwhmHz, 0.1);
        Assert.Equal(0.1, line.Amplitude.Magnitude, 0.002);
        Assert.True(after < before / 50, $"difference {before:E2} → {after:E2}");
        Assert.Equal(noTms[0].Real, removed[0].Real, 0.002);
    }

    [Fact]
    public void Find_BasisWithoutReference_ReturnsNull()
    {
        var noTms = ReadText("NAA_noTMS");

        Assert.Null(BasisReferenceLine.Find(noTms, ChallengeAxis));
        Assert.Equal(noTms, BasisReferenceLine.Remove(noTms, ChallengeAxis));
    }

    [Fact]
    public void Remove_SingletBesideBroadSignal_LeavesTheBroadSignal()
    {
        // A broad macromolecule-like line at 0.25 ppm (30 Hz) under a 1 Hz singlet at 0.01 ppm: zeroing ±0.3 ppm would
        // take most of the broad line; subtracting the singlet leaves it (measured: amplitude 0.5001, relative difference 6.1e-4).
        var axis = new SpectralAxis(4096, 4000, 123.26, 4.65);
        Complex[] Line(double ppm, double fwhm, Complex amplitude) => Enumerable.Range(0, axis.Points).Select(n =>
        {
            double t = n / axis.SpectralWidthHz, f = (axis.ReferencePpm - ppm) * axis.FrequencyMHz;
            return amplitude * Complex.Exp(new Complex(-Math.PI * fwhm * t, 2 * Math.PI * f * t));
        }).ToArray();
        var broad = Line(0.25, 30, new Complex(2, 0));
        var naa = Line(2.01, 3, new Complex(3, 0));
        var reference = Line(0.01, 1, Complex.FromPolarCoordinates(0.5, 0.7));
        var fid = broad.Zip(naa, (a, b) => a + b).Zip(reference, (a, b) => a + b).ToArray();
        var expected = broad.Zip(naa, (a, b) => a + b).ToArray();

        var line = BasisReferenceLine.Find(fid, axis);
        var removed = BasisReferenceLine.Subtract(fid, axis, line);

        Assert.NotNull(line);
        output.WriteLine($"line at {line.Ppm:F5} ppm, FWHM {line.FwhmHz:F4} Hz, a {line.Amplitude}; relative difference {RelativeDifference(removed, expected):E2}");
        Assert.Equal(0.01, line.Ppm, 0.0005);
        Assert.Equal(1.0, line.FwhmHz, 0.05);
        Assert.Equal(0.5, line.Amplitude.Magnitude, 0.001);
        Assert.Equal(0.7, line.Amplitude.Phase, 0.01);
        Assert.InRange(RelativeDifference(removed, expected), 0, 1e-3);
    }
}
