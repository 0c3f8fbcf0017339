using System.CommandLine;
using System.Globalization;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode simulate mrsi --out DIR [--grid 16x16x1] [--snr 20] [--seed N] [--voxel-size MM] [--press-box]
/// [--basis FILE]`: the MRSI phantom (brain ellipse, scalp lipid ring, a lesion and its contralateral mirror) as
/// mrsi.dcm, a T1-like MR image per slice of the same study and frame of reference, and truth.json.
/// </summary>
internal static class SimulateMrsiCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Required = true, Description = "Output folder (created when missing)." };
        var grid = new Option<string>("--grid") { DefaultValueFactory = _ => "16x16x1", Description = "Columns x rows x slices." };
        var snr = new Option<double>("--snr") { DefaultValueFactory = _ => 20, Description = "NAA SNR of a normal brain voxel (the noise SD is the same in every voxel)." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1, Description = "Random seed: the same seed gives identical spectra." };
        var voxelSize = new Option<double>("--voxel-size") { DefaultValueFactory = _ => 10, Description = "In-plane voxel size and slice thickness, mm." };
        var pressBox = new Option<bool>("--press-box") { Description = "Excite a PRESS box inside the brain (metabolites only inside it, scalp lipid suppressed outside)." };
        var basis = new Option<FileInfo?>("--basis") { Description = "LCModel .BASIS file to simulate from (default: config/basis-sets/press3T_30ms.BASIS)." };
        var command = new Command("mrsi", "Simulate the MRSI phantom (lesion, contralateral region, scalp lipid ring) as DICOM MR Spectroscopy plus an MR image of the same frame of reference, with truth.json.")
        {
            output, grid, snr, seed, voxelSize, pressBox, basis,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var (columns, rows, slices) = ParseGrid(parse.GetValue(grid)!);
            double size = parse.GetValue(voxelSize);
            var parameters = new MrsiPhantomParameters
            {
                Columns = columns,
                Rows = rows,
                Slices = slices,
                VoxelSizeMm = size,
                SliceThicknessMm = size,
                Snr = parse.GetValue(snr),
                Seed = parse.GetValue(seed),
                PressBox = parse.GetValue(pressBox),
                PressBoxVoxels = Math.Max(2, (int)Math.Round(columns * 0.6)),
            };
            parameters.Validate();
            var basisPath = parse.GetValue(basis)?.FullName ?? Path.Combine(AppContext.BaseDirectory, "config", "basis-sets", "press3T_30ms.BASIS");
            BasisSet set;
            try
            {
                set = LcModelBasisReader.Read(basisPath);
            }
            catch (MrsReadException ex)
            {
                throw new ArgumentException(ex.Message, ex);
            }
            // The shipped basis leaves ECHOT unset; it is the PRESS TE 30 ms set.
            var phantom = new MrsiPhantom(set, parameters with { EchoTimeMs = set.EchoTimeMs ?? 30 });
            var scan = phantom.Simulate();
            var files = MrsiPhantomWriter.Write(scan, phantom.Anatomy, parse.GetValue(output)!.FullName);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"simulated a {columns}x{rows}x{slices} MRSI phantom ({size} mm voxels, SNR {parameters.Snr}, seed {parameters.Seed}{(parameters.PressBox ? ", PRESS box" : "")}): {files.Spectroscopy}, {files.Images.Count} MR image(s), {files.Truth}"));
            return 0;
        }));
        return command;
    }

    private static (int Columns, int Rows, int Slices) ParseGrid(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length is < 2 or > 3 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new ArgumentException($"--grid '{text}' is not COLUMNSxROWS[xSLICES], e.g. 16x16x1.");
        }
        var values = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return (values[0], values[1], values.Length == 3 ? values[2] : 1);
    }
}
