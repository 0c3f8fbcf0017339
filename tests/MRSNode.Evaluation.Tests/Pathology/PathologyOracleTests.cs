using MRSNode.Evaluation.Pathology;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests.Pathology;

[UnitTest]
public class PathologyOracleTests
{
    private static readonly Lazy<BasisSet> _basis = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));

    private static PathologyCase Case(string name) => PathologyCases.Standard.Single(c => c.Name == name);

    [Theory]
    [InlineData(OracleData.ComplexFid)]
    [InlineData(OracleData.RealWindow)]
    public void Run_WithoutNoise_RecoversEveryRatioAndNoLactate(OracleData data)
    {
        // The true components must add up to the simulated spectrum: without noise the least squares returns the truth.
        var results = PathologyOracle.Run(_basis.Value, [.. new[] { "tumour-lipids", "lipids-no-lac", "scalp-lipid" }.Select(Case)], [1e9], 2, 7, data);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.All(r.Fits, f =>
        {
            Assert.Equal(r.TrueTNaaRatio, f.TNaaRatio, 1e-4);
            Assert.Equal(r.TrueTChoRatio, f.TChoRatio, 1e-4);
            Assert.Equal(r.TrueLacRatio, f.LacRatio, 1e-4);
        }));
    }

    [Fact]
    public void Run_WithoutNoiseFittingEveryShape_RecoversEveryRatio()
    {
        // The columns rebuilt from the truth's shape parameters must be the simulated ones, so the fit stays at the truth.
        var result = PathologyOracle.Run(_basis.Value, [Case("tumour-lipids")], [1e9], 1, 7, OracleData.RealWindow,
            OracleUnknowns.LipidShape | OracleUnknowns.Lineshape | OracleUnknowns.NaaLineshape).Single();

        var fit = Assert.Single(result.Fits);
        Assert.Equal(result.TrueTNaaRatio, fit.TNaaRatio, 1e-4);
        Assert.Equal(result.TrueTChoRatio, fit.TChoRatio, 1e-4);
        Assert.Equal(result.TrueLacRatio, fit.LacRatio, 1e-4);
    }

    [Fact]
    public void Run_TumourAtSnr30_TenDrawsWithinFifteenPercentOutOfReachOnTheRealPart()
    {
        // tNAA 2.6 mM with the noise of a healthy voxel at SNR 30, every lineshape known (seed 11, 300 draws): on the
        // real part of the 0.2–4.0 ppm window (what LCModel and the node fit) the RMS error is 12.0 %, so ten draws all
        // within 15 % happen one time in ten; on the whole complex FID 7.7 % (half the data are not thrown away).
        var real = PathologyOracle.Run(_basis.Value, [Case("tumour")], [30], 300, 11, OracleData.RealWindow).Single();
        var fid = PathologyOracle.Run(_basis.Value, [Case("tumour")], [30], 300, 11, OracleData.ComplexFid).Single();

        Assert.Equal(0.120, real.RmsError(f => f.TNaaRatio, real.TrueTNaaRatio), 0.005);
        Assert.Equal(0.077, fid.RmsError(f => f.TNaaRatio, fid.TrueTNaaRatio), 0.005);
        Assert.InRange(real.ChanceAllWithin(f => f.TNaaRatio, real.TrueTNaaRatio, 0.15, 10), 0, 0.2);
        Assert.Equal(0.10, real.ChanceAllWithin(f => f.TNaaRatio, real.TrueTNaaRatio, 0.15, 10), 0.02);
    }

    [Fact]
    public void Run_TumourLipidsAtSnr50_FittingTheLipidShapeWidensLactatesError()
    {
        // Lactate 6 mM under tumour lipids, seed 11, 12 draws on the real part: knowing every lipid line's shape, Lac/tCr's
        // RMS error is 10.5 %; fitting the lipids' shift and widths, as a method must, 11.9 % (300 draws: 10.5 and 12.4 %).
        // Few draws: in this Debug build the fitted oracle takes about 10 s a draw.
        var known = PathologyOracle.Run(_basis.Value, [Case("tumour-lipids")], [50], 12, 11, OracleData.RealWindow).Single();
        var fitted = PathologyOracle.Run(_basis.Value, [Case("tumour-lipids")], [50], 12, 11, OracleData.RealWindow, OracleUnknowns.LipidShape).Single();

        double knownRms = known.RmsError(f => f.LacRatio, known.TrueLacRatio);
        double fittedRms = fitted.RmsError(f => f.LacRatio, fitted.TrueLacRatio);
        Assert.Equal(0.105, knownRms, 0.003);
        Assert.Equal(0.119, fittedRms, 0.003);
        Assert.True(fittedRms > knownRms + 0.008, $"fitted {fittedRms:P1} against known {knownRms:P1}");
    }

    [Fact]
    public void Run_CaseWithTransients_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => PathologyOracle.Run(_basis.Value, [Case("bad-transients")], [30], 1, 7));

        Assert.Contains("bad-transients has transients", e.Message, StringComparison.Ordinal);
    }
}
