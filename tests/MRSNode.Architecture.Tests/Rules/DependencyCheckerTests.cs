using System.Reflection;
using MRSNode.Architecture.Tests.Fixtures.BadDependencies;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Architecture.Tests.Rules;

/// <summary>
/// The checker's self-tests: on deliberately bad input (a reference list, this assembly's fixture types) it must
/// report each violation by name, so the rules cannot pass because the checker sees nothing.
/// </summary>
[UnitTest]
public class DependencyCheckerTests
{
    private const string FixtureNamespace = "MRSNode.Architecture.Tests.Fixtures.BadDependencies";

    private static readonly Assembly _fixtures = typeof(QuantifierThatReadsDicom).Assembly;

    [Fact]
    public void CheckProjectReferences_QuantificationReferencingService_NamesBothAndTheAllowedOnes()
    {
        var references = new Dictionary<string, IReadOnlyList<string>>
        {
            [ProjectGraph.Quantification] = ProjectFiles.Parse("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <ProjectReference Include="..\MRSNode.Spectroscopy\MRSNode.Spectroscopy.csproj" />
                    <ProjectReference Include="..\MRSNode.Neural\MRSNode.Neural.csproj" />
                    <ProjectReference Include="..\MRSNode.Service\MRSNode.Service.csproj" />
                  </ItemGroup>
                </Project>
                """),
            [ProjectGraph.Dicom] = [],
        };

        var violations = DependencyChecker.CheckProjectReferences(references, ProjectGraph.AllowedReferences);

        Assert.Equal(["MRSNode.Quantification references MRSNode.Service, which it may not (allowed: MRSNode.Spectroscopy, MRSNode.Neural)"], violations);
    }

    [Fact]
    public void CheckProjectReferences_ProjectWithoutARow_IsAViolation()
    {
        var references = new Dictionary<string, IReadOnlyList<string>> { ["MRSNode.Unplanned"] = [ProjectGraph.Dicom] };

        var violations = DependencyChecker.CheckProjectReferences(references, ProjectGraph.AllowedReferences);

        Assert.Equal(["MRSNode.Unplanned has no row in the rules (ProjectGraph.AllowedReferences)"], violations);
    }

    [Fact]
    public void CheckAssemblyReferences_ThisAssemblyAsIfQuantification_NamesDicomAndService()
    {
        // This assembly's fixtures use MRSNode.Dicom and MRSNode.Service: its compiled references say so.
        var referenced = _fixtures.GetReferencedAssemblies().Select(a => a.Name!);
        var forbidden = ProjectGraph.Forbidden(ProjectGraph.Quantification, ProjectGraph.AllowedReferences, ProjectGraph.BannedBelow);

        var violations = DependencyChecker.CheckAssemblyReferences("MRSNode.Architecture.Tests", referenced, forbidden);

        Assert.Equal(
            [
                "MRSNode.Architecture.Tests references the assembly MRSNode.Dicom, which it may not",
                "MRSNode.Architecture.Tests references the assembly MRSNode.Service, which it may not",
            ],
            violations);
    }

    [Fact]
    public void CheckUsedTypes_FixtureUsingADicomTypeInASignature_NamesTheType()
    {
        var check = DependencyChecker.CheckUsedTypes(_fixtures, Assembly.Load(ProjectGraph.Dicom), FixtureNamespace);

        Assert.Equal(2, check.SubjectTypes);
        Assert.True(check.ForbiddenTypes > 20, $"{check.ForbiddenTypes} DICOM types to look for");
        Assert.Equal(["MRSNode.Architecture.Tests.Fixtures.BadDependencies.QuantifierThatReadsDicom uses types of MRSNode.Dicom"], check.Violations);
    }

    [Fact]
    public void CheckUsedTypes_FixtureUsingAServiceTypeInAMethodBody_NamesTheType()
    {
        var check = DependencyChecker.CheckUsedTypes(_fixtures, Assembly.Load(ProjectGraph.Service), FixtureNamespace);

        Assert.Equal(["MRSNode.Architecture.Tests.Fixtures.BadDependencies.QuantifierThatReadsDicom uses types of MRSNode.Service"], check.Violations);
    }

    [Fact]
    public void CheckUsedTypes_FixtureUsingNothingOfEvaluation_NoViolation()
    {
        var check = DependencyChecker.CheckUsedTypes(_fixtures, Assembly.Load(ProjectGraph.Evaluation), FixtureNamespace);

        Assert.Equal(2, check.SubjectTypes);
        Assert.Empty(check.Violations);
    }
}
