using System.CommandLine;
using MRSNode.Neural.Backend;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification.Results;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode quantify`: one study through the same pipeline the node runs; writes results.json.</summary>
internal static class QuantifyCommand
{
    public static Command Create(IComputeBackendFactory backends)
    {
        var files = new Argument<FileInfo[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "The metabolite acquisition (one file, or every file of a single-average export)." }.FilesOnly();
        var water = new Option<FileInfo[]>("--water") { Description = "Water reference file(s); else one found in the metabolite object is used.", AllowMultipleArgumentsPerToken = true };
        var image = new Option<FileInfo[]>("--image") { Description = "MRSI: MR image file(s) of the same study; the maps are drawn over the one of the same frame of reference nearest the slab.", AllowMultipleArgumentsPerToken = true };
        var basis = new Option<FileInfo?>("--basis") { Description = "LCModel .BASIS file; default: the basis set config/basis-sets/manifest.json assigns, else one simulated for the acquisition (see --basis-cache)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for results.json (and the reports).", DefaultValueFactory = _ => new DirectoryInfo("mrsnode-out") };
        var json = new Option<bool>("--json") { Description = "Also print results.json to stdout." };
        var sw = InfoCommand.SpectralWidth();
        var mhz = InfoCommand.Frequency();
        var te = InfoCommand.EchoTime();
        var pipeline = new PipelineOptions();
        var command = new Command("quantify", "Quantify one MRS study: preprocess, fit, check; write results.json.")
        {
            files, water, image, basis, pipeline.Method, output, json, pipeline.Config, pipeline.WaterConcentration, pipeline.WaterAttenuation, pipeline.MetaboliteAttenuation, pipeline.TissueFractions, pipeline.SiteRanges, sw, mhz, te,
            pipeline.Lineshape.Freedom, pipeline.Lineshape.ShiftSd, pipeline.Lineshape.DampingSd, pipeline.Lineshape.OwnNaa, pipeline.Device, pipeline.Crlb, pipeline.RatioPriors, pipeline.AllowBasisMismatch,
            pipeline.BasisCache, pipeline.NoBasisSimulation,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var settings = pipeline.Read(parse);
            var request = settings.Request(
                    parse.GetValue(files)!.Select(f => f.FullName).ToList(),
                    (parse.GetValue(water) ?? []).Select(f => f.FullName).ToList()) with
            {
                BasisFile = parse.GetValue(basis)?.FullName,
                ImageFiles = (parse.GetValue(image) ?? []).Select(f => f.FullName).ToList(),
                ReadOptions = new MrsReadOptions { SpectralWidthHz = parse.GetValue(sw), FrequencyMHz = parse.GetValue(mhz), EchoTimeMs = parse.GetValue(te) },
            };
            // The neural method's backend only when it can run: "--device cuda --method lcm" never probes, and with lcm
            // the models are not loaded at all (a classical-only run takes no lineshape seed from a network).
            using var composed = new PipelineComposer(backends).Compose(settings);
            var outcome = composed.Run(request);
            var written = OutputWriter.Write(outcome, request, parse.GetValue(output)!.FullName);
            var jsonText = outcome.Report.ToJson();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(jsonText);
            }
            else
            {
                var report = outcome.Report;
                Console.WriteLine($"{report.Verdict.Text()}: {string.Join("; ", report.Reasons)}");
                if (report.Basis is { } basisProvenance)
                {
                    Console.WriteLine($"basis set: {basisProvenance.Summary}");
                }
                if (report.Findings is { Count: > 0 } findings)
                {
                    Console.WriteLine($"findings: {string.Join("; ", findings)}");
                }
                // The unit as the report states it: i.u. unless tissue- and relaxation-corrected.
                string unit = report.Scaling?.Unit == "i.u." ? "i.u." : "mM";
                if (report.Scaling is { } scaling)
                {
                    Console.WriteLine($"concentrations: {scaling.Unit}: {scaling.Description}");
                }
                foreach (var m in report.Metabolites)
                {
                    Console.WriteLine(FormattableString.Invariant($"  {m.Name,-8} {(m.Concentration is { } c ? $"{c,7:F2} {unit,-4}" : "      —    ")} {(m.RatioToTCr is { } r ? $"{r,6:F3}" : "    — ")} /tCr  CRLB {m.CrlbPercent,5:F0} %  {m.Flag.Text()}"));
                }
                foreach (var r in report.Ratios ?? [])
                {
                    Console.WriteLine(FormattableString.Invariant($"  {r.Name,-10} {(r.Value is { } v ? $"{v,6:F3}" : "    — ")}  {r.Flag.Text()}"));
                }
                if (outcome.Mrsi is { } mrsi)
                {
                    MrsiSummaryLines(mrsi).ToList().ForEach(Console.WriteLine);
                }
                Console.WriteLine($"wrote {string.Join(", ", written)}");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>The MRSI grid in a few lines: voxel counts, the regions, what was done.</summary>
    private static IEnumerable<string> MrsiSummaryLines(Pipeline.Mrsi.MrsiOutcome mrsi)
    {
        var q = mrsi.Quantification;
        yield return FormattableString.Invariant($"MRSI: {mrsi.Count(Quantification.Mrsi.VoxelState.Reported)} of {q.Voxels.Count} voxels reported, {mrsi.Count(Quantification.Mrsi.VoxelState.Rejected)} rejected, {mrsi.Count(Quantification.Mrsi.VoxelState.Failed)} failed, {mrsi.Count(Quantification.Mrsi.VoxelState.NotFitted)} not fitted");
        foreach (var region in q.Regions)
        {
            var (c, r, s) = q.Geometry.Position(region.VoxelIndex);
            yield return FormattableString.Invariant($"  {region.Label} (column {c}, row {r}, slice {s}): {string.Join(", ", region.Values.Select(v => $"{v.Key} {v.Value:0.###}"))}");
        }
        yield return mrsi.Image is { } image
            ? FormattableString.Invariant($"  maps over {Path.GetFileName(image.Path)} frame {image.Frame + 1} ({image.DistanceMm:0.0} mm from the slab centre)")
            : "  no MR image of the same frame of reference: maps on their own grid";
    }
}
