using System.CommandLine;
using MRSNode.Cli.Commands;
using MRSNode.Quantification.Cuda;

namespace MRSNode.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // "auto" and "cuda" (train --device, ComputeBackends) go through the CUDA selector; its one line goes to stderr.
        DeviceSelector.Register(line => Console.Error.WriteLine(line));
        var root = new RootCommand("MRSNode: a DICOM node that quantifies proton MR spectroscopy and reports to PACS.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DicomCommands.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(DeviceCommand.Create());
        root.Subcommands.Add(QuantifyCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(BenchCommands.Create());
        return root.Parse(args).Invoke();
    }
}
