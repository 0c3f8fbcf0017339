using System.Net;
using System.Net.Sockets;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>The SCP could not open its port; the message says why in words an administrator acts on.</summary>
public sealed class DicomListenException : IOException
{
    public DicomListenException(string message, Exception inner) : base(message, inner)
    {
    }

    public DicomListenException()
    {
    }

    public DicomListenException(string message) : base(message)
    {
    }

    public SocketError? SocketError => (InnerException as SocketException)?.SocketErrorCode;

    public static DicomListenException From(SocketException ex, IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(endpoint);
        var why = ex.SocketErrorCode switch
        {
            System.Net.Sockets.SocketError.AddressAlreadyInUse => "the port is already in use by another program (another DICOM server, or an earlier instance still running); stop it or choose another port",
            System.Net.Sockets.SocketError.AddressNotAvailable => "that address is not one of this machine's interfaces",
            System.Net.Sockets.SocketError.AccessDenied => "not permitted (ports below 1024 need privileges: CAP_NET_BIND_SERVICE, or use a port above 1023)",
            _ => $"{ex.SocketErrorCode}: {ex.Message}",
        };
        return new DicomListenException($"cannot listen on {endpoint}: {why}", ex);
    }
}
