using MRSNode.Pipeline;
using MRSNode.Quantification.Relaxation;
using MRSNode.Service.Processing;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Processing;

[UnitTest]
public sealed class StudyTissueSidecarTests
{
    private const string Study = "1.2.826.0.1.3680043.8.498.1";
    private static readonly QuantificationRequest _request = new() { MetaboliteFiles = ["m.dcm"] };

    [Fact]
    public void Apply_SidecarOfTheStudy_FractionsNormalisedAndSourceNamed()
    {
        var folder = TestData.NewTempFolder();
        File.WriteAllText(Path.Combine(folder, Study + ".json"), """{ "gm": 0.5, "wm": 0.3, "csf": 0.2 }""");

        var applied = StudyTissueSidecar.Apply(_request, folder, Study);

        Assert.Equal((0.5, 0.3, 0.2), (applied.WaterScaling.Tissue!.Grey, applied.WaterScaling.Tissue.White, applied.WaterScaling.Tissue.Csf));
        Assert.Equal($"per-study sidecar {Study}.json", applied.WaterScaling.TissueSource);
    }

    [Fact]
    public void Apply_SidecarOverridesNodeWideFractions_StudyFractionsWin()
    {
        var folder = TestData.NewTempFolder();
        File.WriteAllText(Path.Combine(folder, Study + ".json"), """{ "gm": 0.2, "wm": 0.7, "csf": 0.1 }""");
        var nodeWide = _request with { WaterScaling = _request.WaterScaling with { Tissue = new TissueFractions(0.6, 0.3, 0.1), TissueSource = "node configuration" } };

        var applied = StudyTissueSidecar.Apply(nodeWide, folder, Study);

        Assert.Equal(0.7, applied.WaterScaling.Tissue!.White, 12);
    }

    [Fact]
    public void Apply_NoSidecarForTheStudy_RequestUnchanged()
    {
        var folder = TestData.NewTempFolder();
        File.WriteAllText(Path.Combine(folder, "1.2.3.json"), """{ "gm": 0.5, "wm": 0.3, "csf": 0.2 }""");

        Assert.Same(_request, StudyTissueSidecar.Apply(_request, folder, Study));
        Assert.Same(_request, StudyTissueSidecar.Apply(_request, "", Study));
    }

    [Theory]
    [InlineData("""{ "gm": 0.5, "wm": 0.3 }""")]
    [InlineData("""{ "gm": -0.5, "wm": 0.3, "csf": 0.2 }""")]
    [InlineData("not json")]
    public void Apply_UnusableSidecar_InputProblemNamingTheFile(string content)
    {
        var folder = TestData.NewTempFolder();
        File.WriteAllText(Path.Combine(folder, Study + ".json"), content);

        var error = Assert.Throws<QuantificationException>(() => StudyTissueSidecar.Apply(_request, folder, Study));

        Assert.Contains($"{Study}.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be used", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("1.2/3")]
    [InlineData("")]
    public void PathFor_NotAPlainUid_NoPath(string uid) => Assert.Null(StudyTissueSidecar.PathFor("/tmp", uid));
}
