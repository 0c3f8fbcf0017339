using System.Net.Sockets;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Pdus;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>
/// A storage SCU that sends a data set's bytes exactly as given (no parsing, no re-encoding), as a hostile peer
/// would: the only way to deliver a deflate bomb, which any real toolkit would inflate before sending.
/// </summary>
internal static class RawStoreScu
{
    private const int FragmentBytes = 16 * 1024;

    /// <summary>Associates, sends one C-STORE with <paramref name="dataSet"/> in <paramref name="transferSyntax"/>, releases; returns the response.</summary>
    public static Task<CStoreResponse> StoreAsync(int port, string sopClass, string sopInstance, string transferSyntax, byte[] dataSet, CancellationToken ct) =>
        StoreAsync(port, sopClass, sopInstance, transferSyntax, new MemoryStream(dataSet), ct);

    /// <summary>The same with the data set read from <paramref name="dataSet"/> as it is sent (a large object never sits in the test's memory).</summary>
    public static async Task<CStoreResponse> StoreAsync(int port, string sopClass, string sopInstance, string transferSyntax, Stream dataSet, CancellationToken ct)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port, ct);
        var pdus = new PduStream(client.GetStream(), 1 << 20);
        await pdus.WriteAsync(new AssociateRequest("MRSNODE", "RAWSCU",
            [new PresentationContextRequest(1, sopClass, [transferSyntax])], new UserInformation { MaxPduLength = 64 * 1024 }), ct);
        var accept = await pdus.ReadAsync(ct) as AssociateAccept ?? throw new IOException("association not accepted");
        if (accept.PresentationContexts is not [{ Result: PresentationContextResult.Acceptance } pc] || pc.TransferSyntax != transferSyntax)
        {
            throw new IOException($"{transferSyntax} not accepted for {sopClass}");
        }
        await pdus.WriteAsync(new PDataTransfer([new Pdv(1, true, true, DimseCommandCodec.Encode(new CStoreRequest(1, sopClass, sopInstance)))]), ct);
        var fragment = new byte[FragmentBytes];
        int filled = await dataSet.ReadAtLeastAsync(fragment, FragmentBytes, throwOnEndOfStream: false, ct);
        while (true)
        {
            var next = new byte[FragmentBytes];
            int nextFilled = await dataSet.ReadAtLeastAsync(next, FragmentBytes, throwOnEndOfStream: false, ct);
            await pdus.WriteAsync(new PDataTransfer([new Pdv(1, false, nextFilled == 0, fragment.AsMemory(0, filled))]), ct);
            if (nextFilled == 0)
            {
                break;
            }
            (fragment, filled) = (next, nextFilled);
        }
        var command = new MemoryStream();
        while (await pdus.ReadAsync(ct) is PDataTransfer pdata)
        {
            foreach (var pdv in pdata.Values)
            {
                command.Write(pdv.Data.Span);
                if (pdv.IsLastFragment)
                {
                    var response = (CStoreResponse)DimseCommandCodec.Decode(command.ToArray());
                    await pdus.WriteAsync(new ReleaseRequest(), ct);
                    await pdus.ReadAsync(ct);
                    return response;
                }
            }
        }
        throw new IOException("the association ended without a C-STORE response");
    }
}
