using System.Globalization;
using System.Numerics;
using MRSNode.Spectroscopy.Processing;
using MRSNode.Spectroscopy.Processing.Mrsi;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Processing.Mrsi;

[UnitTest]
public class LipidL2SuppressionTests
{
    /// <summary>
    /// Ring-adjacent brain voxels of the default phantom (SNR 20, no MM): the filter is linear, so what it leaves of the
    /// lipid is filter(data) − filter(the same data without lipid); summed over those voxels it keeps under 1/20 of the
    /// lipid's 0.5–1.85 ppm energy. What it does to the metabolites is the filter applied to the noise-free lipid-free
    /// phantom against that data (noise alone moves a band sum by ~10 % at SNR 20): the
    /// complex band sums of Cr (2.95–3.1 ppm) and Cho (3.15–3.28) move by at most 5 % on average over those voxels,
    /// NAA's (1.95–2.07) by at most 10 % (the scalp's 2.05 ppm lipid line overlaps it, so the filter takes some NAA too).
    /// </summary>
    [Fact]
    public void Apply_Phantom_RingAdjacentLipidDownTwentyfoldCrChoWithinFiveNaaWithinTenPercent()
    {
        var with = MrsiPhantomFixture.WithLipids;
        var without = MrsiPhantomFixture.WithoutLipids;
        var mask = MrsiVoxelMask.Classify(with.Acquisition);
        var (result, report, filter) = new LipidL2Suppression().Run(with.Acquisition, mask.Of(MrsiVoxelClass.Brain), mask.Of(MrsiVoxelClass.LipidRing));
        var axis = with.Acquisition.Axis;
        var adjacent = with.Truth.RingAdjacentBrainVoxels();
        Assert.NotNull(filter);

        double before = 0, after = 0;
        (string Name, double Low, double High, double Tolerance)[] bands = [("NAA", 1.95, 2.07, 0.10), ("Cr", 2.95, 3.1, 0.05), ("Cho", 3.15, 3.28, 0.05)];
        var deviation = new double[bands.Length];
        foreach (var v in adjacent)
        {
            var cleanFiltered = filter.Apply(without.Acquisition.Fid(v));
            Assert.Equal(result.Fid(v).ToArray(), filter.Apply(with.Acquisition.Fid(v)), new ComplexClose(1e-9 * with.Acquisition.Fid(v)[0].Magnitude));
            before += BandEnergy(Difference(with.Acquisition.Fid(v), without.Acquisition.Fid(v)), axis, 0.5, 1.85);
            after += BandEnergy(Difference(result.Fid(v), cleanFiltered), axis, 0.5, 1.85);
            var metabolites = MrsiPhantomFixture.NoiseFreeWithoutLipids.Acquisition.Fid(v);
            var metabolitesFiltered = filter.Apply(metabolites);
            for (int b = 0; b < bands.Length; b++)
            {
                var clean = BandSum(metabolites, axis, bands[b].Low, bands[b].High);
                deviation[b] += (BandSum(metabolitesFiltered, axis, bands[b].Low, bands[b].High) - clean).Magnitude / clean.Magnitude / adjacent.Count;
            }
        }
        var text = string.Create(CultureInfo.InvariantCulture, $"lipid energy {after / before:F4} of before; mean |change| NAA {deviation[0]:P1}, Cr {deviation[1]:P1}, Cho {deviation[2]:P1}; {report}");
        for (int b = 0; b < bands.Length; b++)
        {
            Assert.True(deviation[b] <= bands[b].Tolerance, text);
        }
        Assert.True(after < 0.05 * before, text);
        Assert.True(report["Beta"] > 0);
    }

    private sealed class ComplexClose(double tolerance) : IEqualityComparer<Complex>
    {
        public bool Equals(Complex x, Complex y) => (x - y).Magnitude <= tolerance;

        public int GetHashCode(Complex obj) => 0;
    }

    [Fact]
    public void Apply_NoRingVoxels_UnchangedAndSaysSo()
    {
        var scan = MrsiPhantomFixture.WithLipids;
        var none = new bool[scan.Acquisition.Voxels];
        var (result, report) = new LipidL2Suppression().Apply(scan.Acquisition, Enumerable.Repeat(true, none.Length).ToArray(), none);

        Assert.Same(scan.Acquisition, result);
        Assert.Equal(0, report["RingVoxels"]);
        Assert.StartsWith("skipped", report.Summary, StringComparison.Ordinal);
    }

    private static Complex[] Difference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        var d = new Complex[a.Length];
        for (int t = 0; t < a.Length; t++)
        {
            d[t] = a[t] - b[t];
        }
        return d;
    }

    private static double BandEnergy(Complex[] fid, SpectralAxis axis, double low, double high)
    {
        var spectrum = SpectralAxis.Spectrum(fid);
        var (a, b) = FidMath.Bins(axis, low, high);
        return Enumerable.Range(a, b - a + 1).Sum(k => spectrum[k].Magnitude * spectrum[k].Magnitude);
    }

    private static Complex BandSum(ReadOnlySpan<Complex> fid, SpectralAxis axis, double low, double high)
    {
        var spectrum = SpectralAxis.Spectrum(fid);
        var (a, b) = FidMath.Bins(axis, low, high);
        return Enumerable.Range(a, b - a + 1).Aggregate(Complex.Zero, (s, k) => s + spectrum[k]);
    }
}
