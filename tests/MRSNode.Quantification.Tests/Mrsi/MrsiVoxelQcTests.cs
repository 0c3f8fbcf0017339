using MRSNode.Quantification.Mrsi;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.Quantification.Tests.Mrsi.MrsiFixtures;

namespace MRSNode.Quantification.Tests.Mrsi;

[UnitTest]
public class MrsiVoxelQcTests
{
    private static MrsiVoxelResult Check(LcmResult fit) => new MrsiVoxelQc(MrsiQcThresholds.Default).Check(new MrsiVoxelFits(Axial(1, 1), [fit]), 0);

    [Fact]
    public void Check_GoodFit_ReportedWithoutReason()
    {
        var voxel = Check(Fit());

        Assert.Equal((VoxelState.Reported, (string?)null), (voxel.State, voxel.Reason));
    }

    [Theory]
    [InlineData(4.9, 0.05, 5, FitStatus.Converged, "SNR 4.9 below 5")]
    [InlineData(30, 0.12, 5, FitStatus.Converged, "linewidth 0.120 ppm above 0.10 ppm")]
    [InlineData(30, 0.05, 35, FitStatus.Converged, "tCr CRLB 35 % above 30 %")]
    [InlineData(30, 0.05, 5, FitStatus.MaxIterations, "fit did not converge")]
    public void Check_FailsACheck_RejectedWithTheReason(double snr, double fwhmPpm, double creatineCrlb, FitStatus status, string reason)
    {
        var voxel = Check(Fit(snr: snr, fwhmPpm: fwhmPpm, status: status, crlb: new Dictionary<string, double> { ["tCr"] = creatineCrlb }));

        Assert.Equal((VoxelState.Rejected, reason), (voxel.State, voxel.Reason));
    }

    [Fact]
    public void Check_NullFitInsideTheVolumeNamedNotFitted_NotFittedWithTheGivenReason()
    {
        var input = new MrsiVoxelFits(Axial(1, 1), [null]) { NotFitted = new Dictionary<int, string> { [0] = "outside the brain mask" } };

        var voxel = new MrsiVoxelQc(MrsiQcThresholds.Default).Check(input, 0);

        Assert.Equal((VoxelState.NotFitted, "outside the brain mask"), (voxel.State, voxel.Reason));
    }

    [Fact]
    public void Snr_NaaGoneCholineTall_TheCholinePeakOverTheNoise()
    {
        // NAA SNR 2 (rejected by NAA alone), but the fitted Cho peak is 0.8 / noise 0.05 = 16.
        var fit = Fit(naa: 0.1, cho: 0.8, snr: 16) with { Quality = Fit(naa: 0.1, cho: 0.8, snr: 16).Quality with { Snr = 2 } };

        Assert.Equal(16, MrsiVoxelQc.Snr(fit), 9);
        Assert.Equal(VoxelState.Reported, Check(fit).State);
    }
}
