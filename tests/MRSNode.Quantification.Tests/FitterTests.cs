using System.Diagnostics;
using System.Numerics;
using MRSNode.Spectroscopy;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests;

public class FitterTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, double> Truth = new()
    {
        ["NAA"] = 12, ["NAAG"] = 1.5, ["Cr"] = 5, ["PCr"] = 4, ["GPC"] = 1.2, ["PCho"] = 0.6, ["Ins"] = 7, ["Glu"] = 11, ["Gln"] = 3,
        ["GSH"] = 2, ["Tau"] = 1.5, ["Lac"] = 0.8, ["sIns"] = 0.3, ["GABA"] = 1.5, ["Asp"] = 2, ["Mac"] = 1.0,
    };

    internal static MrsAcquisition SyntheticAcquisition(double noiseSd, int seed, double shiftHz = 3, double phase = 0.6)
    {
        var grid = new SpectralAxis(2048, 4000, 123.2, 4.7);
        var resampled = BasisResampler.Resample(Fixtures.IsmrmBasis, grid);
        return Fixtures.Acquisition(Fixtures.Synthetic(resampled, Truth, shiftHz, 3, 4, phase, noiseSd, seed));
    }

    [Fact]
    public void Quantify_SyntheticHighSnr_RecoversAmplitudes()
    {
        var acq = SyntheticAcquisition(0.002, 1);
        var sw = Stopwatch.StartNew();
        var r = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis);
        output.WriteLine($"{sw.ElapsedMilliseconds} ms, {r.Parameters}, it {r.Iterations}, SNR {r.Quality.Snr:F0}, NAA FWHM {r.Quality.NaaFwhmHz:F2} Hz");
        foreach (var m in r.Metabolites.Concat(r.Pools))
        {
            output.WriteLine($"{m.Name} {m.Amplitude:F3} ({(Truth.TryGetValue(m.Name, out var t) ? t : double.NaN)}) CRLB {m.CrlbPercent:F1}%");
        }
        Assert.Equal(3, r.Parameters.ShiftHz, 0.2);
        Assert.Equal(3, r.Parameters.LorentzHz, 0.5);
        Assert.Equal(4, r.Parameters.GaussHz, 0.7);
        Assert.Equal(0.6, r.Parameters.Phase0Rad + 0.0, 0.05);
        foreach (var name in new[] { "NAA", "Cr", "PCr", "Ins", "Glu", "GPC", "Mac" })
        {
            Assert.Equal(Truth[name], r.Find(name)!.Amplitude, 0.03 * Truth[name]);
        }
        Assert.Equal(Truth["NAA"] + Truth["NAAG"], r.Find("tNAA")!.Amplitude, 0.02 * 13.5);
        Assert.Equal(Truth["Glu"] + Truth["Gln"], r.Find("Glx")!.Amplitude, 0.03 * 14);
        Assert.Equal((Truth["NAA"]) / 9, r.Find("NAA")!.RatioToTCr!.Value, 0.03 * 12 / 9);
    }

    [Fact]
    public void Quantify_SyntheticLargePhaseAndShift_Converges()
    {
        var acq = SyntheticAcquisition(0.002, 2, shiftHz: -12, phase: 2.5);
        var r = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis);
        output.WriteLine($"{r.Parameters}");
        Assert.Equal(-12, r.Parameters.ShiftHz, 0.3);
        Assert.Equal(12, r.Find("NAA")!.Amplitude, 0.4);
        Assert.Equal(9, r.Find("tCr")!.Amplitude, 0.3);
    }

    [Fact]
    public void Quantify_LcModel63Regression_RatiosWithinReference()
    {
        var sw = Stopwatch.StartNew();
        var r = LcmQuantifier.Quantify(Fixtures.LcModelData(), null, Fixtures.ThreeTBasis);
        output.WriteLine($"{sw.ElapsedMilliseconds} ms {r.Parameters} it {r.Iterations} {r.Quality}");
        foreach (var m in r.Metabolites.Concat(r.Pools))
        {
            output.WriteLine($"{m.Name} {m.Amplitude:G4} {m.CrlbPercent:F0}% {m.RatioToTCr:F3}");
        }
        var expected = new Dictionary<string, double> { ["NAA"] = 1.047, ["tNAA"] = 1.306, ["Ins"] = 0.911, ["tCho"] = 0.250, ["Glx"] = 1.510 };
        foreach (var (name, value) in expected)
        {
            double got = r.Find(name)!.RatioToTCr!.Value;
            output.WriteLine($"{name}/tCr {got:F3} vs LCModel {value:F3}: {100 * (got - value) / value:+0.0;-0.0} %");
        }
        foreach (var (name, value) in expected)
        {
            Assert.Equal(value, r.Find(name)!.RatioToTCr!.Value, 0.05 * value);
        }
    }
}
