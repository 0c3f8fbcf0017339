using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MRSNode.Evaluation.SimulatedBasis;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode evaluate fit-basis`: spectra simulated from one basis set, fitted with it and with another (e.g. the node's
/// own density-matrix simulation of the protocol); ratio-to-tCr SMAPE side by side (docs/accuracy.md, "Simulated basis").
/// </summary>
internal static class EvaluateFitBasisCommand
{
    public static Command Create()
    {
        var basis = new Option<FileInfo>("--basis") { Description = "LCModel .BASIS file the spectra are simulated from (and the first fit's basis).", Required = true };
        var fitBasis = new Option<FileInfo>("--fit-basis") { Description = "LCModel .BASIS file of the second fit; its metabolites are limited to those of --basis, and --basis's measured MM (Mac) is added.", Required = true };
        var count = new Option<int>("--count") { Description = "Number of spectra.", DefaultValueFactory = _ => 300 };
        var snr = new Option<double>("--snr") { Description = "SNR (NAA peak / noise SD) of every spectrum.", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same set).", DefaultValueFactory = _ => 2016 };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the table (Markdown) to this file." };
        var command = new Command("fit-basis", "Ratio-to-tCr accuracy on simulated spectra fitted with the basis that made them and with another basis set.")
        {
            basis, fitBasis, count, snr, seed, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var truth = LcModelBasisReader.Read(parse.GetValue(basis)!.FullName);
            var other = FitBasisComparison.WithSourceMacromolecules(LcModelBasisReader.Read(parse.GetValue(fitBasis)!.FullName), truth);
            var sw = Stopwatch.StartNew();
            var rows = FitBasisComparison.Run(truth, other, parse.GetValue(count), parse.GetValue(snr), parse.GetValue(seed));
            var table = string.Create(CultureInfo.InvariantCulture,
                $"{parse.GetValue(count)} spectra from {parse.GetValue(basis)!.Name}, SNR {parse.GetValue(snr)}, seed {parse.GetValue(seed)}; fitted with it and with {parse.GetValue(fitBasis)!.Name} (+ its Mac); node defaults; {sw.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores\n\n")
                + FitBasisComparison.ToMarkdown(rows);
            Console.Write(table);
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file.FullName, table);
            }
            return 0;
        }));
        return command;
    }
}
