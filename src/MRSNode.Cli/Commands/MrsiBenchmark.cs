using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using MRSNode.Accelerators;
using MRSNode.Accelerators.BatchFit;
using MRSNode.Quantification;
using MRSNode.Quantification.Batch;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode bench mrsi`: an MRSI grid of simulated voxel spectra quantified by each batched engine, with the
/// single-spectrum fitter (<see cref="LcmQuantifier.Quantify"/> per voxel, all cores) timed on a sample of the same
/// voxels in the same run and extrapolated to the grid. The grid is fitted one slice at a time (results dropped after
/// their slice), as a node keeps memory bounded.
/// </summary>
internal static class MrsiBenchmark
{
    public static Command CreateCommand()
    {
        var basis = new Option<FileInfo>("--basis") { Description = "LCModel .BASIS file.", Required = true };
        var grids = new Option<string[]>("--grid") { Description = "Grid columns×rows×slices, e.g. 16x16x1 (repeatable).", DefaultValueFactory = _ => ["16x16x1"], AllowMultipleArgumentsPerToken = true };
        var engines = new Option<string[]>("--engine") { Description = "Batched engines: cpu, cpu-mrsi (the MRSI fit profile; compared with cpu's answers when both run), ilgpu-cpu (the GPU kernel on ILGPU's CPU accelerator: proves the kernel, slow; give it a small grid), cuda (repeatable).", DefaultValueFactory = _ => ["cpu"], AllowMultipleArgumentsPerToken = true };
        var points = new Option<int>("--points") { Description = "Points per voxel spectrum.", DefaultValueFactory = _ => 1024 };
        var width = new Option<double>("--spectral-width") { Description = "Spectral width, Hz.", DefaultValueFactory = _ => 2000 };
        var snr = new Option<double>("--snr") { Description = "Voxel SNR.", DefaultValueFactory = _ => 20 };
        var mrsiIterations = new Option<int>("--mrsi-max-iterations") { Description = "cpu-mrsi: each Levenberg–Marquardt run's iteration cap (FitOptions.MrsiMaxIterations).", DefaultValueFactory = _ => FitOptions.Default.MrsiMaxIterations };
        var threads = new Option<int?>("--threads") { Description = "Spectra the batched CPU engines fit at once (default: one per core); 1 profiles one fit at a time." };
        var sample = new Option<int>("--sample") { Description = "Voxels the single-spectrum fitter is timed on (extrapolated to the grid).", DefaultValueFactory = _ => 32 };
        var pipeline = new PipelineOptions();
        var lineshape = pipeline.Lineshape;
        var command = new Command("mrsi", "MRSI grid fit speed: batched engines on the whole grid, the single-spectrum fitter on a sample of it, same run.")
        {
            basis, grids, engines, points, width, snr, sample, threads, mrsiIterations, lineshape.Freedom, lineshape.ShiftSd, lineshape.DampingSd, lineshape.OwnNaa, pipeline.RatioPriors,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var set = LcModelBasisReader.Read(parse.GetValue(basis)!.FullName);
            var options = pipeline.Read(parse).Lcm;
            double level = parse.GetValue(snr);
            var simulator = new SpectrumSimulator(set, new SimulationParameters
            {
                Snr = new ValueRange(level, level),
                Points = parse.GetValue(points),
                SpectralWidthHz = parse.GetValue(width),
            });
            var inv = CultureInfo.InvariantCulture;
            var axis = simulator.Axis;
            Console.WriteLine($"# mrsnode bench mrsi — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine(string.Create(inv, $"basis {Path.GetFileName(parse.GetValue(basis)!.FullName)} resampled to {axis.Points} points over {axis.SpectralWidthHz:F0} Hz; SNR {level} simulated voxels; {LineshapeOptions.Describe(options.Fit)}; ratio priors {options.RatioPriors}"));
            Console.WriteLine();
            Console.WriteLine("| grid | voxels | engine | time | voxels/s | CPU time per voxel | vs single-spectrum fitter (time / CPU) |");
            Console.WriteLine("|---|---:|---|---:|---:|---:|---:|");
            var process = Process.GetCurrentProcess();
            LcmQuantifier.Quantify(Acquisition(simulator, 0, axis), null, set, options); // JIT and the one-off basis resampling
            foreach (var text in parse.GetValue(grids)!)
            {
                var grid = Grid.Parse(text);
                int sampled = Math.Min(parse.GetValue(sample), grid.Voxels);
                var answers = new Dictionary<string, double[][]>(StringComparer.Ordinal);
                var sw = Stopwatch.StartNew();
                var cpu = CpuSeconds(process);
                Parallel.For(0, sampled, i => LcmQuantifier.Quantify(Acquisition(simulator, i, axis), null, set, options));
                double single = sw.Elapsed.TotalSeconds / sampled * grid.Voxels;
                double singleCpu = (CpuSeconds(process) - cpu) / sampled;
                Console.WriteLine(string.Create(inv, $"| {grid} | {grid.Voxels} | single-spectrum fitter ({sampled} voxels, extrapolated) | {single:F1} s | {grid.Voxels / single:F1} | {singleCpu:F3} s | 1.0× / 1.0× |"));
                foreach (var engine in parse.GetValue(engines)!)
                {
                    using var quantifier = Engine(engine, parse.GetValue(threads));
                    if (quantifier.Quantifier is null)
                    {
                        Console.WriteLine($"| {grid} | {grid.Voxels} | {engine} | pending: {quantifier.Missing} | | |");
                        continue;
                    }
                    sw.Restart();
                    cpu = CpuSeconds(process);
                    var engineOptions = engine == "cpu-mrsi" ? options with { Fit = options.Fit with { Profile = FitProfile.Mrsi, MrsiMaxIterations = parse.GetValue(mrsiIterations) } } : options;
                    var (failed, ratios, iterations) = FitGrid(quantifier.Quantifier, simulator, grid, set, engineOptions);
                    answers[engine] = ratios;
                    double seconds = sw.Elapsed.TotalSeconds;
                    double perVoxelCpu = (CpuSeconds(process) - cpu) / grid.Voxels;
                    string note = failed > 0 ? $" ({failed} failed)" : "";
                    string name = (engine == "cpu-mrsi" ? "cpu, MRSI profile" : quantifier.Quantifier.Name) + string.Create(inv, $", {iterations:F1} LM iterations per voxel");
                    Console.WriteLine(string.Create(inv, $"| {grid} | {grid.Voxels} | {name}{note} | {seconds:F1} s | {grid.Voxels / seconds:F1} | {perVoxelCpu:F3} s | {single / seconds:F1}× / {singleCpu / perVoxelCpu:F1}× |"));
                }
                if (answers.TryGetValue("cpu", out var full) && answers.TryGetValue("cpu-mrsi", out var profiled))
                {
                    Console.WriteLine();
                    Console.WriteLine(string.Create(inv, $"{grid}: MRSI profile against the full fit, same voxels — {ProfileAccuracy.Describe(full, profiled, RatioNames)}"));
                    Console.WriteLine();
                }
            }
            Console.WriteLine();
            process.Refresh();
            Console.WriteLine(string.Create(inv, $"working set (RSS): {Environment.WorkingSet / 1048576} MiB at the end, {process.PeakWorkingSet64 / 1048576} MiB peak"));
            return 0;
        }));
        return command;
    }

    /// <summary>The process's CPU time: on a machine other jobs load, wall time says little, CPU time per voxel a lot more.</summary>
    private static double CpuSeconds(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The ratios to tCr the profile's accuracy is stated on.</summary>
    private static readonly string[] RatioNames = ["tNAA", "tCho", "Ins", "Glx"];

    /// <summary>Fits the grid slice by slice; returns the voxels whose fit failed and each voxel's <see cref="RatioNames"/> (NaN: none).</summary>
    private static (int Failed, double[][] Ratios, double MeanIterations) FitGrid(IBatchQuantifier quantifier, SpectrumSimulator simulator, Grid grid, BasisSet set, LcmOptions options)
    {
        int perSlice = grid.Columns * grid.Rows, failed = 0;
        var ratios = new double[grid.Voxels][];
        long iterations = 0;
        for (int slice = 0; slice < grid.Slices; slice++)
        {
            var fids = new Complex[perSlice][];
            Parallel.For(0, perSlice, i => fids[i] = LcmQuantifier.Combine(Acquisition(simulator, slice * perSlice + i, simulator.Axis)));
            var results = quantifier.Quantify(new BatchQuantificationRequest(simulator.Axis, fids, set, 30, options));
            failed += results.Count(r => r is null);
            iterations += results.Sum(r => r?.Iterations ?? 0);
            for (int i = 0; i < perSlice; i++)
            {
                ratios[slice * perSlice + i] = [.. RatioNames.Select(n => results[i]?.Find(n)?.RatioToTCr ?? double.NaN)];
            }
        }
        return (failed, ratios, (double)iterations / Math.Max(1, grid.Voxels - failed));
    }

    /// <summary>Voxel <paramref name="index"/>'s spectrum: its own seed, so every engine and the single fitter see the same one.</summary>
    private static MrsAcquisition Acquisition(SpectrumSimulator simulator, int index, SpectralAxis axis)
    {
        var acquisition = simulator.SimulateOne(index, 1000 + index).Acquisition;
        return acquisition.Axis == axis ? acquisition : throw new InvalidOperationException("The simulator's axis changed.");
    }

    private static EngineHandle Engine(string name, int? threads) => name switch
    {
        "cpu" or "cpu-mrsi" => new EngineHandle(new CpuBatchQuantifier(threads), null, null),
        "ilgpu-cpu" => IlgpuEngine(AcceleratorSession.CreateCpu()),
        "cuda" => new EngineHandle(null, null, "no CUDA accelerator in this build"),
        _ => throw new ArgumentException($"Unknown engine '{name}' (cpu, cpu-mrsi, ilgpu-cpu, cuda).", nameof(name)),
    };

    private static EngineHandle IlgpuEngine(AcceleratorSession session) => new(new IlgpuBatchQuantifier(session), session, null);

    /// <summary>An engine and what it holds (an accelerator session), or why it is not available.</summary>
    private sealed record EngineHandle(IBatchQuantifier? Quantifier, IDisposable? Owned, string? Missing) : IDisposable
    {
        public void Dispose() => Owned?.Dispose();
    }

    private readonly record struct Grid(int Columns, int Rows, int Slices)
    {
        public int Voxels => Columns * Rows * Slices;

        public static Grid Parse(string text)
        {
            var parts = text.Split('x', 'X', '×');
            if (parts.Length is < 2 or > 3 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0))
            {
                throw new ArgumentException($"--grid '{text}': expected columns x rows [x slices], e.g. 16x16x1.", nameof(text));
            }
            var v = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            return new Grid(v[0], v[1], v.Length == 3 ? v[2] : 1);
        }

        public override string ToString() => $"{Columns}×{Rows}×{Slices}";
    }
}
