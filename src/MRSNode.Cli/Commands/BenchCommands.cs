using System.CommandLine;
using MRSNode.Neural.Backend;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode bench ...`: throughput measurements recorded in docs/benchmarks.md.</summary>
internal static class BenchCommands
{
    public static Command Create(IComputeBackendFactory backends)
    {
        var bench = new Command("bench", "Benchmarks (results belong in docs/benchmarks.md).");
        bench.Subcommands.Add(DicomParseBenchmark.CreateCommand());
        bench.Subcommands.Add(StoreThroughputBenchmark.CreateCommand());
        bench.Subcommands.Add(FitBenchmark.CreateCommand());
        bench.Subcommands.Add(MrsiBenchmark.CreateCommand());
        bench.Subcommands.Add(ReportBenchmark.CreateCommand(backends));
        bench.Subcommands.Add(ServeBenchmark.CreateCommand(backends));
        bench.Subcommands.Add(NeuralBenchmark.CreateCommand());
        bench.Subcommands.Add(BasisSimulationBenchmark.CreateCommand());
        return bench;
    }
}
