using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[SlowTest]
public class EvaluateFitBasisCommandTests
{
    private static readonly string _basis = TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS");

    [Fact]
    public void EvaluateFitBasis_SimulatedPress_TableWithBothColumnsAndTheMean()
    {
        var r = MrsnodeProcess.Run("evaluate", "fit-basis", "--basis", _basis, "--te1", "11", "--te2", "19", "--count", "2", "--snr", "50");

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("2 spectra from press3T_30ms.BASIS, SNR 50, seed 2016; fitted with it and with the node's PRESS simulation (TE1 11, TE2 19 ms, ideal pulses) (+ its Mac)", r.StdOut);
        Assert.Contains("| tNAA | 2 |", r.StdOut);
        Assert.Contains("| **mean** |", r.StdOut);
        Assert.DoesNotContain("| tCr |", r.StdOut);
    }

    [Fact]
    public void EvaluateFitBasis_NeitherFileNorTiming_ExitsSayingWhatToGive()
    {
        var r = MrsnodeProcess.Run("evaluate", "fit-basis", "--basis", _basis);

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("give either --fit-basis FILE or --te1 and --te2", r.StdErr);
    }
}
