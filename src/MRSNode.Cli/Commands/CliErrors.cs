using MRSNode.Dicom;

namespace MRSNode.Cli.Commands;

/// <summary>Turns expected failures into one line on stderr and a non-zero exit code.</summary>
internal static class CliErrors
{
    public const int Failure = 1;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is DicomFormatException or DicomValueException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {ex.Message.ReplaceLineEndings(" ")}");
            return Failure;
        }
    }
}
