namespace MRSNode.Dicom.Network.Pdus;

/// <summary>PDU types of PS3.8 §9.3.1.</summary>
public enum PduType : byte
{
    AssociateRequest = 0x01,
    AssociateAccept = 0x02,
    AssociateReject = 0x03,
    PData = 0x04,
    ReleaseRequest = 0x05,
    ReleaseResponse = 0x06,
    Abort = 0x07,
}

/// <summary>A protocol data unit of the DICOM upper layer.</summary>
public abstract record Pdu
{
    public abstract PduType Type { get; }
}

/// <summary>Result of one presentation context in an A-ASSOCIATE-AC (PS3.8 Table 9-18).</summary>
public enum PresentationContextResult : byte
{
    Acceptance = 0,
    UserRejection = 1,
    NoReason = 2,
    AbstractSyntaxNotSupported = 3,
    TransferSyntaxesNotSupported = 4,
}

/// <summary>A proposed presentation context (item 20H): odd ID 1–255, one abstract syntax, one or more transfer syntaxes.</summary>
public sealed record PresentationContextRequest(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);

/// <summary>The acceptor's answer (item 21H); exactly one transfer syntax when accepted.</summary>
public sealed record PresentationContextResponse(byte Id, PresentationContextResult Result, string TransferSyntax);

/// <summary>SCP/SCU role selection sub-item (54H).</summary>
public sealed record RoleSelection(string SopClassUid, bool ScuRole, bool ScpRole);

/// <summary>A user information sub-item this implementation does not interpret (extended negotiation, user identity, ...), kept as bytes.</summary>
public sealed record RawSubItem(byte ItemType, ReadOnlyMemory<byte> Value);

/// <summary>User Information item (50H) with its sub-items (PS3.7 Annex D, PS3.8 Annex D).</summary>
public sealed record UserInformation
{
    /// <summary>Largest P-DATA-TF PDU length the sender can receive; 0 = unlimited (sub-item 51H).</summary>
    public uint MaxPduLength { get; init; } = 16384;
    public string ImplementationClassUid { get; init; } = DicomUidGenerator.ImplementationClassUid;
    public string? ImplementationVersionName { get; init; } = DicomUidGenerator.ImplementationVersionName;
    /// <summary>Asynchronous operations window (53H): invoked, performed; null when absent (= 1, 1).</summary>
    public (ushort Invoked, ushort Performed)? AsyncOperations { get; init; }
    public IReadOnlyList<RoleSelection> RoleSelections { get; init; } = [];
    public IReadOnlyList<RawSubItem> OtherSubItems { get; init; } = [];
}

/// <summary>A-ASSOCIATE-RQ (01H).</summary>
public sealed record AssociateRequest(
    string CalledAeTitle,
    string CallingAeTitle,
    IReadOnlyList<PresentationContextRequest> PresentationContexts,
    UserInformation UserInformation) : Pdu
{
    public override PduType Type => PduType.AssociateRequest;
    public ushort ProtocolVersion { get; init; } = 1;
    public string ApplicationContext { get; init; } = DicomUids.ApplicationContext;
}

/// <summary>A-ASSOCIATE-AC (02H). The AE title fields echo the request (and must not be tested, PS3.8 §9.3.3).</summary>
public sealed record AssociateAccept(
    string CalledAeTitle,
    string CallingAeTitle,
    IReadOnlyList<PresentationContextResponse> PresentationContexts,
    UserInformation UserInformation) : Pdu
{
    public override PduType Type => PduType.AssociateAccept;
    public ushort ProtocolVersion { get; init; } = 1;
    public string ApplicationContext { get; init; } = DicomUids.ApplicationContext;
}

public enum RejectResult : byte
{
    Permanent = 1,
    Transient = 2,
}

public enum RejectSource : byte
{
    ServiceUser = 1,
    ServiceProviderAcse = 2,
    ServiceProviderPresentation = 3,
}

/// <summary>A-ASSOCIATE-RJ (03H). Reasons by source: user 1 none, 2 application context, 3 calling AE, 7 called AE; ACSE 1 none, 2 protocol version; presentation 1 congestion, 2 local limit.</summary>
public sealed record AssociateReject(RejectResult Result, RejectSource Source, byte Reason) : Pdu
{
    public override PduType Type => PduType.AssociateReject;

    public const byte ReasonNoReason = 1;
    public const byte ReasonApplicationContextNotSupported = 2;
    public const byte ReasonCallingAeNotRecognized = 3;
    public const byte ReasonCalledAeNotRecognized = 7;
    public const byte ReasonProtocolVersionNotSupported = 2;
    public const byte ReasonTemporaryCongestion = 1;
    public const byte ReasonLocalLimitExceeded = 2;
}

/// <summary>A presentation data value: one fragment of a command or data set.</summary>
public sealed record Pdv(byte PresentationContextId, bool IsCommand, bool IsLastFragment, ReadOnlyMemory<byte> Data)
{
    /// <summary>Message control header bits: bit 0 command, bit 1 last fragment.</summary>
    public byte ControlHeader => (byte)((IsCommand ? 1 : 0) | (IsLastFragment ? 2 : 0));
}

/// <summary>P-DATA-TF (04H): one or more PDVs.</summary>
public sealed record PDataTransfer(IReadOnlyList<Pdv> Values) : Pdu
{
    public override PduType Type => PduType.PData;
}

public sealed record ReleaseRequest : Pdu
{
    public override PduType Type => PduType.ReleaseRequest;
}

public sealed record ReleaseResponse : Pdu
{
    public override PduType Type => PduType.ReleaseResponse;
}

/// <summary>A-ABORT (07H). Source 0 = service user, 2 = service provider; provider reasons in <see cref="AbortReason"/>.</summary>
public sealed record Abort(byte Source, byte Reason) : Pdu
{
    public override PduType Type => PduType.Abort;

    public const byte SourceServiceUser = 0;
    public const byte SourceServiceProvider = 2;
}

/// <summary>Service-provider A-ABORT reasons (PS3.8 Table 9-26).</summary>
public static class AbortReason
{
    public const byte NotSpecified = 0;
    public const byte UnrecognizedPdu = 1;
    public const byte UnexpectedPdu = 2;
    public const byte UnrecognizedPduParameter = 4;
    public const byte UnexpectedPduParameter = 5;
    public const byte InvalidPduParameterValue = 6;
}

/// <summary>A PDU that violates PS3.8; <see cref="Reason"/> is the A-ABORT reason to answer with.</summary>
public sealed class PduFormatException : Exception
{
    public PduFormatException(string message, byte reason) : base(message) => Reason = reason;
    public PduFormatException() : this("malformed PDU", AbortReason.NotSpecified) { }
    public PduFormatException(string message) : this(message, AbortReason.InvalidPduParameterValue) { }
    public PduFormatException(string message, Exception inner) : base(message, inner) => Reason = AbortReason.InvalidPduParameterValue;

    public byte Reason { get; }
}
