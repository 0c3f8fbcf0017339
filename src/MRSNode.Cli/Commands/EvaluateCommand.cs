using System.CommandLine;
using System.Diagnostics;
using MRSNode.Pipeline;
using MRSNode.Spectroscopy.Readers;

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
        var command = new Command("evaluate", "Accuracy of the LCM fit on simulated spectra: SMAPE, bias and CRLB calibration per metabolite.")
        {
            basis, count, snr, seed, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var set = LcModelBasisReader.Read(parse.GetValue(basis)!.FullName);
            var sw = Stopwatch.StartNew();
            var rows = AccuracyEvaluation.Run(set, parse.GetValue(count), parse.GetValue(snr), parse.GetValue(seed));
            var header = FormattableString.Invariant(
                $"{parse.GetValue(count)} spectra from {Path.GetFileName(parse.GetValue(basis)!.FullName)}, SNR {parse.GetValue(snr)}, seed {parse.GetValue(seed)}; {sw.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores\n\n");
            var table = header + AccuracyEvaluation.ToMarkdown(rows);
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
