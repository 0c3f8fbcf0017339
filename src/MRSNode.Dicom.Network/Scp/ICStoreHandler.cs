using System.Net;
using MRSNode.Dicom.Network.Dimse;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>Who sent what: the C-STORE request with its association's negotiated context.</summary>
public sealed record CStoreContext(
    CStoreRequest Request,
    string TransferSyntaxUid,
    string CallingAeTitle,
    string CalledAeTitle,
    EndPoint? RemoteEndPoint)
{
    /// <summary>Why the object was refused, set by the handler with a failure status; sent as Error Comment (0000,0902), no PHI.</summary>
    public string? ErrorComment { get; set; }
}

/// <summary>
/// Receives C-STORE data sets as streams, so an object of any size never sits in memory:
/// <see cref="OpenAsync"/> gives the sink for the data set bytes exactly as received;
/// <see cref="CompleteAsync"/> makes it durable and returns the status sent to the peer
/// (success only once the object is safely on disk); <see cref="Abandon"/> discards it when the
/// association dies mid-object or the object is refused.
/// </summary>
public interface ICStoreHandler
{
    ValueTask<Stream> OpenAsync(CStoreContext context, CancellationToken cancellationToken);

    ValueTask<DimseStatus> CompleteAsync(CStoreContext context, Stream dataSet, CancellationToken cancellationToken);

    void Abandon(CStoreContext context, Stream dataSet);
}
