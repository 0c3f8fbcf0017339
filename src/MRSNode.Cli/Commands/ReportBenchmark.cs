using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MRSNode.Neural.Backend;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode bench report FILE`: time to make and write every output of one study (results.json, SR, PDF,
/// Encapsulated PDF, capture) once its quantification is done — the reports issue's 300 ms budget.
/// </summary>
internal static class ReportBenchmark
{
    public static Command CreateCommand(IComputeBackendFactory backends)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An MRS input the node can quantify (e.g. tests/data/dicom/siemens-csa-svs30.ima)." }.FilesOnly();
        var count = new Option<int>("--count") { Description = "Repetitions timed.", DefaultValueFactory = _ => 30 };
        var command = new Command("report", "Report speed: all outputs of one quantified study, rendered and written.") { file, count };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var settings = new PipelineSettings { Method = MethodSelection.Lcm };
            var request = settings.Request([parse.GetValue(file)!.FullName]);
            QuantificationOutcome outcome;
            using (var composed = new PipelineComposer(backends).Compose(settings))
            {
                outcome = composed.Run(request);
            }
            var folder = Directory.CreateTempSubdirectory("mrsnode-bench-report-").FullName;
            try
            {
                var sw = Stopwatch.StartNew();
                var written = OutputWriter.Write(outcome, request, folder); // first: JIT, font parsing
                var first = sw.Elapsed.TotalMilliseconds;
                var n = parse.GetValue(count);
                var total = new List<double>();
                var render = new List<double>();
                for (var i = 0; i < n; i++)
                {
                    sw.Restart();
                    var outputs = OutputWriter.Render(outcome, request);
                    render.Add(sw.Elapsed.TotalMilliseconds);
                    OutputWriter.Save(outputs, folder);
                    total.Add(sw.Elapsed.TotalMilliseconds);
                }
                total.Sort();
                render.Sort();
                // Peer in the same run: poppler rasterising our PDF at the capture's resolution (2 px/pt = 144 dpi)
                // against our rasteriser drawing the same page.
                var document = new ReportDocument(outcome.Report, Reporting.Dicom.SourceIdentity.FromProvenance(null, null, null, []), outcome.Primary.Spectra);
                var ours = Median(n, () => ReportCapture.Render(document));
                var pdfPath = written.First(w => w.EndsWith(".pdf", StringComparison.Ordinal));
                double? poppler = PeerAvailable("pdftoppm") ? Median(Math.Min(n, 10), () => RunPeer("pdftoppm", $"-r 144 -singlefile \"{pdfPath}\" \"{Path.Combine(folder, "poppler")}\"")) : null;
                var inv = CultureInfo.InvariantCulture;
                Console.WriteLine($"# mrsnode bench report — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
                Console.WriteLine($"input {Path.GetFileName(request.MetaboliteFiles[0])}; outputs: {string.Join(", ", written.Select(w => $"{Path.GetFileName(w)} ({new FileInfo(w).Length / 1024.0:F0} KiB)"))}");
                Console.WriteLine();
                Console.WriteLine("| measurement | ms |");
                Console.WriteLine("|---|---:|");
                Console.WriteLine(string.Create(inv, $"| first study (JIT, fonts) | {first:F0} |"));
                Console.WriteLine(string.Create(inv, $"| render all outputs: median of {n} | {render[n / 2]:F1} |"));
                Console.WriteLine(string.Create(inv, $"| render + write all outputs: median of {n} | {total[n / 2]:F1} |"));
                Console.WriteLine(string.Create(inv, $"| render + write all outputs: 90th percentile | {total[(int)(n * 0.9)]:F1} |"));
                Console.WriteLine(string.Create(inv, $"| capture page rasterised by MRSNode (1191×1684): median | {ours:F1} |"));
                if (poppler is { } p)
                {
                    Console.WriteLine(string.Create(inv, $"| same page by poppler `pdftoppm -r 144` (process included): median | {p:F1} |"));
                    Console.WriteLine(string.Create(inv, $"| ratio poppler / MRSNode | {p / ours:F1}× |"));
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
            return 0;
        }));
        return command;
    }

    private static double Median(int n, Action action)
    {
        var times = new List<double>();
        for (var i = 0; i < n; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static bool PeerAvailable(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));

    private static void RunPeer(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
    }
}
