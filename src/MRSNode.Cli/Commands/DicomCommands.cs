using System.CommandLine;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode dicom ...`: toolkit commands for files (and, later, the network).</summary>
internal static class DicomCommands
{
    public static Command Create()
    {
        var dicom = new Command("dicom", "DICOM tools: dump files, echo, send, listen.");
        dicom.Subcommands.Add(CreateDump());
        foreach (var command in NetworkCommands.Create())
        {
            dicom.Subcommands.Add(command);
        }
        return dicom;
    }

    private static Command CreateDump()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A DICOM Part 10 file or bare data set." }.FilesOnly();
        var full = new Option<bool>("--full", "-L") { Description = "Print long values completely (like dcmdump +L)." };
        var headerOnly = new Option<bool>("--header-only") { Description = "Stop before bulk data (Spectroscopy Data, Pixel Data, CSA data)." };
        var command = new Command("dump", "Print a data set in dcmdump's layout.") { file, full, headerOnly };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var path = parse.GetValue(file)!;
            var dicomFile = DicomFile.Open(path.FullName, parse.GetValue(headerOnly) ? DicomReadOptions.HeaderOnly : null);
            var dumper = new DicomDumper { MaxValueLength = parse.GetValue(full) ? int.MaxValue : 64 };
            Console.Out.Write(dumper.Dump(dicomFile));
            return 0;
        }));
        return command;
    }
}
