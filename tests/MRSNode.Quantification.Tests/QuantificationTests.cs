using System.Diagnostics;
using System.Numerics;
using MRSNode.Spectroscopy;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests;

[UnitTest]
public class BasisResamplerTests
{
    [Theory]
    [InlineData(123.22, 4.7, 2048, 4000.0)]
    [InlineData(127.786142, 4.65, 1024, 2000.0)]
    [InlineData(123.26, 4.65, 4096, 5000.0)]
    public void Resample_IsmrmBasisToDataAxis_NaaAt201Ppm(double mhz, double reference, int points, double sw)
    {
        var target = new SpectralAxis(points, sw, mhz, reference);
        var fid = BasisResampler.ResampleFid(Fixtures.IsmrmBasis.Find("NAA")!.Fid, Fixtures.IsmrmBasis.Axis, target);
        Assert.Equal(points, fid.Length);
        // Within one bin of 2.01 ppm.
        Assert.InRange(target.PeakPpm(fid, 1.8, 2.2), 2.01 - target.HzPerPoint / mhz, 2.01 + target.HzPerPoint / mhz);
        Assert.InRange(target.PeakPpm(BasisResampler.ResampleFid(Fixtures.IsmrmBasis.Find("Cr")!.Fid, Fixtures.IsmrmBasis.Axis, target), 2.8, 3.2),
            3.03 - 1.5 * target.HzPerPoint / mhz, 3.03 + 1.5 * target.HzPerPoint / mhz);
    }

    [Fact]
    public void Resample_KeepsArea_AndRemovesReferenceSinglet()
    {
        var b = Fixtures.IsmrmBasis;
        var target = new SpectralAxis(2048, 4000, 123.22, 4.7);
        var cr = b.Find("Cr")!.Fid;
        var kept = BasisResampler.ResampleFid(cr, b.Axis, target);
        var removed = BasisResampler.ResampleFid(BasisReferenceLine.Remove(b.Find("Cr")!, b.Axis), b.Axis, target);
        Assert.Equal(cr[0].Real, kept[0].Real, 3e-3 * cr[0].Magnitude);
        // Only interpolation leakage is left at 0 ppm: under 1 % of the Cr singlet.
        Assert.InRange(target.MaxMagnitude(removed, -0.05, 0.05), 0, 0.01 * target.MaxMagnitude(kept, 2.9, 3.1));
    }
}

[UnitTest]
public class WaterScalingTests(ITestOutputHelper output)
{
    [Fact]
    public void FromTissue_IsmrmChallenge_29697mMAnd1206()
    {
        var p = WaterScalingParameters.FromTissue(0.6, 0.4, 0, 30);
        Assert.Equal(29697, p.WaterConcentrationMm, 0.5);
        Assert.Equal(1.206, p.MetaboliteCorrection, 3);
        Assert.Equal(1.0, p.WaterAttenuation);
        Assert.Equal(WaterScalingParameters.Ismrm2016.MetaboliteAttenuation, p.MetaboliteAttenuation, 9);
    }

    [Fact]
    public void Quantify_Cr10mMWaterScaling_CrConcentration()
    {
        var r = LcmQuantifier.Quantify(Fixtures.CrMetabolite(), Fixtures.CrWater(), Fixtures.IsmrmBasis, new LcmOptions { Water = WaterScalingParameters.Ismrm2016 });
        var tcr = r.Find("tCr")!;
        output.WriteLine($"Cr {r.Find("Cr")!.Concentration:F3} mM, tCr {tcr.Concentration:F3} mM, water area {r.WaterArea:G6}, amplitude {r.Find("Cr")!.Amplitude:G6}");
        Assert.NotNull(r.WaterArea);
        Assert.Equal(54865, r.WaterArea!.Value, 5.0);
        // Not 10.0: with per-proton areas (the challenge's text basis: Cr FID(0) = 5.0 for 5 protons) the Cr data
        // hold 10 mM × 5 protons × exp(−30/160) exactly (area 41.45), but the water FID starts at 54865, i.e.
        // 2 × 27432 rather than 2 × 29697 = 59394 — the data's water is 7.6 % smaller than the README's numbers
        // imply, so the README's own equation gives 10.83 mM. FSL-MRS, fitting the same files with the same parameters,
        // asserts 10.78 ± 0.1 mM in its own tests (FSL-MRS, fsl_mrs/tests/test_utils_quantify.py, test_quantifyWater): the peer's
        // value is the reference here.
        Assert.Equal(10.78, tcr.Concentration!.Value, 0.1);
    }
}
