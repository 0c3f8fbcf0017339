using System.Buffers.Binary;

namespace MRSNode.Dicom.Network.Pdus;

/// <summary>
/// Reads and writes whole PDUs on a transport stream. A declared length is checked against a
/// per-type limit before anything is allocated, so stray traffic (an HTTP request, a P-DATA
/// claiming 4 GB) is refused instead of buffered.
/// </summary>
public sealed class PduStream
{
    /// <summary>Association, release and abort PDUs are small; this bounds them generously.</summary>
    public const int MaxControlPduLength = 1 << 20;

    private readonly Stream _stream;
    private readonly byte[] _header = new byte[6];

    /// <summary>Hard cap on any P-DATA-TF body, whatever was configured: one PDU is one buffer.</summary>
    public const uint AbsoluteMaxPDataLength = 64u << 20;

    /// <param name="maxPDataLength">The largest P-DATA-TF body accepted (what we advertised; 0, "unlimited", means the 64 MiB cap).</param>
    public PduStream(Stream stream, uint maxPDataLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        MaxPDataLength = maxPDataLength == 0 ? AbsoluteMaxPDataLength : Math.Min(maxPDataLength, AbsoluteMaxPDataLength);
    }

    public uint MaxPDataLength { get; }

    public Stream Stream => _stream;

    /// <summary>The next PDU, or null when the peer closed the connection between PDUs.</summary>
    /// <exception cref="PduFormatException">Unknown type or a length over the limit.</exception>
    /// <exception cref="EndOfStreamException">The peer stopped in the middle of a PDU.</exception>
    public async ValueTask<Pdu?> ReadAsync(CancellationToken cancellationToken)
    {
        int got = await ReadAtLeast(_header, 6, allowEmpty: true, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }
        var type = (PduType)_header[0];
        uint length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(2));
        if (type is < PduType.AssociateRequest or > PduType.Abort)
        {
            throw new PduFormatException($"unrecognized PDU type 0x{_header[0]:X2} (length {length})", AbortReason.UnrecognizedPdu);
        }
        uint limit = type == PduType.PData ? MaxPDataLength : MaxControlPduLength;
        if (length > limit)
        {
            throw new PduFormatException($"{type} PDU length {length} exceeds the limit of {limit}", AbortReason.InvalidPduParameterValue);
        }
        var body = new byte[length];
        await ReadAtLeast(body, (int)length, allowEmpty: false, cancellationToken).ConfigureAwait(false);
        return PduCodec.Decode(type, body.AsMemory());
    }

    public async ValueTask WriteAsync(Pdu pdu, CancellationToken cancellationToken)
    {
        if (pdu is PDataTransfer { Values: [var pdv] })
        {
            // The bulk of a transfer: header and data written as they are, so sending an object allocates nothing per PDU.
            var header = new byte[12];
            header[0] = (byte)PduType.PData;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(2), (uint)(pdv.Data.Length + 6));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(6), (uint)(pdv.Data.Length + 2));
            header[10] = pdv.PresentationContextId;
            header[11] = pdv.ControlHeader;
            await _stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await _stream.WriteAsync(pdv.Data, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var bytes = PduCodec.Encode(pdu);
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<int> ReadAtLeast(byte[] buffer, int count, bool allowEmpty, CancellationToken ct)
    {
        int total = 0;
        while (total < count)
        {
            int n = await _stream.ReadAsync(buffer.AsMemory(total, count - total), ct).ConfigureAwait(false);
            if (n == 0)
            {
                if (total == 0 && allowEmpty)
                {
                    return 0;
                }
                throw new EndOfStreamException($"connection closed after {total} of {count} bytes of a PDU");
            }
            total += n;
        }
        return total;
    }
}
