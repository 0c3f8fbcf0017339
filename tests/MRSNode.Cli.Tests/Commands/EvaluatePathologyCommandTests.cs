using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[SlowTest]
public class EvaluatePathologyCommandTests
{
    private static readonly string _basis = TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS");

    [Fact]
    public void EvaluatePathology_OneCase_TableRowWithTheTruth()
    {
        var r = MrsnodeProcess.Run("evaluate", "pathology", "--basis", _basis, "--case", "tumour", "--realisations", "1", "--snr", "50");

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("1 realisations per case and SNR from press3T_30ms.BASIS, seed 2016", r.StdOut);
        // tumour truth: tNAA/tCr 2.6/7, tCho/tCr 7.38/7, Lac/tCr 6/7.
        Assert.Contains("| tumour | 50 | 1 | 0.37 |", r.StdOut);
        Assert.Contains("| 1.05 |", r.StdOut);
        Assert.Contains("| 0.86 |", r.StdOut);
    }

    [Fact]
    public void EvaluatePathology_UnknownCase_ExitsNamingTheCases()
    {
        var r = MrsnodeProcess.Run("evaluate", "pathology", "--basis", _basis, "--case", "glioma");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("no case named glioma", r.StdErr);
        Assert.Contains("tumour-lipids", r.StdErr);
    }

    [Fact]
    public void EvaluatePathology_RealOracleWithoutNoiseAndSpread_TruthAndChanceOne()
    {
        var r = MrsnodeProcess.Run("evaluate", "pathology", "--basis", _basis, "--oracle", "real", "--realisations", "2", "--snr", "1000000000", "--spread", "10");

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.StartsWith("Oracle, real part over 0.2-4.0 ppm", r.StdOut, StringComparison.Ordinal);
        // Every case but the one made of transients, each read exactly: no error, so ten draws all meet the requirements.
        Assert.Contains("| tumour | 1000000000 | 2 | 0.37 | 0.37 (0 %) | 1.05 | 1.05 (0 %) | 0.86 | 0.86 (0 %) |", r.StdOut);
        Assert.Contains("| tumour | 1000000000 | 2 | 0.0 % | 1.00 | 0.0 % | 1.00 | 0.0 % | 1.00 | — |", r.StdOut);
        Assert.Contains("| scalp-lipid | 1000000000 | 2 | 0.0 % | 1.00 | 0.0 % | 1.00 | — | — | 1.00 |", r.StdOut);
        Assert.DoesNotContain("bad-transients", r.StdOut);
    }

    [Fact]
    public void EvaluatePathology_OracleOnTransients_ExitsWithTheReason()
    {
        var r = MrsnodeProcess.Run("evaluate", "pathology", "--basis", _basis, "--oracle", "fid", "--case", "bad-transients");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("the oracle takes one FID per draw; case bad-transients has transients", r.StdErr);
    }

    [Fact]
    public void EvaluatePathology_OracleFitsWithoutOracle_ExitsWithTheReason()
    {
        var r = MrsnodeProcess.Run("evaluate", "pathology", "--basis", _basis, "--oracle-fits", "lipid-shape", "--case", "tumour-lipids");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--oracle-fits applies to the oracle", r.StdErr);
    }

    [Fact]
    public void EvaluatePathology_OracleFittingLipidShapeWithoutNoise_TruthInTheTable()
    {
        var r = MrsnodeProcess.Run("evaluate", "pathology", "--basis", _basis, "--oracle", "real", "--oracle-fits", "lipid-shape", "--case", "tumour-lipids", "--realisations", "1", "--snr", "1000000000");

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.StartsWith("Oracle, real part over 0.2-4.0 ppm, fitting lipid-shape", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("| tumour-lipids | 1000000000 | 1 | 0.37 | 0.37 (0 %) | 1.05 | 1.05 (0 %) | 0.86 | 0.86 (0 %) |", r.StdOut);
    }
}
