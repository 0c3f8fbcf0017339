using System.CommandLine;
using System.Globalization;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode simulate --basis FILE --count N --snr X --seed S --out DIR [--format dicom|lcmodel|nifti]
/// [--points N] [--spectral-width HZ]`: a reproducible set of simulated spectra with truth.json.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var basis = new Option<FileInfo>("--basis") { Required = true, Description = "LCModel .BASIS file to simulate from." };
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 10, Description = "Number of spectra." };
        var snr = new Option<double?>("--snr") { Description = "NAA SNR (peak height of the real spectrum / noise SD); default: drawn from 10–100." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1, Description = "Random seed: the same seed gives identical files." };
        var output = new Option<DirectoryInfo>("--out") { Required = true, Description = "Output folder (created when missing)." };
        var format = new Option<string>("--format") { DefaultValueFactory = _ => "nifti", Description = "Output format: dicom, lcmodel or nifti." };
        format.AcceptOnlyFromAmong("dicom", "lcmodel", "nifti");
        var points = new Option<int?>("--points") { Description = "Points per FID (default: the basis's)." };
        var spectralWidth = new Option<double?>("--spectral-width") { Description = "Spectral width in Hz (default: the basis's; otherwise the basis is resampled)." };
        var echoTime = new Option<double?>("--echo-time") { Description = "TE in ms written into the spectra (default: the basis file's ECHOT, else the TE of its entry in config/basis-sets/manifest.json)." };
        var command = new Command("simulate", "Simulate MR spectra from a basis set (amplitudes, shifts, dampings, phases, noise, MM, water, baseline) with their truth.")
        {
            basis, count, snr, seed, output, format, points, spectralWidth, echoTime,
        };
        command.Subcommands.Add(SimulateMrsiCommand.Create());
        command.SetAction(parse => CliErrors.Run(() =>
        {
            int n = parse.GetValue(count);
            if (n < 1 || n > 100_000)
            {
                throw new ArgumentException($"--count {n} is outside 1..100000.");
            }
            if (parse.GetValue(snr) is { } s && !(s > 0 && double.IsFinite(s)))
            {
                throw new ArgumentException($"--snr {s.ToString(CultureInfo.InvariantCulture)} is not a positive number.");
            }
            BasisSet set;
            try
            {
                set = LcModelBasisReader.Read(parse.GetValue(basis)!.FullName);
            }
            catch (MrsReadException ex)
            {
                throw new ArgumentException(ex.Message, ex);
            }
            // Many basis files leave ECHOT at -1; the TE then comes from --echo-time or the manifest entry for this file,
            // so simulated DICOM carries a TE and the node can pick the matching basis set for it.
            if (parse.GetValue(echoTime) is { } te)
            {
                set = set with { EchoTimeMs = te };
            }
            else if (set.EchoTimeMs is null && ManifestEchoTime(parse.GetValue(basis)!.Name) is { } fromManifest)
            {
                set = set with { EchoTimeMs = fromManifest };
            }
            var parameters = new SimulationParameters
            {
                Points = parse.GetValue(points),
                SpectralWidthHz = parse.GetValue(spectralWidth),
            };
            if (parse.GetValue(snr) is { } fixedSnr)
            {
                parameters = parameters with { Snr = ValueRange.Fixed(fixedSnr) };
            }
            var kind = parse.GetValue(format) switch
            {
                "dicom" => SimulationFormat.Dicom,
                "lcmodel" => SimulationFormat.LcModel,
                _ => SimulationFormat.Nifti,
            };
            var spectra = new SpectrumSimulator(set, parameters).Simulate(n, parse.GetValue(seed));
            var folder = parse.GetValue(output)!.FullName;
            SimulationWriter.Write(spectra, folder, kind);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"simulated {n} spectra ({spectra[0].Acquisition.Points} points, {spectra[0].Acquisition.SpectralWidthHz:0.###} Hz, {set.FrequencyMHz:0.###} MHz) from {set.Metabolites.Count} basis entries into {folder} as {parse.GetValue(format)}, with truth.json"));
            return 0;
        }));
        return command;
    }

    private static double? ManifestEchoTime(string basisFileName)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "config", "basis-sets", "manifest.json");
        if (!File.Exists(manifest))
        {
            return null;
        }
        var entry = BasisSetCatalog.Load(manifest).Entries.FirstOrDefault(e => string.Equals(Path.GetFileName(e.Path), basisFileName, StringComparison.OrdinalIgnoreCase));
        return entry?.EchoTimeMs;
    }
}
