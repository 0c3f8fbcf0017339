using MRSNode.Dicom;
using MRSNode.Dicom.Network.Scu;

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
        catch (Exception ex) when (IsExpected(ex))
        {
            return Report(ex);
        }
    }

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            return Report(ex);
        }
    }

    /// <summary>
    /// An input problem (any layer's <see cref="InputProblemException"/>), or what a command line meets outside the
    /// data: the file system, a value the command checks, a peer, the node's configuration, the device, an installed model.
    /// </summary>
    private static bool IsExpected(Exception ex) =>
        ex is InputProblemException
            or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
            or ArgumentException or InvalidOperationException
            or DicomAssociationException
            or MRSNode.Service.Configuration.NodeConfigurationException or MRSNode.Service.Hosting.WindowsServiceException
            or MRSNode.Neural.Backend.BackendNotAvailableException
            or MRSNode.Quantification.Neural.Models.ModelMismatchException or MRSNode.Neural.Serialization.SafeTensorsFormatException;

    private static int Report(Exception ex)
    {
        // The libraries word their messages for the node; on the command line a basis set can also be given directly.
        var hint = ex is MRSNode.Spectroscopy.BasisSetSelectionException ? " Or pass one with --basis FILE." : "";
        Console.Error.WriteLine($"error: {ex.Message.ReplaceLineEndings(" ")}{hint}");
        return Failure;
    }
}
