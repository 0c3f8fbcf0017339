using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MRSNode.Evaluation.Pathology;
using MRSNode.Pipeline.Composition;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode evaluate pathology`: the pathology test set with known truth (docs/accuracy.md, "Pathology").</summary>
internal static class EvaluatePathologyCommand
{
    public static Command Create()
    {
        var basis = new Option<FileInfo>("--basis") { Description = "LCModel .BASIS file to simulate from and fit with.", Required = true };
        var realisations = new Option<int>("--realisations") { Description = "Noise realisations per case and SNR.", DefaultValueFactory = _ => 5 };
        var snrs = new Option<double[]>("--snr") { Description = "SNRs (a healthy spectrum's NAA peak / noise SD), one or more.", DefaultValueFactory = _ => [30, 50], AllowMultipleArgumentsPerToken = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same set).", DefaultValueFactory = _ => 2016 };
        var only = new Option<string[]>("--case") { Description = "Only these cases (default: all).", AllowMultipleArgumentsPerToken = true };
        var components = new Option<bool>("--components") { Description = "Also list every fitted component's mean amplitude per case (where the signal went)." };
        var longEcho = new Option<bool>("--long-echo") { Description = "The TE 144 ms cases instead, from and fitted with a PRESS TE 144 basis simulated on the --basis file's grid." };
        var oracle = new Option<string?>("--oracle") { Description = "Instead of the node's fit, the floor under a method: least squares on each draw's true components (lineshapes, phases and lipid shapes known, amplitudes free), on the complex FID (fid: any method) or on the real part of the spectrum over 0.2-4.0 ppm (real: what LCModel and the node fit)." };
        var oracleFits = new Option<string[]>("--oracle-fits") { Description = "With --oracle: what it fits beside the amplitudes, as a method must: lipid-shape (the lipid lines' common shift and two Lorentzian/Gaussian width pairs), lineshape (the metabolites' common shift, damping, Gaussian and phases), naa-lineshape (a shift and damping of tNAA's own), or several.", AllowMultipleArgumentsPerToken = true };
        var spread = new Option<int?>("--spread") { Description = "Also give each requirement's RMS error and the chance that this many draws all meet it (use many --realisations)." };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the table (Markdown) to this file." };
        var pipeline = new PipelineOptions("lcmodel by default");
        var command = new Command("pathology", "The LCM fit on simulated pathology (tumour, lipids, lactate, low NAA, high choline, poor water suppression, corrupted transients) against the truth.")
        {
            basis, realisations, snrs, seed, only, components, longEcho, oracle, oracleFits, spread, output, pipeline.Config, pipeline.RatioPriors, pipeline.Lineshape.Freedom, pipeline.Lineshape.ShiftSd, pipeline.Lineshape.DampingSd, pipeline.Lineshape.OwnNaa,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var set = LcModelBasisReader.Read(parse.GetValue(basis)!.FullName);
            var standard = PathologyCases.Standard;
            if (parse.GetValue(longEcho))
            {
                set = LongEchoBasis.Simulate(set, new DensityMatrixBasisSimulator());
                standard = PathologyCases.LongEcho;
            }
            OracleData? oracleData = parse.GetValue(oracle) switch
            {
                null => null,
                "fid" => OracleData.ComplexFid,
                "real" => OracleData.RealWindow,
                var other => throw new ArgumentException($"unknown --oracle '{other}': use fid or real"),
            };
            var unknowns = (parse.GetValue(oracleFits) ?? []).Aggregate(OracleUnknowns.None, (all, name) => all | name switch
            {
                "lipid-shape" => OracleUnknowns.LipidShape,
                "lineshape" => OracleUnknowns.Lineshape,
                "naa-lineshape" => OracleUnknowns.NaaLineshape,
                var other => throw new ArgumentException($"unknown --oracle-fits '{other}': use lipid-shape, lineshape, naa-lineshape or several"),
            });
            if (unknowns != OracleUnknowns.None && oracleData is null)
            {
                throw new ArgumentException("--oracle-fits applies to the oracle: add --oracle fid or --oracle real");
            }
            var settings = pipeline.Read(parse);
            var names = parse.GetValue(only) ?? [];
            var cases = names.Length == 0 ? standard : standard.Where(c => names.Contains(c.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            if (cases.Count == 0)
            {
                throw new ArgumentException($"no case named {string.Join(", ", names)}: use {string.Join(", ", standard.Select(c => c.Name))}");
            }
            if (oracleData is not null && names.Length == 0)
            {
                // The oracle takes one FID per draw: the case made of transients is left out unless named (then refused).
                cases = [.. cases.Where(c => c.Transients is null)];
            }
            var sw = Stopwatch.StartNew();
            var results = oracleData is { } data
                ? PathologyOracle.Run(set, cases, parse.GetValue(snrs)!, parse.GetValue(realisations), parse.GetValue(seed), data, unknowns)
                : PathologyEvaluation.Run(set, cases, parse.GetValue(snrs)!, parse.GetValue(realisations), parse.GetValue(seed), PipelineComposer.Checker(settings.ConfigDirectory), settings.Lcm);
            var header = string.Create(CultureInfo.InvariantCulture,
                $"{(oracleData is { } d ? $"Oracle, {(d == OracleData.RealWindow ? "real part over 0.2-4.0 ppm" : "complex FID")}{(unknowns == OracleUnknowns.None ? "" : ", fitting " + string.Join(" and ", parse.GetValue(oracleFits)!.Distinct()))} (least squares on the true components; no flags, no CRLB): " : "")}{parse.GetValue(realisations)} realisations per case and SNR from {(parse.GetValue(longEcho) ? "PRESS TE 144 simulated on the grid of " : "")}{Path.GetFileName(parse.GetValue(basis)!.FullName)}, seed {parse.GetValue(seed)}; ratio priors {settings.RatioPriors}; {sw.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores\n\n");
            string table = header + PathologyEvaluation.ToMarkdown(results)
                + (parse.GetValue(components) ? "\nMean fitted amplitudes (truth in brackets):\n\n" + PathologyEvaluation.ComponentsMarkdown(results) : "")
                + (parse.GetValue(spread) is { } draws ? "\nSpread (RMS relative error, and the chance that " + draws.ToString(CultureInfo.InvariantCulture) + " draws all meet the requirement):\n\n" + PathologyEvaluation.SpreadMarkdown(results, draws) : "");
            return EvaluateCommand.Emit(table, parse.GetValue(output));
        }));
        return command;
    }
}
