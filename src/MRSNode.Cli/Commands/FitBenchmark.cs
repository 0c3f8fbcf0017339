using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MRSNode.Quantification;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode bench fit`: time of one single-voxel LCM fit on one core (median over simulated spectra), and
/// a 16×16 MRSI slice fitted with every core.
/// </summary>
internal static class FitBenchmark
{
    public static Command CreateCommand()
    {
        var basis = new Option<FileInfo>("--basis") { Description = "LCModel .BASIS file.", Required = true };
        var count = new Option<int>("--count") { Description = "Single-voxel fits timed.", DefaultValueFactory = _ => 30 };
        var grid = new Option<int>("--grid") { Description = "MRSI slice size (grid × grid voxels).", DefaultValueFactory = _ => 16 };
        var points = new Option<int>("--points") { Description = "Points per spectrum.", DefaultValueFactory = _ => 2048 };
        var pipeline = new PipelineOptions();
        var lineshape = pipeline.Lineshape;
        var command = new Command("fit", "LCM fit speed: median single-voxel time on one core; an MRSI slice on all cores.") { basis, count, grid, points, lineshape.Freedom, lineshape.ShiftSd, lineshape.DampingSd, lineshape.OwnNaa, pipeline.RatioPriors };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var set = LcModelBasisReader.Read(parse.GetValue(basis)!.FullName);
            int n = parse.GetValue(count), g = parse.GetValue(grid);
            var options = pipeline.Read(parse).Lcm;
            var simulator = new SpectrumSimulator(set, new SimulationParameters { Snr = new ValueRange(30, 30), Points = parse.GetValue(points) });
            var spectra = simulator.Simulate(Math.Max(n, g * g), 42);
            var inv = CultureInfo.InvariantCulture;

            var sw = Stopwatch.StartNew();
            BasisResampler.Resample(set, spectra[0].Acquisition.Axis);
            double resampleFirstSeconds = sw.Elapsed.TotalSeconds;
            sw.Restart();
            BasisResampler.Resample(set, spectra[0].Acquisition.Axis);
            double resampleSeconds = sw.Elapsed.TotalSeconds;

            sw.Restart();
            LcmQuantifier.Quantify(spectra[0].Acquisition, null, set, options); // warm-up: JIT and the one-off basis resampling
            double firstSeconds = sw.Elapsed.TotalSeconds;
            var times = new List<double>();
            var iterations = new List<int>();
            var evaluations = new List<int>();
            for (int i = 1; i <= n; i++)
            {
                sw.Restart();
                var fit = LcmQuantifier.Quantify(spectra[i % spectra.Count].Acquisition, null, set, options).Fit;
                times.Add(sw.Elapsed.TotalSeconds);
                iterations.Add(fit.Iterations);
                evaluations.Add(fit.ModelEvaluations);
            }
            times.Sort();
            iterations.Sort();
            evaluations.Sort();
            double median = times[times.Count / 2], p90 = times[(int)(times.Count * 0.9)];

            sw.Restart();
            Parallel.For(0, g * g, i => LcmQuantifier.Quantify(spectra[i].Acquisition, null, set, options));
            double slice = sw.Elapsed.TotalSeconds;

            Console.WriteLine($"# mrsnode bench fit — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine(string.Create(inv, $"basis {Path.GetFileName(parse.GetValue(basis)!.FullName)}, {spectra[0].Acquisition.Points} points, SNR 30 simulated spectra; {LineshapeOptions.Describe(options.Fit)}; ratio priors {options.RatioPriors}"));
            Console.WriteLine();
            Console.WriteLine("| measurement | value |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine(string.Create(inv, $"| basis resampling onto the data's axis: first (JIT) / again | {resampleFirstSeconds:F3} / {resampleSeconds:F3} s |"));
            Console.WriteLine(string.Create(inv, $"| first fit (JIT + basis resampling) | {firstSeconds:F2} s |"));
            Console.WriteLine(string.Create(inv, $"| single-voxel fit, one core: median of {n} | {median:F3} s |"));
            Console.WriteLine(string.Create(inv, $"| single-voxel fit, one core: 90th percentile | {p90:F3} s |"));
            Console.WriteLine(string.Create(inv, $"| iterations / model evaluations per fit: median | {iterations[n / 2]} / {evaluations[n / 2]} |"));
            Console.WriteLine(string.Create(inv, $"| {g}×{g} MRSI slice, {Environment.ProcessorCount} cores | {slice:F1} s ({g * g / slice:F1} voxels/s) |"));
            return 0;
        }));
        return command;
    }
}
