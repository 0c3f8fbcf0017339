using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MRSNode.Evaluation;
using MRSNode.Neural.Backend;
using MRSNode.Pipeline;
using MRSNode.Quantification;
using MRSNode.Quantification.Neural;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode evaluate`: accuracy of the fit on a simulated test set with known truth (docs/accuracy.md).</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var basis = new Option<FileInfo>("--basis") { Description = "LCModel .BASIS file to simulate from and fit with.", Required = true };
        var count = new Option<int>("--count") { Description = "Number of spectra.", DefaultValueFactory = _ => 500 };
        var snr = new Option<double>("--snr") { Description = "SNR (NAA peak / noise SD) of every spectrum.", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same set).", DefaultValueFactory = _ => 2016 };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the table (Markdown) to this file." };
        var model = new Option<DirectoryInfo?>("--model") { Description = "A neural model folder: compare it with LCM on the same spectra (SMAPE as Hatami 2018: Σ|a − â| / Σ(a + â))." };
        var protocol = new Option<string>("--protocol") { Description = "With --model: hatami (amplitudes U[0,1], ±10 Hz shifts, 0–10 Hz dampings, SNR = |FID(0)| / noise SD; 0 = no noise) , default (the training ranges) or invivo (the training ranges with lipids: for agreement with LCM).", DefaultValueFactory = _ => "hatami" };
        var pipeline = new PipelineOptions("lcmodel by default, none with --model on --protocol hatami (uniform amplitudes that no brain prior describes)");
        var lineshape = pipeline.Lineshape;
        var seedModel = new Option<DirectoryInfo?>("--seed-model") { Description = "Start the LCM's lineshapes (--lineshape group|metabolite: each component's shift and damping, the common Lorentzian and Gaussian) from this QNet-style model's prediction; with --model, the LCM column starts there." };
        var oracle = new Option<bool>("--oracle") { Description = "With --protocol hatami: also score the floor under every method, least squares and the Bayes posterior median from each spectrum's true lineshapes (see LineshapeOracle); runs without --model too." };
        var command = new Command("evaluate", "Accuracy of the LCM fit on simulated spectra: SMAPE, bias and CRLB calibration per metabolite.")
        {
            basis, count, snr, seed, output, model, protocol, lineshape.Freedom, lineshape.ShiftSd, lineshape.DampingSd, lineshape.OwnNaa, seedModel, pipeline.Crlb, pipeline.RatioPriors, oracle,
            EvaluatePathologyCommand.Create(),
            EvaluateMrsiCommand.Create(),
            EvaluateBasisCommand.Create(),
            EvaluateFitBasisCommand.Create(),
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var set = LcModelBasisReader.Read(parse.GetValue(basis)!.FullName);
            var fit = lineshape.Read(parse);
            NeuralQuantifier? seedQuantifier = null;
            if (parse.GetValue(seedModel) is { } seedDir)
            {
                if (fit.Freedom == LineshapeFreedom.Global)
                {
                    throw new ArgumentException("--seed-model needs --lineshape group or metabolite (a global fit has no per-component lineshapes)");
                }
                var (seedNet, seedCard) = ModelDirectory.Load(seedDir.FullName, set, new CpuBackend(1));
                seedQuantifier = new NeuralQuantifier(seedNet, seedCard);
            }
            if (parse.GetValue(model) is { } modelDir)
            {
                var compared = pipeline.Read(parse, parse.GetValue(protocol) == "hatami" ? RatioPriorSet.None : RatioPriorSet.LcModel);
                return CompareWithNeural(set, modelDir.FullName, parse.GetValue(protocol)!, parse.GetValue(count), parse.GetValue(snr), parse.GetValue(seed), parse.GetValue(output), compared.Lcm, seedQuantifier, parse.GetValue(oracle));
            }
            if (parse.GetValue(oracle))
            {
                return Oracle(set, parse.GetValue(protocol)!, parse.GetValue(count), parse.GetValue(snr), parse.GetValue(seed), parse.GetValue(output));
            }
            var sw = Stopwatch.StartNew();
            var settings = pipeline.Read(parse);
            var covariance = settings.CrlbCovariance;
            Console.Error.WriteLine(FormattableString.Invariant($"simulating {parse.GetValue(count)} spectra and fitting them on {Environment.ProcessorCount} cores"));
            var rows = AccuracyEvaluation.Run(set, parse.GetValue(count), parse.GetValue(snr), parse.GetValue(seed), progress: new CountProgress("fitted", parse.GetValue(count)), lcm: settings.Lcm, lineshapeModel: seedQuantifier);
            var header = FormattableString.Invariant(
                $"{parse.GetValue(count)} spectra from {Path.GetFileName(parse.GetValue(basis)!.FullName)}, SNR {parse.GetValue(snr)}, seed {parse.GetValue(seed)}; {LineshapeOptions.Describe(fit)}{(seedQuantifier is null ? "" : $", lineshapes started from model {seedQuantifier.Card.Name}")}; CRLB over {(covariance == CrlbCovariance.AllAmplitudes ? "all amplitudes" : "the non-zero amplitudes")}; ratio priors {settings.RatioPriors}; {sw.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores\n\n");
            return Emit(header + AccuracyEvaluation.ToMarkdown(rows), parse.GetValue(output));
        }));
        return command;
    }

    private static int CompareWithNeural(BasisSet set, string modelDirectory, string protocol, int count, double snr, int seed, FileInfo? output, LcmOptions lcm, NeuralQuantifier? lineshapeModel, bool oracle)
    {
        var (model, card) = ModelDirectory.Load(modelDirectory, set, new CpuBackend(1));
        var neural = new NeuralQuantifier(model, card);
        double level = snr <= 0 ? double.PositiveInfinity : snr;
        var spectra = Simulate(set, protocol, count, level, seed);
        var sw = Stopwatch.StartNew();
        var result = MethodComparison.Run(set, neural, spectra, Environment.ProcessorCount, lcm: lcm, lineshapeModel: lineshapeModel);
        var header = FormattableString.Invariant(
            $"{count} spectra, {protocol} protocol, SNR {SnrLabel(level)}, seed {seed}; model {card.Name} ({card.Kind}); {LineshapeOptions.Describe(lcm.Fit)}{(lineshapeModel is null ? "" : $", lineshapes started from model {lineshapeModel.Card.Name}")}; LCM ratio priors {lcm.RatioPriors}; {sw.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores\n\n");
        var table = header + MethodComparison.ToMarkdown(result.Rows, card.Kind) + "\nAgreement with the LCM fit (basis units; Bland–Altman and Pearson, as CloudBrain-MRS against LCModel):\n\n"
            + MethodComparison.AgreementMarkdown(result.Agreement, card.Kind);
        if (result.Lineshapes is { } l)
        {
            table += FormattableString.Invariant(
                $"\n{card.Kind}'s predicted lineshapes against the truth (every metabolite of every spectrum): |shift error| median {l.MedianShiftHz:F2} Hz, mean {l.MeanShiftHz:F2} Hz, {100 * l.WithinOneHzFraction:F0} % within 1 Hz; |damping error| median {l.MedianDampingHz:F2} Hz, mean {l.MeanDampingHz:F2} Hz\n");
        }
        if (oracle)
        {
            table += "\n" + OracleTable(set, protocol, spectra);
        }
        return Emit(table, output);
    }

    private static int Oracle(BasisSet set, string protocol, int count, double snr, int seed, FileInfo? output)
    {
        double level = snr <= 0 ? double.PositiveInfinity : snr;
        var header = FormattableString.Invariant($"{count} spectra, {protocol} protocol, SNR {SnrLabel(level)}, seed {seed}\n\n");
        return Emit(header + OracleTable(set, protocol, Simulate(set, protocol, count, level, seed)), output);
    }

    /// <summary>Prints the table and, with --out, writes it there too.</summary>
    internal static int Emit(string table, FileInfo? output)
    {
        Console.Write(table);
        if (output is not null)
        {
            File.WriteAllText(output.FullName, table);
        }
        return 0;
    }

    private static string SnrLabel(double level) => double.IsFinite(level) ? level.ToString(CultureInfo.InvariantCulture) : "∞ (no noise)";

    private static string OracleTable(BasisSet set, string protocol, IReadOnlyList<SimulatedSpectrum> spectra)
    {
        if (protocol != "hatami")
        {
            throw new ArgumentException($"--oracle needs --protocol hatami: the {protocol} protocol adds lipids, water or baseline, which the oracle does not model");
        }
        var sw = Stopwatch.StartNew();
        var rows = OracleEvaluation.Run(set, HatamiProtocol.Parameters(set), spectra, Environment.ProcessorCount);
        return FormattableString.Invariant($"Floor under every method (each spectrum's true shifts and dampings known; {sw.Elapsed.TotalSeconds:F0} s):\n\n")
            + OracleEvaluation.ToMarkdown(rows);
    }

    private static IReadOnlyList<SimulatedSpectrum> Simulate(BasisSet set, string protocol, int count, double level, int seed) => protocol switch
    {
        "hatami" => HatamiProtocol.Simulate(set, count, level, seed),
        "default" => new SpectrumSimulator(set, new SimulationParameters { Snr = ValueRange.Fixed(level) }).Simulate(count, seed),
        // In vivo–like: physiological amplitudes, MM, residual water, baseline, and lipids too.
        "invivo" => new SpectrumSimulator(set, new SimulationParameters { Snr = ValueRange.Fixed(level), Lipids = true }).Simulate(count, seed),
        _ => throw new ArgumentException($"unknown protocol '{protocol}': use hatami, default or invivo"),
    };
}
