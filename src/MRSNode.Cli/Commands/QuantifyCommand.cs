using System.CommandLine;
using MRSNode.Neural.Backend;
using MRSNode.Pipeline;
using MRSNode.Quantification;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode quantify`: one study through the same pipeline the node runs; writes results.json.</summary>
internal static class QuantifyCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "The metabolite acquisition (one file, or every file of a single-average export)." };
        var water = new Option<FileInfo[]>("--water") { Description = "Water reference file(s); else one found in the metabolite object is used.", AllowMultipleArgumentsPerToken = true };
        var basis = new Option<FileInfo?>("--basis") { Description = "LCModel .BASIS file; default: the basis set config/basis-sets/manifest.json assigns." };
        var method = new Option<string>("--method") { Description = "lcm, neural or both.", DefaultValueFactory = _ => "both" };
        method.AcceptOnlyFromAmong([.. MethodSelections.Names]);
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for results.json (and the reports).", DefaultValueFactory = _ => new DirectoryInfo("mrsnode-out") };
        var json = new Option<bool>("--json") { Description = "Also print results.json to stdout." };
        var configDir = new Option<DirectoryInfo?>("--config") { Description = "Configuration folder (basis-sets/, models/, reference-ranges.json, confidence-checks.json); default: the one beside mrsnode." };
        var wconc = new Option<double>("--water-concentration") { Description = "MR-visible water concentration, mM (LCModel WCONC).", DefaultValueFactory = _ => WaterScalingSettings.LcModelDefaults.WaterConcentrationMm };
        var atth2o = new Option<double>("--water-attenuation") { Description = "Water relaxation attenuation (LCModel ATTH2O).", DefaultValueFactory = _ => WaterScalingSettings.LcModelDefaults.WaterAttenuation };
        var attmet = new Option<double>("--metabolite-attenuation") { Description = "Metabolite relaxation attenuation (LCModel ATTMET).", DefaultValueFactory = _ => WaterScalingSettings.LcModelDefaults.MetaboliteAttenuation };
        var sw = InfoCommand.SpectralWidth();
        var mhz = InfoCommand.Frequency();
        var te = InfoCommand.EchoTime();
        var lineshape = new LineshapeOptions();
        var device = new Option<string>("--device") { Description = "Where the neural method computes: cpu, cuda, or auto (the GPU when usable, else the CPU with one line saying why).", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var crlb = CrlbOption.Create();
        var ratioPriors = RatioPriorOption.Create();
        var command = new Command("quantify", "Quantify one MRS study: preprocess, fit, check; write results.json.")
        {
            files, water, basis, method, output, json, configDir, wconc, atth2o, attmet, sw, mhz, te, lineshape.Freedom, lineshape.ShiftSd, lineshape.DampingSd, device, crlb, ratioPriors,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var config = parse.GetValue(configDir)?.FullName ?? Path.Combine(AppContext.BaseDirectory, "config");
            var selection = MethodSelections.Parse(parse.GetValue(method)!);
            var request = new QuantificationRequest
            {
                MetaboliteFiles = parse.GetValue(files)!.Select(f => f.FullName).ToList(),
                WaterFiles = (parse.GetValue(water) ?? []).Select(f => f.FullName).ToList(),
                BasisFile = parse.GetValue(basis)?.FullName,
                BasisManifest = Path.Combine(config, "basis-sets", "manifest.json"),
                Method = selection,
                ReadOptions = new MrsReadOptions { SpectralWidthHz = parse.GetValue(sw), FrequencyMHz = parse.GetValue(mhz), EchoTimeMs = parse.GetValue(te) },
                WaterScaling = new WaterScalingSettings(parse.GetValue(wconc), parse.GetValue(atth2o), parse.GetValue(attmet)),
            };
            var checker = new ConfidenceChecker(
                ReferenceRanges.Load(Path.Combine(config, "reference-ranges.json")),
                ConfidenceThresholds.Load(Path.Combine(config, "confidence-checks.json")));
            var lcm = LcmOptions.Default with
            {
                Fit = lineshape.Read(parse),
                CrlbCovariance = CrlbCovariances.Parse(parse.GetValue(crlb)!),
                RatioPriors = RatioPriorOption.Read(parse, ratioPriors),
            };
            var methods = QuantificationMethods.Available(selection == MethodSelection.Lcm ? null : Path.Combine(config, "models"), lcm, NeuralBackend(parse.GetValue(device)!, selection));
            var outcome = new QuantificationPipeline(methods, checker, MrsFormats.Default).Run(request);
            var written = OutputWriter.Write(outcome, request, parse.GetValue(output)!.FullName);
            var jsonText = outcome.Report.ToJson();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(jsonText);
            }
            else
            {
                Console.WriteLine($"{outcome.Report.Verdict.Text()}: {string.Join("; ", outcome.Report.Reasons)}");
                foreach (var m in outcome.Report.Metabolites)
                {
                    Console.WriteLine(FormattableString.Invariant($"  {m.Name,-8} {(m.ConcentrationMm is { } c ? $"{c,7:F2} mM" : "      —   ")} {(m.RatioToTCr is { } r ? $"{r,6:F3}" : "    — ")} /tCr  CRLB {m.CrlbPercent,5:F0} %  {m.Flag.Text()}"));
                }
                Console.WriteLine($"wrote {string.Join(", ", written)}");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The neural method's backend: one CPU thread by default (as the node runs it); auto/cuda through the CUDA selector
    /// the CLI registers. Not created when the neural method will not run (lcm), so "--device cuda --method lcm" never probes
    /// (and with lcm the models are not loaded at all: a classical-only run takes no lineshape seed from a network).
    /// </summary>
    private static IComputeBackend? NeuralBackend(string device, MethodSelection method) =>
        method == MethodSelection.Lcm || device == "cpu" ? null : ComputeBackends.Create(device, 1);
}