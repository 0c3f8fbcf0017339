using System.Globalization;
using MRSNode.Spectroscopy.Processing.Mrsi;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Processing.Mrsi;

[UnitTest]
public class MrsiFrequencyAlignmentTests
{
    /// <summary>The phantom's B0 map (±8 Hz) is recovered from NAA/Cr/Cho (SNR 20, lipid-free data), lesion included: up to a common offset under 1 Hz, median error under 1 Hz, none over 3 Hz.</summary>
    [Fact]
    public void Apply_PhantomWithoutWater_ShiftMapIsMinusTheTruthMedianUnderOneHertz()
    {
        var scan = MrsiPhantomFixture.WithoutLipids;
        var brain = scan.Truth.Voxels.Select(v => v.Tissue is PhantomTissue.Brain or PhantomTissue.Lesion or PhantomTissue.Contralateral).ToArray();

        var (_, report) = new MrsiFrequencyAlignment().Apply(scan.Acquisition, brain);
        var shifts = report.Series["ShiftHz"];

        // Aligned to each other: the map minus the truth is one constant (where the basis puts Cr) up to the noise.
        var residuals = scan.Truth.Voxels.Where(v => brain[v.Index]).Select(v => shifts[v.Index] + v.ShiftHz).Order().ToList();
        double offset = residuals[residuals.Count / 2];
        var errors = residuals.Select(r => Math.Abs(r - offset)).Order().ToList();
        double median = errors[errors.Count / 2], max = errors[^1];
        Assert.True(Math.Abs(offset) < 1, string.Create(CultureInfo.InvariantCulture, $"common offset {offset:F2} Hz"));
        Assert.True(median < 1 && max < 3, string.Create(CultureInfo.InvariantCulture, $"|error| median {median:F2} Hz, max {max:F2} Hz over {errors.Count} voxels"));
        Assert.All(scan.Truth.Voxels.Where(v => !brain[v.Index]), v => Assert.True(double.IsNaN(shifts[v.Index])));
        Assert.True(report["ShiftRangeHz"] > 5);
    }
}
