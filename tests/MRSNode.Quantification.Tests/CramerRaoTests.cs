using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests;

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
}
