using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode info FILE... [--json]`: what each MRS input is.</summary>
internal static class InfoCommand
{
    public static Option<double?> SpectralWidth() => new("--spectral-width") { Description = "Spectral width in Hz (formats without a header)." };
    public static Option<double?> Frequency() => new("--frequency") { Description = "Transmitter frequency in MHz (formats without a header)." };
    public static Option<double?> EchoTime() => new("--echo-time") { Description = "Echo time in ms (formats without a header)." };

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "MRS files: DICOM, Siemens RDA, Philips SDAT/SPAR, NIfTI-MRS, LCModel .RAW, jMRUI or two-column text." }.FilesOnly();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var sw = SpectralWidth();
        var mhz = Frequency();
        var te = EchoTime();
        var command = new Command("info", "Describe MR spectroscopy inputs: format, vendor, nucleus, points, spectral width, MHz, TE, averages, role, voxels.")
        {
            files, json, sw, mhz, te,
        };
        command.SetAction(parse =>
        {
            var options = new MrsReadOptions { SpectralWidthHz = parse.GetValue(sw), FrequencyMHz = parse.GetValue(mhz), EchoTimeMs = parse.GetValue(te) };
            var paths = parse.GetValue(files)!.Select(f => f.FullName).ToList();
            var results = new List<(string Path, string Format, MrsAcquisition Acquisition)>();
            int failed = 0;
            foreach (var path in paths)
            {
                try
                {
                    var reader = MrsFormats.Default.Detect(path);
                    foreach (var acquisition in reader.Read(path, options))
                    {
                        results.Add((path, reader.FormatName, acquisition));
                    }
                }
                catch (MrsReadException ex)
                {
                    Console.Error.WriteLine($"error: {ex.Message}");
                    failed++;
                }
            }
            Console.Out.Write(parse.GetValue(json) ? Json(results) : Text(results));
            return failed == 0 ? 0 : CliErrors.Failure;
        });
        return command;
    }

    private static string Text(List<(string Path, string Format, MrsAcquisition A)> results)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        foreach (var (path, format, a) in results)
        {
            var p = a.Provenance;
            sb.Append(inv, $"{path}\n");
            sb.Append(inv, $"  format      {format}\n");
            sb.Append(inv, $"  vendor      {string.Join(' ', new[] { p.Manufacturer, p.Model, p.SoftwareVersion is null ? null : $"({p.SoftwareVersion})" }.Where(s => !string.IsNullOrEmpty(s)))}\n");
            sb.Append(inv, $"  nucleus     {a.Nucleus} at {a.TransmitterFrequencyMHz:F6} MHz ({a.FieldStrengthTesla:F2} T)\n");
            sb.Append(inv, $"  points      {a.Points}, spectral width {a.SpectralWidthHz:F3} Hz (dwell {a.DwellTimeSeconds * 1e6:F1} µs)\n");
            sb.Append(inv, $"  TE / TR     {Ms(a.EchoTimeMs)} / {Ms(a.RepetitionTimeMs)} ms\n");
            sb.Append(inv, $"  averages    {(a.AcquiredAverages?.ToString(inv) ?? "?")} acquired, {a.Averages} stored; coils {a.Coils}; voxels {a.Voxels} ({a.Localization.Grid.Columns}×{a.Localization.Grid.Rows}×{a.Localization.Grid.Slices})\n");
            sb.Append(inv, $"  role        {Role(a.Role)}\n");
            if (a.Localization.Technique is { } technique)
            {
                sb.Append(inv, $"  technique   {technique}\n");
            }
        }
        return sb.ToString();
    }

    private static string Ms(double? v) => v?.ToString("0.###", CultureInfo.InvariantCulture) ?? "?";

    private static string Role(AcquisitionRole role) => role switch
    {
        AcquisitionRole.Metabolite => "metabolite",
        AcquisitionRole.WaterReference => "water reference",
        AcquisitionRole.MetaboliteNulled => "metabolite-nulled (macromolecules)",
        _ => "unknown",
    };

    private static readonly JsonSerializerOptions _jsonOptions = new() { WriteIndented = true };

    private static string Json(List<(string Path, string Format, MrsAcquisition A)> results) =>
        JsonSerializer.Serialize(results.Select(r => new Dictionary<string, object?>
        {
            ["path"] = r.Path,
            ["format"] = r.Format,
            ["manufacturer"] = r.A.Provenance.Manufacturer,
            ["model"] = r.A.Provenance.Model,
            ["softwareVersion"] = r.A.Provenance.SoftwareVersion,
            ["nucleus"] = r.A.Nucleus,
            ["frequencyMHz"] = r.A.TransmitterFrequencyMHz,
            ["fieldStrengthT"] = Math.Round(r.A.FieldStrengthTesla, 3),
            ["points"] = r.A.Points,
            ["spectralWidthHz"] = r.A.SpectralWidthHz,
            ["dwellTimeUs"] = r.A.DwellTimeSeconds * 1e6,
            ["referencePpm"] = r.A.ReferencePpm,
            ["echoTimeMs"] = r.A.EchoTimeMs,
            ["repetitionTimeMs"] = r.A.RepetitionTimeMs,
            ["acquiredAverages"] = r.A.AcquiredAverages,
            ["storedAverages"] = r.A.Averages,
            ["coils"] = r.A.Coils,
            ["voxels"] = r.A.Voxels,
            ["grid"] = new[] { r.A.Localization.Grid.Columns, r.A.Localization.Grid.Rows, r.A.Localization.Grid.Slices },
            ["role"] = Role(r.A.Role),
            ["technique"] = r.A.Localization.Technique,
            ["studyInstanceUid"] = r.A.Provenance.StudyInstanceUid,
            ["seriesInstanceUid"] = r.A.Provenance.SeriesInstanceUid,
        }), _jsonOptions) + "\n";
}
