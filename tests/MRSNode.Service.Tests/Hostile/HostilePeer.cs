using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using MRSNode.Dicom;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Pdus;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>A peer on a raw socket that sends what a hostile or broken device sends, and reads the node's answer PDU by PDU.</summary>
internal sealed class HostilePeer : IAsyncDisposable
{
    /// <summary>The C-STORE context every request here proposes (ID 1): MR Spectroscopy in Explicit VR Little Endian.</summary>
    public static readonly PresentationContextRequest MrsContext = new(1, DicomUids.MRSpectroscopyStorage, [DicomUids.ExplicitVRLittleEndian]);

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private HostilePeer(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <param name="from">A loopback source address other than 127.0.0.1, to stand for a second device.</param>
    public static async Task<HostilePeer> ConnectAsync(int port, IPAddress? from = null)
    {
        var client = from is null ? new TcpClient() : new TcpClient(new IPEndPoint(from, 0));
        client.NoDelay = true;
        await client.ConnectAsync("127.0.0.1", port);
        return new HostilePeer(client);
    }

    /// <summary>Connections that never send a byte; the caller disposes them.</summary>
    public static async Task<List<TcpClient>> OpenIdleAsync(int port, int count)
    {
        var sockets = new List<TcpClient>();
        for (int i = 0; i < count; i++)
        {
            var client = new TcpClient();
            sockets.Add(client);
            using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await client.ConnectAsync("127.0.0.1", port, connect.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                break; // the listen backlog is full: as many as the node lets in are open
            }
        }
        return sockets;
    }

    /// <summary>True when the node has closed this idle connection (a read would return 0 or fail).</summary>
    public static bool ClosedByNode(TcpClient client)
    {
        try
        {
            return client.Client.Poll(0, SelectMode.SelectRead) && client.Client.Available == 0;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    public static byte[] AssociateRequest(IReadOnlyList<PresentationContextRequest>? contexts = null, uint maxPduLength = 16384) =>
        PduCodec.Encode(new AssociateRequest("MRSNODE", "HOSTILE", contexts ?? [MrsContext], new UserInformation { MaxPduLength = maxPduLength }));

    /// <summary>A C-STORE-RQ command set with the UIDs exactly as given (no validation) and the given CommandDataSetType.</summary>
    public static byte[] StoreCommand(string sopInstanceUid, ushort dataSetType = 0x0000)
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0000, 0x0000), DicomVR.UL, new byte[4]));
        ds.AddOrUpdate(ReceivedUid.Element(new DicomTag(0x0000, 0x0002), DicomUids.MRSpectroscopyStorage));
        ds.AddOrUpdate<ushort>(new DicomTag(0x0000, 0x0100), DicomVR.US, CommandField.CStoreRequest);
        ds.AddOrUpdate<ushort>(new DicomTag(0x0000, 0x0110), DicomVR.US, 7);
        ds.AddOrUpdate<ushort>(new DicomTag(0x0000, 0x0700), DicomVR.US, 0);
        ds.AddOrUpdate<ushort>(new DicomTag(0x0000, 0x0800), DicomVR.US, dataSetType);
        ds.AddOrUpdate(ReceivedUid.Element(new DicomTag(0x0000, 0x1000), sopInstanceUid));
        return MRSNode.Dicom.IO.DicomDatasetSerializer.ToBytes(ds, DicomTransferSyntax.ImplicitVRLittleEndian);
    }

    public static byte[] PData(bool command, bool last, ReadOnlyMemory<byte> data) =>
        PduCodec.Encode(new PDataTransfer([new Pdv(1, command, last, data)]));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Associates with <see cref="MrsContext"/>; throws unless the answer is an A-ASSOCIATE-AC.</summary>
    public async Task AssociateAsync()
    {
        await SendAsync(AssociateRequest());
        var answer = await ReadPduAsync(TimeSpan.FromSeconds(10));
        if (answer is not [(byte)PduType.AssociateAccept, ..])
        {
            throw new IOException($"not accepted: {(answer is null ? "closed" : Convert.ToHexString(answer.AsSpan(0, Math.Min(16, answer.Length))))}");
        }
    }

    /// <summary>Sends a C-STORE-RQ (command, then the data set, whose last fragment is flagged last) and returns the node's response.</summary>
    public async Task<CStoreResponse> StoreAsync(byte[] command, byte[]? dataSet, TimeSpan timeout)
    {
        await SendAsync(PData(command: true, last: true, command));
        // In 16 KiB fragments (the node accepts PDUs up to 64 KiB); the last one flagged last.
        for (int at = 0; dataSet is not null && (at < dataSet.Length || at == 0); at += 16384)
        {
            int n = Math.Min(16384, dataSet.Length - at);
            await SendAsync(PData(command: false, last: at + n == dataSet.Length, dataSet.AsMemory(at, n)));
        }
        return await ReadResponseAsync(timeout);
    }

    public async Task<CStoreResponse> ReadResponseAsync(TimeSpan timeout)
    {
        var pdu = await ReadPduAsync(timeout) ?? throw new IOException("closed instead of answering");
        var pdata = (PDataTransfer)PduCodec.Decode((PduType)pdu[0], pdu.AsMemory(6));
        return (CStoreResponse)DimseCommandCodec.Decode(pdata.Values[0].Data);
    }

    /// <summary>The next whole PDU (header included), or null when the node closed the connection.</summary>
    public async Task<byte[]?> ReadPduAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var header = new byte[6];
        if (!await ReadExactly(header, cts.Token))
        {
            return null;
        }
        var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(2))];
        return await ReadExactly(body, cts.Token) ? [.. header, .. body] : null;
    }

    private async Task<bool> ReadExactly(byte[] buffer, CancellationToken ct)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int n = await _stream.ReadAsync(buffer.AsMemory(total), ct);
                if (n == 0)
                {
                    return false;
                }
                total += n;
            }
        }
        catch (IOException)
        {
            return false;
        }
        return true;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
