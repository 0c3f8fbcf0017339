using System.CommandLine;
using MRSNode.Cli.Commands;

namespace MRSNode.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("MRSNode: a DICOM node that quantifies proton MR spectroscopy and reports to PACS.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DicomCommands.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(QuantifyCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(BenchCommands.Create());
        return root.Parse(args).Invoke();
    }
}
