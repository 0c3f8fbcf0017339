using System.Globalization;
using System.Reflection;
using MRSNode.Quantification.Cuda.Tests;

namespace MRSNode.DeviceTestRunner;

/// <summary>
/// Runs the GPU tests (MRSNode.Quantification.Cuda.Tests) where there is no .NET SDK, hence no vstest: the
/// self-contained bundle from tools/cuda/device-bundle.sh carries this runner beside mrsnode. See docs/gpu.md.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: MRSNode.DeviceTestRunner [--filter SUBSTRING]... [--list] [--verbose] [--out DIR]
          --filter   run only tests whose Namespace.Class.Method contains SUBSTRING (repeat: any of them)
          --list     print the tests (theory rows expanded) and their skip reasons; run nothing
          --verbose  print what each test wrote to ITestOutputHelper (else only a failing test's)
          --out DIR  also write every line to DIR/results.txt as it is printed
        exit code: 0 all ran tests passed, 1 a test failed, 2 bad arguments or no test matched
        """;

    public static Task<int> Main(string[] args) => RunAsync(args, typeof(CudaFactAttribute).Assembly, Console.Out);

    /// <summary>The whole program over any test assembly (the runner's own tests point it at fixtures).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Assembly tests, TextWriter console)
    {
        if (!TryParse(args, out var options, out var error))
        {
            await console.WriteLineAsync(error is null ? Usage : $"error: {error}\n{Usage}");
            return error is null ? 0 : 2;
        }
        var cases = TestDiscovery.Discover(tests, options.Filters);
        if (cases.Count == 0)
        {
            // A mistyped filter on the device must not read as a green run.
            await console.WriteLineAsync($"error: no test in {tests.GetName().Name} matches {string.Join(" or ", options.Filters)}");
            return 2;
        }

        StreamWriter? file = null;
        if (options.OutDirectory is not null)
        {
            Directory.CreateDirectory(options.OutDirectory);
            // Flushed per line: a run killed by the device's time limit still leaves its results so far.
            file = new StreamWriter(Path.Combine(options.OutDirectory, "results.txt")) { AutoFlush = true };
        }
        await using (file)
        {
            return await RunCasesAsync(cases, tests, options, new Report(console, file));
        }
    }

    private static async Task<int> RunCasesAsync(List<TestCase> cases, Assembly tests, Options options, Report report)
    {
        if (options.List)
        {
            foreach (var c in cases)
            {
                await report.LineAsync(c.SkipReason is null ? c.DisplayName : $"{c.DisplayName}  [skip: {c.SkipReason}]");
            }
            await report.LineAsync($"{cases.Count} tests");
            return 0;
        }

        await report.LineAsync($"{tests.GetName().Name}: {cases.Count} tests");
        int passed = 0, failed = 0, skipped = 0;
        var total = TimeSpan.Zero;
        foreach (var c in cases)
        {
            var result = await TestExecutor.RunAsync(c);
            total += result.Elapsed;
            switch (result.Outcome)
            {
                case Outcome.Pass:
                    passed++;
                    await report.LineAsync($"PASS {c.DisplayName} ({Ms(result.Elapsed)})");
                    break;
                case Outcome.Fail:
                    failed++;
                    await report.LineAsync($"FAIL {c.DisplayName} ({Ms(result.Elapsed)})");
                    await report.IndentedAsync(result.Failure!);
                    break;
                default:
                    skipped++;
                    await report.LineAsync($"SKIP {c.DisplayName}: {c.SkipReason}");
                    break;
            }
            if (result.Output.Count > 0 && (options.Verbose || result.Outcome == Outcome.Fail))
            {
                await report.LineAsync("  output:");
                await report.IndentedAsync(string.Join('\n', result.Output));
            }
        }
        await report.LineAsync($"passed {passed}, failed {failed}, skipped {skipped} ({total.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
        return failed > 0 ? 1 : 0;
    }

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";

    private sealed record Options(List<string> Filters, bool List, bool Verbose, string? OutDirectory);

    /// <summary>False with error null for --help, with the message for a bad argument.</summary>
    private static bool TryParse(IReadOnlyList<string> args, out Options options, out string? error)
    {
        options = new Options([], false, false, null);
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            var takesValue = args[i] is "--filter" or "--out";
            if (takesValue && (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                error = $"{args[i]} needs a value";
                return false;
            }
            switch (args[i])
            {
                case "--filter":
                    options.Filters.Add(args[++i]);
                    break;
                case "--out":
                    options = options with { OutDirectory = args[++i] };
                    break;
                case "--list":
                    options = options with { List = true };
                    break;
                case "--verbose":
                    options = options with { Verbose = true };
                    break;
                case "--help" or "-h":
                    return false;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return false;
            }
        }
        return true;
    }

    /// <summary>Each line to the console and, with --out, to results.txt.</summary>
    private sealed class Report(TextWriter console, TextWriter? file)
    {
        public async Task LineAsync(string line)
        {
            await console.WriteLineAsync(line);
            if (file is not null)
            {
                await file.WriteLineAsync(line);
            }
        }

        public async Task IndentedAsync(string text)
        {
            foreach (var line in text.Split('\n'))
            {
                await LineAsync("    " + line.TrimEnd('\r'));
            }
        }
    }
}
