using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MRSNode.Evaluation.BasisAgreement;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation;
using MRSNode.SpinSimulation.SpinSystems;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode evaluate basis`: the simulated basis against a reference basis of the same PRESS protocol, per metabolite
/// (docs/accuracy.md, "Simulated basis vs the ISMRM 2016 basis").
/// </summary>
internal static class EvaluateBasisCommand
{
    public static Command Create()
    {
        var reference = new Option<FileInfo>("--reference") { Description = "LCModel .BASIS file to compare with (the ISMRM 2016 challenge's press3T_30ms.BASIS).", Required = true };
        var te1 = new Option<double>("--te1") { Description = "PRESS first half-echo split (ms).", DefaultValueFactory = _ => IsmrmChallengeProtocol.Te1Ms };
        var te2 = new Option<double>("--te2") { Description = "PRESS second half-echo split (ms).", DefaultValueFactory = _ => IsmrmChallengeProtocol.Te2Ms };
        var fwhm = new Option<double>("--fwhm") { Description = "Compare at this common linewidth (Hz) when it is broader than both sets' own (default: the broader of the two)." };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the table (Markdown) to this file." };
        var command = new Command("basis", "Simulate the reference basis's PRESS protocol (ideal pulses) and compare per metabolite: correlation over 0.2–4.2 ppm at matched linewidth, area per proton.")
        {
            reference, te1, te2, fwhm, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var file = parse.GetValue(reference)!.FullName;
            var set = LcModelBasisReader.Read(file);
            var library = SpinSystemLibrary.LoadEmbedded();
            var names = BasisAgreementEvaluation.CommonMetabolites(set, library);
            var request = IsmrmChallengeProtocol.Request(set, names, parse.GetValue(te1), parse.GetValue(te2));
            var sw = Stopwatch.StartNew();
            var simulated = new DensityMatrixBasisSimulator(library).Simulate(request);
            double seconds = sw.Elapsed.TotalSeconds;
            var result = BasisAgreementEvaluation.Compare(set, simulated, library, parse.GetValue(fwhm));
            var table = string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)} vs PRESS TE1 {request.Te1Ms:0.##} + TE2 {request.Te2Ms:0.##} ms, ideal pulses, {request.FrequencyMHz:0.######} MHz, {request.Points} points, {request.SpectralWidthHz:0.#} Hz; spin-system library v{library.Version}; {names.Count} metabolites simulated in {seconds:F1} s on {Environment.ProcessorCount} cores\n\n")
                + BasisAgreementEvaluation.ToMarkdown(result);
            return EvaluateCommand.Emit(table, parse.GetValue(output));
        }));
        return command;
    }
}
