using System.CommandLine;
using System.Globalization;
using MRSNode.Evaluation.Training;
using MRSNode.Neural.Backend;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Spectroscopy;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode train`: train a neural model on spectra simulated from a basis set; writes DIR/model.safetensors, model.json, validation.md.</summary>
internal static class TrainCommand
{
    public static Command Create(IComputeBackendFactory backends)
    {
        var model = new Option<string>("--model") { Description = "qnet (CNN → imperfections → least-squares layer) or cnn (Hatami-style direct regression).", DefaultValueFactory = _ => "qnet" };
        model.AcceptOnlyFromAmong("qnet", "cnn");
        var basis = new Option<FileInfo>("--basis") { Description = "LCModel .BASIS file to simulate from (the model is tied to it).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Model folder (e.g. config/models/qnet-press3T-30ms); a checkpoint there is resumed.", Required = true };
        var samples = new Option<int>("--samples") { Description = "Training spectra.", DefaultValueFactory = _ => 20000 };
        var validation = new Option<int>("--validation") { Description = "Validation spectra (seed + 1).", DefaultValueFactory = _ => 500 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training set.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulation, initial weights and shuffling.", DefaultValueFactory = _ => 2016 };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 32 };
        var rate = new Option<float>("--lr") { Description = "Peak learning rate (AdamW, warm-up then cosine).", DefaultValueFactory = _ => 1e-3f };
        var channels = new Option<int>("--channels") { Description = "Convolution channels of the first stage.", DefaultValueFactory = _ => 32 };
        var hidden = new Option<int>("--hidden") { Description = "Width of the fully connected layer.", DefaultValueFactory = _ => 256 };
        var device = new Option<string>("--device") { Description = "cpu, cuda, or auto (the GPU when usable, else the CPU with one line saying why).", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong([.. ComputeDevices.Names]);
        var threads = new Option<int>("--threads") { Description = "CPU threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var protocol = new Option<string>("--protocol") { Description = "Simulation ranges: default (healthy-adult amplitudes, clinical imperfections) or hatami (Hatami 2018: amplitudes U[0,1], ±10 Hz).", DefaultValueFactory = _ => "default" };
        var restart = new Option<bool>("--restart") { Description = "Start from scratch even if the folder holds a checkpoint." };
        var te = InfoCommand.EchoTime();
        var command = new Command("train", "Train a neural quantification model on simulated spectra (progress, checkpoints, validation report).")
        {
            model, basis, output, samples, validation, epochs, seed, batch, rate, channels, hidden, device, threads, protocol, restart, te,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var basisPath = parse.GetValue(basis)!.FullName;
            var (echoTime, sequence) = Acquisition(basisPath);
            var settings = new TrainingRunSettings
            {
                Kind = parse.GetValue(model)!,
                BasisPath = basisPath,
                OutputDirectory = parse.GetValue(output)!.FullName,
                Samples = parse.GetValue(samples),
                ValidationSamples = parse.GetValue(validation),
                Epochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(rate),
                Network = new NetworkSpec(parse.GetValue(channels), parse.GetValue(hidden)),
                Device = ComputeDevices.Parse(parse.GetValue(device)!),
                Threads = parse.GetValue(threads),
                EchoTimeMs = parse.GetValue(te) ?? echoTime,
                Sequence = sequence,
                Restart = parse.GetValue(restart),
                Protocol = parse.GetValue(protocol)!,
            };
            var display = new TrainingProgressDisplay();
            var (card, outcome) = TrainingRun.Execute(settings, backends, new SynchronousProgress<string>(s => Console.Error.WriteLine(s)), new SynchronousProgress<TrainingProgress>(display.Show));
            TrainingProgressDisplay.Finish();
            Console.Write(TrainingRun.ValidationMarkdown(card));
            Console.WriteLine(FormattableString.Invariant($"\nwrote {settings.OutputDirectory} ({outcome.Steps} steps, {outcome.SamplesPerSecond:F0} samples/s)"));
            return 0;
        }));
        return command;
    }

    /// <summary>Echo time and sequence of the basis file from the manifest beside it, when it is listed there.</summary>
    private static (double? EchoTimeMs, string Sequence) Acquisition(string basisPath)
    {
        var manifest = Path.Combine(Path.GetDirectoryName(basisPath)!, "manifest.json");
        if (!File.Exists(manifest))
        {
            return (null, "PRESS");
        }
        var entry = BasisSetCatalog.Load(manifest).Entries.FirstOrDefault(e => string.Equals(e.Path, Path.GetFileName(basisPath), StringComparison.OrdinalIgnoreCase));
        return entry is null ? (null, "PRESS") : (entry.EchoTimeMs, entry.Sequence);
    }
}

/// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and interleave lines).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>One status line on stderr, rewritten at most a few times a second: epoch, step, loss, learning rate, speed, time left.</summary>
internal sealed class TrainingProgressDisplay
{
    private readonly System.Diagnostics.Stopwatch _clock = new();
    private DateTime _last = DateTime.MinValue;
    private int _firstStep = -1;

    public void Show(TrainingProgress p)
    {
        if (_firstStep < 0)
        {
            _firstStep = p.Step - 1; // a resumed run starts counting here
            _clock.Start();
        }
        var now = DateTime.UtcNow;
        if (!Console.IsErrorRedirected && (now - _last).TotalMilliseconds < 250 && p.Step != p.TotalSteps)
        {
            return;
        }
        _last = now;
        double left = _clock.Elapsed.TotalSeconds / Math.Max(1, p.Step - _firstStep) * (p.TotalSteps - p.Step);
        var eta = double.IsFinite(left) ? TimeSpan.FromSeconds(left).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "?";
        var line = FormattableString.Invariant($"epoch {p.Epoch}/{p.Epochs}  step {p.Step}/{p.TotalSteps}  loss {p.Loss:G4}  lr {p.LearningRate:G3}  {p.SamplesPerSecond:F0} samples/s  ~{eta} left");
        if (Console.IsErrorRedirected)
        {
            if (p.Step % 100 == 0 || p.Step == p.TotalSteps)
            {
                Console.Error.WriteLine(line);
            }
        }
        else
        {
            Console.Error.Write("\r" + line.PadRight(100));
        }
    }

    public static void Finish()
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }
    }
}
