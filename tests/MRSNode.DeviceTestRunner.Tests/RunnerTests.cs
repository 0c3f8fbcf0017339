using System.Reflection;
using MRSNode.DeviceTestRunner.Fixtures;
using MRSNode.DeviceTestRunner.RefusedFixtures;
using MRSNode.Quantification.Cuda.Tests;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.DeviceTestRunner.Tests;

/// <summary>The runner over the fixture tests, whose outcomes are known, and over the real GPU tests.</summary>
[UnitTest]
public class RunnerTests
{
    /// <summary>Targets only the fixtures (their namespace); the real runner's default is the Cuda test assembly.</summary>
    private const string Fixtures = "MRSNode.DeviceTestRunner.Fixtures.";

    private static readonly Assembly _fixtureAssembly = typeof(SampleTests).Assembly;

    private static async Task<(int Code, string[] Lines)> Run(Assembly assembly, params string[] args)
    {
        using var console = new StringWriter();
        var code = await Program.RunAsync(args, assembly, console);
        return (code, console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static Task<(int Code, string[] Lines)> RunFixtures(params string[] args) => Run(_fixtureAssembly, args);

    [Fact]
    public void Discover_FixtureNamespace_ExpandsTheoryRowsAndKeepsASkippedTheoryWhole()
    {
        var cases = TestDiscovery.Discover(_fixtureAssembly, [Fixtures]);

        Assert.Equal(15, cases.Count);
        Assert.Equal(
            [
                "SampleTests.Add_Row_GivesTheSum(1, 2, 3)",
                "SampleTests.Add_Row_GivesTheSum(2, 3, 5)",
                "SampleTests.Add_Row_GivesTheSum(-1, 1, 0)",
            ],
            cases.Where(c => c.Method.Name == "Add_Row_GivesTheSum").Select(c => c.DisplayName));
        Assert.Equal(["SampleTests.Length_Word_IsItsLength(\"a\", 1)", "SampleTests.Length_Word_IsItsLength(\"abc\", 3)"],
            cases.Where(c => c.Method.Name == "Length_Word_IsItsLength").Select(c => c.DisplayName));
        Assert.Equal(["SampleTests.Square_Row_IsTheProduct(2, 4)", "SampleTests.Square_Row_IsTheProduct(3, 9)"],
            cases.Where(c => c.Method.Name == "Square_Row_IsTheProduct").Select(c => c.DisplayName));
        var skippedTheory = Assert.Single(cases, c => c.Method.Name == "SkippedTheory_AnyRow_NeverRuns");
        Assert.Equal("whole theory skipped", skippedTheory.SkipReason);
        Assert.Equal(2, cases.Count(c => c.SkipReason is not null));
    }

    [Fact]
    public async Task Run_FixtureNamespace_CountsEveryOutcomeAndExitsOne()
    {
        var (code, lines) = await RunFixtures("--filter", Fixtures);

        Assert.Equal(1, code);
        Assert.Equal("MRSNode.DeviceTestRunner.Fixtures: 15 tests", lines[0]);
        Assert.Equal(10, lines.Count(l => l.StartsWith("PASS ", StringComparison.Ordinal)));
        Assert.Equal(
            ["FAIL OutputTests.Write_ThenFail", "FAIL SampleTests.Compare_OneAndTwo_FailsOnPurpose", "FAIL SampleTests.Throw_AfterAnAwait_FailsOnPurpose"],
            lines.Where(l => l.StartsWith("FAIL ", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(" (", StringComparison.Ordinal)]).Order());
        Assert.Equal(2, lines.Count(l => l.StartsWith("SKIP ", StringComparison.Ordinal)));
        Assert.StartsWith("passed 10, failed 3, skipped 2 (", lines[^1]);
    }

    [Fact]
    public async Task Run_FilterOnPassingTheory_RunsOnlyItsRowsAndExitsZero()
    {
        var (code, lines) = await RunFixtures("--filter", "SampleTests.Add_Row");

        Assert.Equal(0, code);
        Assert.Equal(
            [
                "PASS SampleTests.Add_Row_GivesTheSum(1, 2, 3)",
                "PASS SampleTests.Add_Row_GivesTheSum(2, 3, 5)",
                "PASS SampleTests.Add_Row_GivesTheSum(-1, 1, 0)",
            ],
            lines[1..^1].Select(l => l[..l.LastIndexOf(" (", StringComparison.Ordinal)]));
        Assert.Matches(@"^PASS SampleTests\.Add_Row_GivesTheSum\(1, 2, 3\) \(\d+ ms\)$", lines[1]);
        Assert.StartsWith("passed 3, failed 0, skipped 0 (", lines[^1]);
    }

    [Fact]
    public async Task Run_SkippedFact_ReportsSkipWithItsReason()
    {
        var (code, lines) = await RunFixtures("--filter", "Skipped");

        Assert.Equal(0, code);
        Assert.Contains("SKIP SampleTests.Skipped_Always_NeverRuns: skipped on purpose", lines);
        Assert.Contains("SKIP SampleTests.SkippedTheory_AnyRow_NeverRuns: whole theory skipped", lines);
        Assert.StartsWith("passed 0, failed 0, skipped 2 (", lines[^1]);
    }

    [Fact]
    public async Task Run_AsyncFailure_ReportsTheThrownExceptionNotAReflectionWrapper()
    {
        var (code, lines) = await RunFixtures("--filter", "Throw_AfterAnAwait");

        Assert.Equal(1, code);
        Assert.StartsWith("FAIL SampleTests.Throw_AfterAnAwait_FailsOnPurpose (", lines[1]);
        Assert.Equal("    System.InvalidOperationException: thrown after an await", lines[2]);
        Assert.DoesNotContain(lines, l => l.Contains("TargetInvocationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_FailingTestWithOutput_PrintsItsBufferedLinesAndDisposes()
    {
        var (_, lines) = await RunFixtures("--filter", "OutputTests.");

        var failure = Array.FindIndex(lines, l => l.StartsWith("FAIL OutputTests.Write_ThenFail", StringComparison.Ordinal));
        var output = Array.IndexOf(lines, "  output:", failure);
        Assert.True(output > failure);
        Assert.Equal(["    written by a failing test", "    disposed"], lines[(output + 1)..(output + 3)]);
        Assert.DoesNotContain("    written by a passing test", lines);
    }

    [Fact]
    public async Task Run_Verbose_PrintsAPassingTestsOutputToo()
    {
        var (code, lines) = await RunFixtures("--filter", "Write_ThenPass", "--verbose");

        Assert.Equal(0, code);
        Assert.Equal(["  output:", "    written by a passing test", "    disposed"], lines[2..5]);
    }

    [Fact]
    public async Task Run_List_PrintsEveryCaseAndRunsNothing()
    {
        var (code, lines) = await RunFixtures("--list", "--filter", "SampleTests.S");

        Assert.Equal(0, code);
        Assert.Equal(
            [
                "SampleTests.Sum_TwoAndTwo_IsFour",
                "SampleTests.Skipped_Always_NeverRuns  [skip: skipped on purpose]",
                "SampleTests.SkippedTheory_AnyRow_NeverRuns  [skip: whole theory skipped]",
                "SampleTests.Square_Row_IsTheProduct(2, 4)",
                "SampleTests.Square_Row_IsTheProduct(3, 9)",
                "5 tests",
            ],
            lines);
    }

    [Fact]
    public async Task Run_OutDirectory_WritesTheSameLinesToResultsTxt()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mrsnode-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (code, lines) = await RunFixtures("--filter", "SampleTests.", "--out", dir);

            Assert.Equal(1, code);
            Assert.Equal(lines, await File.ReadAllLinesAsync(Path.Combine(dir, "results.txt")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--filter")]
    [InlineData("--out", "--verbose")]
    public async Task Run_BadArguments_ExitsTwoWithTheUsage(params string[] args)
    {
        var (code, lines) = await RunFixtures(args);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", lines[0]);
        Assert.StartsWith("usage: MRSNode.DeviceTestRunner", lines[1].Trim());
    }

    [Fact]
    public async Task Run_AttributeConstructorThrows_FailsTheTestWithTheReason()
    {
        var (code, lines) = await RunFixtures("--filter", "RefusedFixtures.");

        Assert.Equal(1, code);
        Assert.StartsWith("FAIL RefusedTests.Gpu_Demanded_FailsWithTheReason (", lines[1]);
        Assert.Contains(lines, l => l.Trim() == $"InvalidOperationException: {RefusingFactAttribute.Reason}");
        Assert.StartsWith("passed 0, failed 1, skipped 0 (", lines[^1]);
    }

    [Fact]
    public async Task Run_FilterMatchingNothing_ExitsTwoRatherThanPassing()
    {
        var (code, lines) = await RunFixtures("--filter", "Parrity");

        Assert.Equal(2, code);
        Assert.Equal("error: no test in MRSNode.DeviceTestRunner.Fixtures matches Parrity", Assert.Single(lines));
    }

    /// <summary>
    /// The real GPU test assembly on a machine without a GPU (CI, this development machine): every CudaFact and
    /// CudaTheory is reported SKIP with the probe's reason and nothing fails. On a GPU machine it would run them.
    /// </summary>
    [NoCudaFact]
    public async Task Run_CudaTestsWithoutGpu_SkipsEveryGpuTestWithTheProbeReason()
    {
        var cudaTests = typeof(CudaFactAttribute).Assembly;
        var gpuTests = cudaTests.GetExportedTypes()
            .SelectMany(t => t.GetMethods().Where(m => m.IsDefined(typeof(CudaFactAttribute)) || m.IsDefined(typeof(CudaTheoryAttribute)))
                .Select(m => $"{t.Name}.{m.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var (code, lines) = await Run(cudaTests);

        Assert.Equal(0, code);
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL ", StringComparison.Ordinal));
        var skippedForGpu = lines
            .Where(l => l.StartsWith("SKIP ", StringComparison.Ordinal) && l.Contains(": needs a CUDA GPU", StringComparison.Ordinal))
            .Select(l => l["SKIP ".Length..l.IndexOf(": ", StringComparison.Ordinal)])
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(gpuTests.Count >= 17, $"only {gpuTests.Count} GPU tests found");
        Assert.Equal(gpuTests, skippedForGpu);
        Assert.Matches(@"^passed \d+, failed 0, skipped \d+ \(", lines[^1]);
    }
}
