using System.CommandLine;
using MRSNode.Cli.Commands;
using MRSNode.Accelerators.Devices;

namespace MRSNode.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // MathNet splits each FFT of a few thousand points into Parallel.For work items; every command here already
        // runs spectra (voxels, jobs, simulated sets) in parallel, so that is scheduling overhead, not speed: a tenth
        // of an MRSI grid's fit (docs/benchmarks.md, "MRSI batched fit"). The same transforms, one thread each.
        MathNet.Numerics.Control.UseSingleThread();
        // The one device selection of the process (its one "auto" line on stderr) and the backend factory of every
        // command that runs a network (serve, quantify, train, the benches): ILGPU on the GPU, else the CPU backend.
        var selection = new AcceleratorSelection(line => Console.Error.WriteLine(line));
        var backends = new IlgpuBackendFactory(selection);
        var root = new RootCommand("MRSNode: a DICOM node that quantifies proton MR spectroscopy and reports to PACS.");
        root.Subcommands.Add(ServeCommand.Create(backends));
        root.Subcommands.Add(DicomCommands.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(DeviceCommand.Create(selection));
        root.Subcommands.Add(QuantifyCommand.Create(backends));
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(BasisCommands.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(TrainCommand.Create(backends));
        root.Subcommands.Add(BenchCommands.Create(backends));
        return root.Parse(args).Invoke();
    }
}
