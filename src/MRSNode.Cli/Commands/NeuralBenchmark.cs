using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MRSNode.Neural.Backend;
using MRSNode.Quantification;
using MRSNode.Quantification.Neural.Input;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode bench neural`: inference time of one spectrum on one thread (median): reading onto the model grid, the
/// network, and for QNet the least-squares layer. Without --model a freshly initialised full-size model is timed (the
/// weights do not change the time).
/// </summary>
internal static class NeuralBenchmark
{
    public static Command CreateCommand()
    {
        var basis = new Option<FileInfo>("--basis") { Description = "LCModel .BASIS file.", Required = true };
        var modelDir = new Option<DirectoryInfo?>("--model") { Description = "A trained model folder (model.json + model.safetensors)." };
        var kind = new Option<string>("--kind") { Description = "qnet or cnn (without --model).", DefaultValueFactory = _ => "qnet" };
        var count = new Option<int>("--count") { Description = "Spectra timed.", DefaultValueFactory = _ => 100 };
        var command = new Command("neural", "Neural inference speed: one spectrum on one thread (input, network, least-squares layer).") { basis, modelDir, kind, count };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var set = LcModelBasisReader.Read(parse.GetValue(basis)!.FullName);
            var backend = new CpuBackend(1);
            var model = parse.GetValue(modelDir) is { } dir
                ? ModelDirectory.Load(dir.FullName, set, backend).Model
                : NeuralModelFactory.Create(parse.GetValue(kind)!, set, backend, new NetworkSpec(), 1, new SimulationParameters());
            int n = parse.GetValue(count);
            var spectra = new SpectrumSimulator(set, new SimulationParameters { Snr = new ValueRange(30, 30) }).Simulate(n, 42);
            var fids = spectra.Select(s => LcmQuantifier.Combine(s.Acquisition)).ToList();
            var input = new List<double>();
            var total = new List<double>();
            var physics = new List<double>();
            var sw = new Stopwatch();
            for (int i = -5; i < n; i++) // 5 warm-up rounds (JIT)
            {
                var s = spectra[Math.Max(i, 0)];
                sw.Restart();
                var x = SpectrumInput.FromFid(fids[Math.Max(i, 0)], s.Acquisition.Axis, model.Basis.Grid);
                double tInput = sw.Elapsed.TotalMilliseconds;
                var prediction = model.Predict([x])[0];
                double tAll = sw.Elapsed.TotalMilliseconds;
                double tPhysics = 0;
                if (model is QNetModel q && prediction.Theta is { } theta)
                {
                    sw.Restart();
                    q.Physics.Solve(theta, x.Window);
                    tPhysics = sw.Elapsed.TotalMilliseconds;
                }
                if (i >= 0)
                {
                    input.Add(tInput);
                    total.Add(tAll);
                    physics.Add(tPhysics);
                }
            }
            static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine($"# mrsnode bench neural — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, one thread of {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine(string.Create(inv, $"{model.Kind} model, {model.Network.Parameters().Sum(p => p.Value.Length)} parameters, {model.Names.Count} basis entries, input {model.Basis.Grid.Count} bins; {spectra[0].Acquisition.Points}-point spectra"));
            Console.WriteLine();
            Console.WriteLine("| step (median of " + n + ") | ms |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine(string.Create(inv, $"| input: resample onto the model grid, FFT, window, normalise | {Median(input):F2} |"));
            Console.WriteLine(string.Create(inv, $"| least-squares layer alone (QNet) | {Median(physics):F2} |"));
            Console.WriteLine(string.Create(inv, $"| total: input + network + least-squares | {Median(total):F2} |"));
            return 0;
        }));
        return command;
    }
}
