using MRSNode.Dicom.Network.Tls;

namespace MRSNode.Dicom.Network.Scu;

public sealed record DicomClientOptions
{
    public string CallingAeTitle { get; init; } = "MRSNODE";
    public string CalledAeTitle { get; init; } = "ANY-SCP";
    /// <summary>Largest P-DATA-TF we accept from the peer.</summary>
    /// <remarks>64 KiB keeps each PDU buffer off the large object heap, so receiving large objects stays cheap for the GC.</remarks>
    public uint MaxPduLength { get; init; } = 64 * 1024;
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan ArtimTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>From the TCP connection to the end of the TLS handshake: a peer that accepts and never answers is given up on.</summary>
    public TimeSpan TlsHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How long to wait for a response (and for any PDU while associated).</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(120);
    public DicomTlsOptions? Tls { get; init; }
}
