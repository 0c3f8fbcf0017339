using MRSNode.Evaluation.Mrsi;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Evaluation.Tests.Mrsi;

/// <summary>The phantom at SNR 20 and 30, fitted once for every test of the class (72 voxel fits).</summary>
public sealed class MrsiPhantomRuns
{
    public MrsiPhantomRuns()
    {
        var basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));
        Results = [.. new[] { 20.0, 30.0 }.Select(snr => MrsiEvaluation.Run(basis, snr, seed: 2022))];
    }

    public IReadOnlyList<MrsiPhantomResult> Results { get; }

    public MrsiPhantomResult At(double snr) => Results.Single(r => r.Snr == snr);
}

[SlowTest]
public class MrsiEvaluationTests(MrsiPhantomRuns runs, ITestOutputHelper output) : IClassFixture<MrsiPhantomRuns>
{
    [Theory]
    [InlineData(20)]
    [InlineData(30)]
    public void Run_Phantom_EveryBoxVoxelFittedAndReported(double snr)
    {
        output.WriteLine(MrsiEvaluation.ToMarkdown(runs.Results));

        Assert.Equal(36, runs.At(snr).Fitted);
        Assert.Equal(36, runs.At(snr).Reported);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(30)]
    public void Run_Phantom_LesionChoNaaOverTwiceContralateralAndPeakInLesion(double snr)
    {
        var result = runs.At(snr);

        Assert.InRange(result.LesionOverContralateral, 2, 40); // truth 14.3 (2.84 / 0.198)
        Assert.True(result.PeakInLesion);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(30)]
    public void Run_Phantom_NoLactateReportedInTheLipidRing(double snr)
    {
        var result = runs.At(snr);

        Assert.Equal(20, result.RingVoxelsFitted);
        Assert.Equal(0, result.RingVoxelsWithFalseLac);
    }

    /// <summary>
    /// Per-voxel Cho/NAA against truth, as measured (docs/accuracy.md, "MRSI"): the 15 % per voxel is not met by
    /// every voxel; one of the two lesion voxels (tNAA 2.6) and one of the 14 brain voxels fall outside it.
    /// </summary>
    [Theory]
    [InlineData(20, 30.8)]
    [InlineData(30, 17.3)]
    public void Run_Phantom_PerVoxelChoNaaAsMeasured(double snr, double worstPercent)
    {
        var result = runs.At(snr);

        Assert.Equal(0.5, result.LesionWithin15Percent);
        Assert.Equal(13 / 14.0, result.BrainWithin15Percent, 6);
        Assert.Equal(worstPercent, result.WorstChoNaaErrorPercent, 1);
    }
}
