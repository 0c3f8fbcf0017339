using MRSNode.Dicom.Network.Tls;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>Settings of the storage SCP: identity, what it accepts, and the limits that keep it up.</summary>
public sealed record DicomServerOptions
{
    /// <summary>Our AE title. When <see cref="RequireCalledAeTitle"/>, an association addressed to another title is rejected (reason 7).</summary>
    public string AeTitle { get; init; } = "MRSNODE";
    public bool RequireCalledAeTitle { get; init; } = true;

    /// <summary>Calling AE titles allowed to associate; null allows any (reason 3 otherwise).</summary>
    public IReadOnlySet<string>? AllowedCallingAeTitles { get; init; }

    /// <summary>Peer IP addresses allowed to connect; null allows any. Others are closed as soon as they are accepted (IPv4-mapped IPv6 compared as IPv4).</summary>
    public IReadOnlySet<System.Net.IPAddress>? AllowedPeerAddresses { get; init; }

    /// <summary>Abstract syntaxes accepted; null accepts any storage SOP class (the `dicom listen` tool).</summary>
    public IReadOnlySet<string>? AcceptedSopClasses { get; init; } = DefaultSopClasses;

    /// <summary>Transfer syntaxes in order of preference; the first one the peer proposes is chosen.</summary>
    public IReadOnlyList<string> PreferredTransferSyntaxes { get; init; } =
        [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian, DicomUids.DeflatedExplicitVRLittleEndian, DicomUids.ExplicitVRBigEndian];

    /// <summary>Also accept compressed transfer syntaxes (stored as received, never decoded).</summary>
    public bool AcceptEncapsulatedTransferSyntaxes { get; init; } = true;

    /// <summary>Associations (after A-ASSOCIATE-AC) at a time; connections not yet associated do not count here.</summary>
    public int MaxAssociations { get; init; } = 32;
    /// <summary>Connections still before their A-ASSOCIATE-RQ (TLS handshake included), all peers together: a hard bound (see <see cref="ConnectionLimiter"/>).</summary>
    public int MaxUnassociatedConnections { get; init; } = 64;
    /// <summary>One IP address's share of <see cref="MaxUnassociatedConnections"/>: over it, its own oldest idle connection is closed, and it cannot push others out.</summary>
    public int MaxUnassociatedPerPeer { get; init; } = 16;
    /// <summary>Largest P-DATA-TF we accept (advertised in A-ASSOCIATE-AC).</summary>
    /// <remarks>64 KiB keeps each PDU buffer off the large object heap, so receiving large objects stays cheap for the GC.</remarks>
    public uint MaxPduLength { get; init; } = 64 * 1024;
    /// <summary>From accept (TLS handshake included) to the A-ASSOCIATE-RQ, and after a release or abort; then the connection is closed.</summary>
    public TimeSpan ArtimTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>An association with no PDU for this long is aborted (also covers a peer stalled mid-PDU).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Objects larger than this (as received) are refused with status A700 after their data is drained.</summary>
    public long MaxObjectBytes { get; init; } = 512L << 20;

    public DicomTlsOptions? Tls { get; init; }

    public static IReadOnlySet<string> DefaultSopClasses { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        DicomUids.Verification,
        DicomUids.MRSpectroscopyStorage,
        DicomUids.SiemensCsaNonImageStorage,
        DicomUids.PhilipsPrivateMRSpectrumStorage,
        DicomUids.MRImageStorage,
        DicomUids.EnhancedMRImageStorage,
        DicomUids.RawDataStorage,
        DicomUids.SecondaryCaptureImageStorage,
        DicomUids.EncapsulatedPdfStorage,
        DicomUids.EnhancedSRStorage,
        DicomUids.ComprehensiveSRStorage,
    };
}
