using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MRSNode.SpinSimulation;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode bench basis`: time to simulate every metabolite of the shipped spin-system library for each sequence with
/// ideal pulses, on all cores (issue 21's target: a full PRESS basis under 30 s on 2 cores).
/// </summary>
internal static class BasisSimulationBenchmark
{
    public static Command CreateCommand()
    {
        var frequency = new Option<double>("--frequency") { Description = "Spectrometer frequency (MHz).", DefaultValueFactory = _ => 123.2 };
        var points = new Option<int>("--points") { Description = "Points per FID.", DefaultValueFactory = _ => 4096 };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs per sequence after the first (median reported).", DefaultValueFactory = _ => 3 };
        var command = new Command("basis", "Basis simulation speed: every metabolite of the library, per sequence, all cores.") { frequency, points, repeat };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            double mhz = parse.GetValue(frequency);
            int n = Math.Max(1, parse.GetValue(repeat));
            var simulator = new DensityMatrixBasisSimulator();
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine($"# mrsnode bench basis — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine(string.Create(inv, $"{simulator.Library.Metabolites.Count} metabolites (spin systems v{simulator.Library.Version}), {mhz:0.###} MHz, {parse.GetValue(points)} points, 4000 Hz, ideal pulses"));
            Console.WriteLine();
            Console.WriteLine("| sequence | first run (JIT) | median of next | slowest metabolite |");
            Console.WriteLine("|---|---:|---:|---|");
            foreach (var request in Requests(mhz, parse.GetValue(points)))
            {
                var sw = Stopwatch.StartNew();
                simulator.Simulate(request);
                double first = sw.Elapsed.TotalSeconds;
                var times = new List<double>();
                for (int i = 0; i < n; i++)
                {
                    sw.Restart();
                    simulator.Simulate(request);
                    times.Add(sw.Elapsed.TotalSeconds);
                }
                times.Sort();
                var (slowest, slowestSeconds) = Slowest(simulator, request);
                Console.WriteLine(string.Create(inv, $"| {simulator.Describe(request).Sequence} {simulator.Describe(request).Timing} | {first:F2} s | {times[times.Count / 2]:F2} s | {slowest} {slowestSeconds:F2} s |"));
            }
            return 0;
        }));
        return command;
    }

    private static IEnumerable<BasisSimulationRequest> Requests(double mhz, int points)
    {
        var press = new BasisSimulationRequest { FrequencyMHz = mhz, Sequence = LocalizationSequence.Press, EchoTimeMs = 30, Te1Ms = 11, Te2Ms = 19, Points = points };
        yield return press;
        yield return press with { Sequence = LocalizationSequence.Steam, EchoTimeMs = 11, Te1Ms = null, Te2Ms = null, MixingTimeMs = 32 };
        yield return press with { Sequence = LocalizationSequence.SemiLaser, Te1Ms = null, Te2Ms = null };
        yield return press with { Sequence = LocalizationSequence.Special, EchoTimeMs = 9, Te1Ms = null, Te2Ms = null };
        yield return press with
        {
            Sequence = LocalizationSequence.MegaPress, EchoTimeMs = 68, Te1Ms = null, Te2Ms = null,
            Editing = new EditingPulse { OnPpm = 1.9, OffPpm = 7.5 },
        };
    }

    /// <summary>The metabolite that takes longest alone (one core).</summary>
    private static (string Name, double Seconds) Slowest(DensityMatrixBasisSimulator simulator, BasisSimulationRequest request)
    {
        var sw = new Stopwatch();
        return simulator.Library.Metabolites.Select(m =>
        {
            sw.Restart();
            simulator.Simulate(request with { Metabolites = [m.Name] });
            return (m.Name, sw.Elapsed.TotalSeconds);
        }).MaxBy(t => t.Item2);
    }
}
