using System.Reflection;
using MRSNode.Architecture.Tests.Rules;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Architecture.Tests;

/// <summary>
/// The project graph's rules on the real code: Dicom knows nothing above it, Quantification (and Neural, Evaluation,
/// Cuda) use no DICOM type, nothing but the CLI uses Service, Cli or Evaluation. Checked on the project files, the
/// compiled assemblies' references and the types each assembly's code uses.
/// </summary>
[UnitTest]
public class DependencyRulesTests
{
    public static TheoryData<string> Projects() => [.. ProjectGraph.AllowedReferences.Keys.Order(StringComparer.Ordinal)];

    private static Assembly Load(string project) => Assembly.Load(ProjectGraph.AssemblyName(project));

    [Fact]
    public void ProjectFiles_EveryProjectUnderSrc_HasARowAndReferencesOnlyWhatItMay()
    {
        var references = ProjectFiles.References(Path.Combine(TestData.RepositoryRoot, "src"));

        Assert.Equal(ProjectGraph.AllowedReferences.Keys.Order(StringComparer.Ordinal), references.Keys.Order(StringComparer.Ordinal));
        Violations.AssertNone(DependencyChecker.CheckProjectReferences(references, ProjectGraph.AllowedReferences));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void CompiledAssembly_Project_ReferencesNoForbiddenAssembly(string project)
    {
        var forbidden = ProjectGraph.Forbidden(project, ProjectGraph.AllowedReferences, ProjectGraph.BannedBelow).Select(ProjectGraph.AssemblyName);
        var referenced = Load(project).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains(referenced, r => r.StartsWith("System", StringComparison.Ordinal)); // read, not an empty list
        Violations.AssertNone(DependencyChecker.CheckAssemblyReferences(project, referenced, forbidden));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void UsedTypes_Project_NoneFromAForbiddenAssembly(string project)
    {
        var forbidden = ProjectGraph.Forbidden(project, ProjectGraph.AllowedReferences, ProjectGraph.BannedBelow);
        var subject = Load(project);

        foreach (var f in forbidden)
        {
            var check = DependencyChecker.CheckUsedTypes(subject, Load(f));
            Assert.True(check.SubjectTypes > 0, $"{project}: no type to check");
            Assert.True(check.ForbiddenTypes > 0, $"{f}: no type to look for");
            Violations.AssertNone(check.Violations);
        }
    }
}
