using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Architecture.Tests.Rules;

/// <summary>The rules follow from the table (so a change to the table that breaks one fails here).</summary>
[UnitTest]
public class ProjectGraphTests
{
    private static string[] Forbidden(string project) =>
        [.. ProjectGraph.Forbidden(project, ProjectGraph.AllowedReferences, ProjectGraph.BannedBelow)];

    [Fact]
    public void Forbidden_Dicom_EveryOtherProject()
    {
        string[] others = [.. ProjectGraph.AllowedReferences.Keys.Where(p => p != ProjectGraph.Dicom).Order(StringComparer.Ordinal)];

        Assert.Equal(12, others.Length);
        Assert.Equal(others, Forbidden(ProjectGraph.Dicom));
    }

    [Theory]
    [InlineData(ProjectGraph.Quantification)]
    [InlineData(ProjectGraph.Neural)]
    [InlineData(ProjectGraph.Evaluation)]
    [InlineData(ProjectGraph.Accelerators)]
    [InlineData(ProjectGraph.SpinSimulation)]
    public void Forbidden_SpectralCode_IncludesBothDicomAssemblies(string project)
    {
        Assert.Contains(ProjectGraph.Dicom, Forbidden(project));
        Assert.Contains(ProjectGraph.DicomNetwork, Forbidden(project));
    }

    [Fact]
    public void Forbidden_EveryProjectButTheCli_IncludesServiceCliAndEvaluation()
    {
        string[] top = [ProjectGraph.Service, ProjectGraph.Cli, ProjectGraph.Evaluation];

        foreach (var p in ProjectGraph.AllowedReferences.Keys.Where(p => p != ProjectGraph.Cli))
        {
            Assert.Subset(Forbidden(p).ToHashSet(), top.Where(t => t != p).ToHashSet());
        }
        Assert.Empty(Forbidden(ProjectGraph.Cli));
    }

    [Fact]
    public void Below_Service_IsItsWholeStackButNotTheResearchCode()
    {
        var below = ProjectGraph.Below(ProjectGraph.Service, ProjectGraph.AllowedReferences);

        Assert.Equal(
            [ProjectGraph.Dicom, ProjectGraph.DicomNetwork, ProjectGraph.Messaging, ProjectGraph.Neural, ProjectGraph.Pipeline, ProjectGraph.Quantification, ProjectGraph.Reporting, ProjectGraph.Spectroscopy, ProjectGraph.SpinSimulation],
            below.Order(StringComparer.Ordinal));
    }
}
