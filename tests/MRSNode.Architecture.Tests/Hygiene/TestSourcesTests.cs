using System.Text.RegularExpressions;
using MRSNode.Architecture.Tests.Fixtures;
using MRSNode.Architecture.Tests.Rules;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Architecture.Tests.Hygiene;

/// <summary>
/// House rules for tests, checked on the test projects' sources: a Category on every test class (for the fast
/// filter), seeded randomness, and peer programs started only through TestSupport's Peers (so none can pass
/// silently without its peer).
/// </summary>
[UnitTest]
public partial class TestSourcesTests
{
    private static readonly string _tests = Path.Combine(TestData.RepositoryRoot, "tests");

    private static IEnumerable<(string File, string Text)> Sources() =>
        TestSources.Files(_tests).Select(f => (Path.GetRelativePath(TestData.RepositoryRoot, f), File.ReadAllText(f)));

    [Fact]
    public void TestClasses_EveryTestProject_EachNamesItsCategory()
    {
        var classes = Sources().SelectMany(s => TestSources.TestClasses(s.File, s.Text)).ToList();

        Assert.True(classes.Count > 100, $"found only {classes.Count} test classes");
        Violations.AssertNone([.. classes.Where(c => !c.HasCategory).Select(c => $"{c.File}: {c.Name} has no [UnitTest], [InteropTest], [SlowTest] or [GpuTest]")]);
    }

    [Fact]
    public void Sources_EveryTestProject_NoUnseededRandom() =>
        Violations.AssertNone([.. Sources().SelectMany(s => TestSources.LinesMatching(s.File, s.Text, UnseededRandom()))]);

    [Fact]
    public void Sources_EveryTestProject_StartNoProcessButThroughPeers() =>
        Violations.AssertNone([.. Sources().SelectMany(s => TestSources.LinesMatching(s.File, s.Text, ProcessStart()))]);

    [Fact]
    public void TestClasses_SampleSource_FindsEachClassWithTestsAndItsCategory()
    {
        var classes = TestSources.TestClasses("Sample.cs", HygieneSamples.TestClasses);

        Assert.Equal([new TestClass("Sample.cs", "Categorised", true), new TestClass("Sample.cs", "Uncategorised", false)], classes);
    }

    [Theory]
    [MemberData(nameof(HygieneSamples.RandomLines), MemberType = typeof(HygieneSamples))]
    public void UnseededRandom_Line_MatchesOnlyWithoutASeed(string line, bool matches) => Assert.Equal(matches, UnseededRandom().IsMatch(line));

    [Theory]
    [MemberData(nameof(HygieneSamples.ProcessLines), MemberType = typeof(HygieneSamples))]
    public void ProcessStart_Line_MatchesDirectStartsOnly(string line, bool matches) => Assert.Equal(matches, ProcessStart().IsMatch(line));

    [Fact]
    public void Files_TestProjects_SkipFixturesAndNonTestProjects()
    {
        var files = TestSources.Files(_tests).Select(f => Path.GetRelativePath(_tests, f)).ToList();

        Assert.Contains(Path.Combine("MRSNode.Architecture.Tests", "Hygiene", "TestSourcesTests.cs"), files);
        Assert.DoesNotContain(Path.Combine("MRSNode.Architecture.Tests", "Fixtures", "HygieneSamples.cs"), files);
        Assert.DoesNotContain(files, f => f.StartsWith("MRSNode.TestSupport", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"new Random\(\s*\)|Random\.Shared")]
    private static partial Regex UnseededRandom();

    [GeneratedRegex(@"Process\.Start\(|\bProcessStartInfo\b")]
    private static partial Regex ProcessStart();
}
