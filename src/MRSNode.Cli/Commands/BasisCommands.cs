using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation;
using MRSNode.SpinSimulation.Caching;
using MRSNode.SpinSimulation.Pulses;
using MRSNode.SpinSimulation.SpinSystems;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode basis simulate --field T|--frequency MHz --sequence press|steam|slaser|special|mega-press --te MS
/// [--te1 MS --te2 MS | --tm MS] [--points N --spectral-width HZ] [--metabolites LIST] [--pulses ideal|shaped
/// [--spatial-points N]] --out FILE.BASIS`: a basis set from the spin-system library by density-matrix simulation,
/// written as LCModel .BASIS.
/// </summary>
internal static class BasisCommands
{
    public static Command Create()
    {
        var basis = new Command("basis", "Basis sets: simulate one for a protocol.");
        basis.Subcommands.Add(Simulate());
        return basis;
    }

    private static Command Simulate()
    {
        var field = new Option<double?>("--field") { Description = "Field strength in tesla (the ¹H frequency is γ·B0)." };
        var frequency = new Option<double?>("--frequency") { Description = "¹H transmitter frequency in MHz (instead of --field)." };
        var sequence = new Option<string>("--sequence") { Required = true, Description = "press, steam, slaser, special or mega-press." };
        sequence.AcceptOnlyFromAmong("press", "steam", "slaser", "special", "mega-press");
        var te = new Option<double>("--te") { Required = true, Description = "Echo time in ms." };
        var te1 = new Option<double?>("--te1") { Description = "PRESS/MEGA-PRESS first half-echo in ms (with --te2; TE1 + TE2 = TE); default: TE split 11:19 as the ISMRM 2016 basis." };
        var te2 = new Option<double?>("--te2") { Description = "PRESS/MEGA-PRESS second half-echo in ms." };
        var tm = new Option<double?>("--tm") { Description = $"STEAM mixing time in ms; default {AcquisitionProtocol.DefaultMixingTimeMs.ToString(CultureInfo.InvariantCulture)}." };
        var editOn = new Option<double>("--edit-on") { Description = "MEGA-PRESS: editing pulse ON frequency (ppm).", DefaultValueFactory = _ => 1.9 };
        var editOff = new Option<double>("--edit-off") { Description = "MEGA-PRESS: editing pulse OFF frequency (ppm).", DefaultValueFactory = _ => 7.5 };
        var points = new Option<int>("--points") { Description = "Points per FID.", DefaultValueFactory = _ => 4096 };
        var width = new Option<double>("--spectral-width") { Description = "Spectral width in Hz.", DefaultValueFactory = _ => 4000 };
        var metabolites = new Option<string?>("--metabolites") { Description = "Comma-separated metabolite names (e.g. NAA,Cr,PCho); default: every metabolite of the library." };
        var output = new Option<FileInfo>("--out") { Required = true, Description = "The .BASIS file to write." };
        var pulses = new Option<string>("--pulses") { Description = "ideal, or shaped (sLASER: HS1 adiabatic refocusing averaged over slice positions; MEGA-PRESS: Gaussian editing pulses).", DefaultValueFactory = _ => "ideal" };
        pulses.AcceptOnlyFromAmong("ideal", "shaped");
        var spatialPoints = new Option<int?>("--spatial-points") { Description = $"Shaped sLASER: positions per slice direction; default {ShapedSemiLaserSequence.DefaultSpatialPoints}." };
        var command = new Command("simulate", "Simulate a basis set for a protocol (density matrix, ideal or shaped pulses) and write it as LCModel .BASIS.")
        {
            field, frequency, sequence, te, te1, te2, tm, editOn, editOff, points, width, metabolites, output, pulses, spatialPoints,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var library = SpinSystemLibrary.LoadEmbedded();
            var request = WithPulses(Request(parse, library, field, frequency, sequence, te, te1, te2, tm, editOn, editOff, points, width, metabolites, out var assumption),
                parse.GetValue(pulses)!, parse.GetValue(spatialPoints));
            if (assumption is not null)
            {
                Console.WriteLine(assumption);
            }
            var sw = Stopwatch.StartNew();
            var basisSet = new DensityMatrixBasisSimulator(library).Simulate(request, new ConsoleProgress());
            var path = parse.GetValue(output)!.FullName;
            LcModelBasisWriter.Write(basisSet, path, SimulatedBasisCache.HeaderFor(request));
            Console.WriteLine(Invariant($"wrote {path}: {basisSet.Metabolites.Count} metabolites, {request.Points} points, {request.SpectralWidthHz:0.##} Hz, {AcquisitionProtocol.SequenceName(request.Sequence)} TE {request.EchoTimeMs:0.##} ms, {request.FrequencyMHz:0.###} MHz, in {sw.Elapsed.TotalSeconds:0.0} s"));
            return 0;
        }));
        return command;
    }

    private static LocalizationSequence SequenceOf(string name) => name.ToLowerInvariant() switch
    {
        "press" => LocalizationSequence.Press,
        "steam" => LocalizationSequence.Steam,
        "slaser" => LocalizationSequence.SemiLaser,
        "special" => LocalizationSequence.Special,
        "mega-press" => LocalizationSequence.MegaPress,
        _ => throw new ArgumentException($"unknown sequence '{name}': press, steam, slaser, special or mega-press."),
    };

    /// <summary>The request the options ask for; an inconsistent or incomplete command line is an <see cref="ArgumentException"/> (one line, exit 1).</summary>
    private static BasisSimulationRequest Request(ParseResult parse, SpinSystemLibrary library, Option<double?> field, Option<double?> frequency, Option<string> sequenceOption,
        Option<double> teOption, Option<double?> te1Option, Option<double?> te2Option, Option<double?> tmOption, Option<double> editOn, Option<double> editOff,
        Option<int> pointsOption, Option<double> widthOption, Option<string?> metabolitesOption, out string? assumption)
    {
        assumption = null;
        double mhz = (parse.GetValue(field), parse.GetValue(frequency)) switch
        {
            ({ }, { }) => throw new ArgumentException("give --field or --frequency, not both."),
            ({ } tesla, null) => tesla * Nuclei.GyromagneticRatioMHzPerTesla("1H"),
            (null, { } given) => given,
            _ => throw new ArgumentException("no field: give --field T or --frequency MHz."),
        };
        if (!(mhz is > 1 and < 1500))
        {
            throw new ArgumentException(Invariant($"the ¹H frequency {mhz:0.###} MHz is not a scanner's."));
        }
        var sequence = SequenceOf(parse.GetValue(sequenceOption)!);
        double te = parse.GetValue(teOption);
        Positive(te, "--te");
        int points = parse.GetValue(pointsOption);
        if (points is < 64 or > 65536)
        {
            throw new ArgumentException(Invariant($"--points {points} is outside 64..65536."));
        }
        double width = parse.GetValue(widthOption);
        Positive(width, "--spectral-width");
        var request = new BasisSimulationRequest { FrequencyMHz = mhz, Sequence = sequence, EchoTimeMs = te, Points = points, SpectralWidthHz = width };
        var (te1, te2, tm) = (parse.GetValue(te1Option), parse.GetValue(te2Option), parse.GetValue(tmOption));
        if (sequence is LocalizationSequence.Press or LocalizationSequence.MegaPress)
        {
            if (tm is not null)
            {
                throw new ArgumentException("--tm is STEAM's mixing time; PRESS takes --te1 and --te2.");
            }
            if (te1 is null && te2 is null)
            {
                te1 = Math.Round(te * AcquisitionProtocol.PressTe1Fraction, 1);
                assumption = Invariant($"TE1/TE2 not given: {te1:0.##}/{te - te1:0.##} ms (split 11:19 as the ISMRM 2016 basis)");
            }
            double first = te1 ?? te - te2!.Value, second = te2 ?? te - first;
            Positive(first, "--te1");
            Positive(second, "--te2");
            if (Math.Abs(first + second - te) > 1e-6)
            {
                throw new ArgumentException(Invariant($"--te1 {first:0.###} + --te2 {second:0.###} ms is not --te {te:0.###} ms."));
            }
            request = request with { Te1Ms = first, Te2Ms = second };
            if (sequence == LocalizationSequence.MegaPress)
            {
                request = request with { Editing = new EditingPulse { OnPpm = parse.GetValue(editOn), OffPpm = parse.GetValue(editOff) } };
            }
        }
        else if (te1 is not null || te2 is not null)
        {
            throw new ArgumentException("--te1/--te2 are PRESS timing; this sequence takes --te (and STEAM --tm).");
        }
        else if (sequence == LocalizationSequence.Steam)
        {
            if (tm is null)
            {
                assumption = Invariant($"TM not given: {AcquisitionProtocol.DefaultMixingTimeMs:0.##} ms");
            }
            Positive(tm ?? AcquisitionProtocol.DefaultMixingTimeMs, "--tm");
            request = request with { MixingTimeMs = tm ?? AcquisitionProtocol.DefaultMixingTimeMs };
        }
        else if (tm is not null)
        {
            throw new ArgumentException("--tm is STEAM's mixing time.");
        }
        if (parse.GetValue(metabolitesOption) is { } list)
        {
            var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.FirstOrDefault(n => library.Find(n) is null) is { } unknown)
            {
                throw new ArgumentException($"unknown metabolite '{unknown}'; known: {string.Join(", ", library.Metabolites.Select(m => m.Name))}.");
            }
            if (names.Length == 0)
            {
                throw new ArgumentException("--metabolites names none.");
            }
            request = request with { Metabolites = names };
        }
        return request;
    }

    private static BasisSimulationRequest WithPulses(BasisSimulationRequest request, string pulses, int? spatialPoints)
    {
        if (pulses != "shaped")
        {
            return spatialPoints is null ? request : throw new ArgumentException("--spatial-points goes with --pulses shaped.");
        }
        if (spatialPoints is < 1)
        {
            throw new ArgumentException(Invariant($"--spatial-points {spatialPoints} must be 1 or more."));
        }
        if (spatialPoints is not null && request.Sequence != LocalizationSequence.SemiLaser)
        {
            throw new ArgumentException("--spatial-points is sLASER's slice grid; MEGA-PRESS's editing pulses are not slice-selective.");
        }
        return request with { Pulses = PulseModel.Shaped, SpatialPoints = spatialPoints };
    }

    private static void Positive(double value, string option)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentException(Invariant($"{option} {value} must be a positive number."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One line per metabolite as it finishes; counted here, as the simulator reports from several threads.</summary>
    private sealed class ConsoleProgress : IProgress<BasisSimulationProgress>
    {
        private readonly Lock _gate = new();
        private int _done;

        public void Report(BasisSimulationProgress value)
        {
            lock (_gate)
            {
                Console.WriteLine($"metabolite {++_done}/{value.Total}: {value.Metabolite}");
            }
        }
    }
}
