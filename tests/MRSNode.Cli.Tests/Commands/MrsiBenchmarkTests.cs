using System.Text.RegularExpressions;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[SlowTest]
public partial class MrsiBenchmarkTests
{
    [Fact]
    public void BenchMrsi_CpuAndMrsiProfile_ReportsBothRowsAndTheProfilesAccuracy()
    {
        var r = MrsnodeProcess.Run("bench", "mrsi", "--basis", TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"),
            "--grid", "2x1x1", "--engine", "cpu", "--engine", "cpu-mrsi", "--sample", "1");

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Matches(@"\| 2×1×1 \| 2 \| cpu, \d+\.\d LM iterations per voxel \|", r.StdOut);
        Assert.Matches(@"\| 2×1×1 \| 2 \| cpu, MRSI profile, \d+\.\d LM iterations per voxel \|", r.StdOut);
        var accuracy = AccuracyLine().Match(r.StdOut);
        Assert.True(accuracy.Success, r.StdOut);
        Assert.InRange(double.Parse(accuracy.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 0.3);
    }

    [GeneratedRegex(@"2×1×1: MRSI profile against the full fit, same voxels — tNAA/tCr mean \|Δ\| (\d+\.\d{4}), worst \d+\.\d{4}; tCho/tCr")]
    private static partial Regex AccuracyLine();
}
