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
}
