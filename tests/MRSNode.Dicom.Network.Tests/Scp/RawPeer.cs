using System.Buffers.Binary;
using System.Net.Sockets;
using MRSNode.Dicom.Network.Pdus;

namespace MRSNode.Dicom.Network.Tests.Scp;

/// <summary>A scripted peer on a raw socket: sends whatever bytes a test wants and reads back raw PDUs.</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RawPeer(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawPeer> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        return new RawPeer(client);
    }

    public static byte[] AssociateRequest(string called = "MRSNODE", string calling = "RAWPEER") =>
        PduCodec.Encode(new AssociateRequest(called, calling,
            [new PresentationContextRequest(1, DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])],
            new UserInformation { MaxPduLength = 16384 }));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Sends an A-ASSOCIATE-RQ and returns the answer's PDU type.</summary>
    public async Task<PduType> AssociateAsync()
    {
        await SendAsync(AssociateRequest());
        var pdu = await ReadPduAsync(TimeSpan.FromSeconds(5)) ?? throw new IOException("closed instead of answering");
        return (PduType)pdu[0];
    }

    /// <summary>The next whole PDU (header included), or null when the server closed the connection.</summary>
    public async Task<byte[]?> ReadPduAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var header = new byte[6];
        if (!await ReadExactly(header, cts.Token))
        {
            return null;
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(2));
        var body = new byte[length];
        if (!await ReadExactly(body, cts.Token))
        {
            return null;
        }
        return [.. header, .. body];
    }

    /// <summary>True when the server closes the connection within the timeout (PDUs sent before closing are skipped).</summary>
    public async Task<bool> ClosedWithinAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(buffer, cts.Token) > 0)
            {
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
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
