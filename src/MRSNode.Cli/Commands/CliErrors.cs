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

    private static bool IsExpected(Exception ex) =>
        ex is DicomFormatException or DicomValueException or DicomAssociationException or IOException or UnauthorizedAccessException
            or InvalidOperationException or ArgumentException or System.Security.Cryptography.CryptographicException
            or MRSNode.Spectroscopy.Readers.MrsReadException or MRSNode.Pipeline.QuantificationException or MRSNode.Spectroscopy.BasisSetSelectionException or MRSNode.Service.Configuration.NodeConfigurationException
            or MRSNode.Service.Hosting.WindowsServiceException
            or MRSNode.Neural.Backend.BackendNotAvailableException or MRSNode.Quantification.Neural.Models.ModelMismatchException
            or MRSNode.Neural.Serialization.SafeTensorsFormatException or MRSNode.Quantification.Cuda.Driver.CudaException;

    private static int Report(Exception ex)
    {
        Console.Error.WriteLine($"error: {ex.Message.ReplaceLineEndings(" ")}");
        return Failure;
    }
}
