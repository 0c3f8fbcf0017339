using System.CommandLine;
using System.Globalization;
using MRSNode.Evaluation.Mrsi;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode evaluate mrsi`: the MRSI phantom (lesion, scalp-lipid ring) through the MRSI path, scored against its truth (docs/accuracy.md, "MRSI").</summary>
internal static class EvaluateMrsiCommand
{
    public static Command Create()
    {
        var basis = new Option<FileInfo>("--basis") { Description = "LCModel .BASIS file to simulate the phantom from and fit with.", Required = true };
        var snrs = new Option<double[]>("--snr") { Description = "SNRs (a healthy voxel's NAA peak / noise SD), one or more.", DefaultValueFactory = _ => [20, 30], AllowMultipleArgumentsPerToken = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same phantom).", DefaultValueFactory = _ => 2022 };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the table (Markdown) to this file." };
        var realisations = new Option<int>("--realisations") { Description = "Also run the noise study: this many noise realisations of the phantom per SNR (≥ 2): each tissue's Cho/NAA bias, spread and the spread its CRLBs predict.", DefaultValueFactory = _ => 0 };
        var pipeline = new PipelineOptions("lcmodel by default");
        var command = new Command("mrsi", "The MRSI path on the synthetic phantom (8×8 grid, PRESS box 6×6, lesion with raised Cho, low NAA and Lac, scalp-lipid ring): lesion contrast, per-voxel Cho/NAA against truth, false lactate in the ring.")
        {
            basis, snrs, seed, output, realisations, pipeline.Config, pipeline.RatioPriors, pipeline.Lineshape.Freedom, pipeline.Lineshape.ShiftSd, pipeline.Lineshape.DampingSd, pipeline.Lineshape.OwnNaa,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var set = LcModelBasisReader.Read(parse.GetValue(basis)!.FullName);
            var settings = pipeline.Read(parse);
            var results = parse.GetValue(snrs)!.Select(snr => MrsiEvaluation.Run(set, snr, parse.GetValue(seed), settings.Lcm)).ToList();
            var header = string.Create(CultureInfo.InvariantCulture,
                $"MRSI phantom from {Path.GetFileName(parse.GetValue(basis)!.FullName)}, seed {parse.GetValue(seed)}; ratio priors {settings.RatioPriors}; {Environment.ProcessorCount} cores\n\n");
            string table = header + MrsiEvaluation.ToMarkdown(results);
            if (parse.GetValue(realisations) is int count and > 1)
            {
                var rows = parse.GetValue(snrs)!.SelectMany(snr => MrsiNoiseStudy.Run(set, snr, parse.GetValue(seed), count, settings.Lcm)).ToList();
                table += string.Create(CultureInfo.InvariantCulture, $"\nNoise study: {count} realisations per SNR, per-voxel Cho/NAA error against truth\n\n") + MrsiNoiseStudy.ToMarkdown(rows);
            }
            return EvaluateCommand.Emit(table, parse.GetValue(output));
        }));
        return command;
    }
}
