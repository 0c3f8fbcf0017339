using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MRSNode.Evaluation.BasisAgreement;
using MRSNode.Evaluation.SimulatedBasis;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation;
using MRSNode.SpinSimulation.SpinSystems;

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
        var fitBasis = new Option<FileInfo?>("--fit-basis") { Description = "LCModel .BASIS file of the second fit; its metabolites are limited to those of --basis, and --basis's measured MM (Mac) is added." };
        var te1 = new Option<double?>("--te1") { Description = "Instead of --fit-basis: simulate the second fit's basis (PRESS, ideal pulses) on --basis's grid with this TE1 (ms)." };
        var te2 = new Option<double?>("--te2") { Description = "With --te1: the simulated PRESS basis's TE2 (ms)." };
        var count = new Option<int>("--count") { Description = "Number of spectra.", DefaultValueFactory = _ => 300 };
        var snr = new Option<double>("--snr") { Description = "SNR (NAA peak / noise SD) of every spectrum.", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same set).", DefaultValueFactory = _ => 2016 };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the table (Markdown) to this file." };
        var command = new Command("fit-basis", "Ratio-to-tCr accuracy on simulated spectra fitted with the basis that made them and with another basis set.")
        {
            basis, fitBasis, te1, te2, count, snr, seed, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var truth = LcModelBasisReader.Read(parse.GetValue(basis)!.FullName);
            var (fitted, fittedName) = (parse.GetValue(fitBasis), parse.GetValue(te1), parse.GetValue(te2)) switch
            {
                ({ } given, null, null) => (LcModelBasisReader.Read(given.FullName), given.Name),
                (null, { } t1, { } t2) => (SimulatedPress(truth, t1, t2), string.Create(CultureInfo.InvariantCulture, $"the node's PRESS simulation (TE1 {t1:0.##}, TE2 {t2:0.##} ms, ideal pulses)")),
                _ => throw new ArgumentException("give either --fit-basis FILE or --te1 and --te2"),
            };
            var other = FitBasisComparison.WithSourceMacromolecules(fitted, truth);
            var sw = Stopwatch.StartNew();
            var rows = FitBasisComparison.Run(truth, other, parse.GetValue(count), parse.GetValue(snr), parse.GetValue(seed));
            var table = string.Create(CultureInfo.InvariantCulture,
                $"{parse.GetValue(count)} spectra from {parse.GetValue(basis)!.Name}, SNR {parse.GetValue(snr)}, seed {parse.GetValue(seed)}; fitted with it and with {fittedName} (+ its Mac); node defaults; {sw.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores\n\n")
                + FitBasisComparison.ToMarkdown(rows);
            return EvaluateCommand.Emit(table, parse.GetValue(output));
        }));
        return command;
    }

    /// <summary>A PRESS basis of the metabolites <paramref name="truth"/> holds, on its grid (the challenge protocol's request with this TE1/TE2).</summary>
    private static BasisSet SimulatedPress(BasisSet truth, double te1, double te2)
    {
        var library = SpinSystemLibrary.LoadEmbedded();
        return new DensityMatrixBasisSimulator(library).Simulate(IsmrmChallengeProtocol.Request(truth, BasisAgreementEvaluation.CommonMetabolites(truth, library), te1, te2));
    }
}
