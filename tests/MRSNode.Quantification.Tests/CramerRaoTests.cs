using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests;

[SlowTest]
public class CramerRaoTests(ITestOutputHelper output)
{
    [Fact]
    public void Crlb_SnrDrops_CrlbPercentGrows()
    {
        double previous = 0;
        foreach (double noise in new[] { 0.002, 0.01, 0.05 })
        {
            var r = LcmQuantifier.Quantify(FitterTests.SyntheticAcquisition(noise, 7), null, Fixtures.IsmrmBasis);
            double naa = r.Find("NAA")!.CrlbPercent;
            output.WriteLine($"noise {noise}: SNR {r.Quality.Snr:F1}, NAA CRLB {naa:F2} %, Glu {r.Find("Glu")!.CrlbPercent:F2} %");
            Assert.True(naa > previous, $"CRLB {naa} % at noise {noise} not above {previous} %");
            previous = naa;
        }
    }

    [Fact]
    public void Crlb_NoiseRegionSigma_AgreesWithResidualSigmaOnWhiteNoise()
    {
        var acq = FitterTests.SyntheticAcquisition(0.02, 5);
        var residual = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis);
        var region = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis, new LcmOptions { CrlbSigmaFromNoiseRegion = true });
        double a = residual.Find("NAA")!.CrlbAbsolute, b = region.Find("NAA")!.CrlbAbsolute;
        output.WriteLine($"NAA CRLB residual σ {a:F4}, noise-region σ {b:F4}");
        Assert.Equal(1, b / a, 0.15);
    }

    [Theory]
    [InlineData(LineshapeFreedom.Global)]
    [InlineData(LineshapeFreedom.PerMetabolite)]
    public void Crlb_MonteCarlo_ObservedSdWithinFactor1p5OfMeanCrlb(LineshapeFreedom freedom)
    {
        // Per metabolite with LCModel's prior widths (the defaults): the priors' share of the CRLB stays small here.
        var options = LcmOptions.Default with { Fit = FitOptions.Default with { Freedom = freedom } };
        string[] names = ["NAA", "Cr", "GPC", "Ins", "Glu", "tCr", "tNAA", "Glx"];
        const int runs = 30;
        var values = names.ToDictionary(n => n, _ => new List<double>());
        var crlbs = names.ToDictionary(n => n, _ => new List<double>());
        for (int seed = 0; seed < runs; seed++)
        {
            var r = LcmQuantifier.Quantify(FitterTests.SyntheticAcquisition(0.02, 100 + seed), null, Fixtures.IsmrmBasis, options);
            foreach (var n in names)
            {
                values[n].Add(r.Find(n)!.Amplitude);
                crlbs[n].Add(r.Find(n)!.CrlbAbsolute);
            }
        }
        foreach (var n in names)
        {
            double mean = values[n].Average();
            double sd = Math.Sqrt(values[n].Sum(v => (v - mean) * (v - mean)) / (runs - 1));
            double crlb = crlbs[n].Average();
            output.WriteLine($"{n}: mean {mean:F3}, observed SD {sd:F4}, mean CRLB {crlb:F4}, SD/CRLB {sd / crlb:F2}");
            // With per-metabolite freedom the CRLB also carries the shifts' and dampings' prior variance, which this set
            // (every component at the common lineshape) does not draw on: the bound may then be conservative, down to 0.5.
            Assert.InRange(sd / crlb, freedom == LineshapeFreedom.Global ? 1 / 1.5 : 0.5, 1.5);
        }
    }

    [Fact]
    public void Compute_PartnerFittedAtZero_WidensTheBoundButNotThePool()
    {
        // LCModel 6.3's regression case: PCh comes out at zero, and LCModel (zero amplitudes held fixed) reports GPC 4 %.
        // GPC and PCh differ by a few hundredths of a ppm, so a free PCh must widen GPC's bound; their sum barely moves.
        var acquisition = Fixtures.LcModelData();
        var all = LcmQuantifier.Quantify(acquisition, null, Fixtures.ThreeTBasis);
        var active = LcmQuantifier.Quantify(acquisition, null, Fixtures.ThreeTBasis, LcmOptions.Default with { CrlbCovariance = CrlbCovariance.ActiveAmplitudes });
        output.WriteLine($"PCh {all.Find("PCh")!.Amplitude}; GPC {all.Find("GPC")!.CrlbPercent:F1} % (all) vs {active.Find("GPC")!.CrlbPercent:F1} % (active); tCho {all.Find("tCho")!.CrlbPercent:F1} vs {active.Find("tCho")!.CrlbPercent:F1} %");
        Assert.Equal(0, all.Find("PCh")!.Amplitude);
        Assert.Equal(all.Find("GPC")!.Amplitude, active.Find("GPC")!.Amplitude);
        Assert.InRange(active.Find("GPC")!.CrlbPercent, 6, 10);
        Assert.InRange(all.Find("GPC")!.CrlbPercent, 20, 30);
        Assert.Equal(active.Find("tCho")!.CrlbPercent, all.Find("tCho")!.CrlbPercent, 1.0);
        // An amplitude at zero keeps CRLB% 999 but now has a finite absolute bound from the full covariance.
        Assert.Equal(999, all.Find("PCh")!.CrlbPercent);
        Assert.True(double.IsFinite(all.Find("PCh")!.CrlbAbsolute) && all.Find("PCh")!.CrlbAbsolute > 0);
    }

    [Fact]
    public void InverseSymmetric_NotInvertibleEvenWithRidge_ReturnsTheUnsolvableValue()
    {
        // A negative definite matrix has no Cholesky factor at any small ridge: a CRLB from it must not read as zero.
        double[,] negative = { { -1, 0 }, { 0, -2 } };
        var forFitting = DenseSolve.InverseSymmetric(negative);
        var forBounds = DenseSolve.InverseSymmetric(negative, double.NaN);
        Assert.All(forFitting.Cast<double>(), v => Assert.Equal(0, v));
        Assert.All(forBounds.Cast<double>(), v => Assert.True(double.IsNaN(v)));
        double[,] spd = { { 4, 2 }, { 2, 3 } };
        var inverse = DenseSolve.InverseSymmetric(spd, double.NaN);
        Assert.Equal(3.0 / 8, inverse[0, 0], 12);
        Assert.Equal(-2.0 / 8, inverse[0, 1], 12);
        Assert.Equal(4.0 / 8, inverse[1, 1], 12);
    }
}
