namespace MRSNode.Dicom.Network.Dimse;

/// <summary>DIMSE command field values (PS3.7 Annex E).</summary>
public static class CommandField
{
    public const ushort CStoreRequest = 0x0001;
    public const ushort CStoreResponse = 0x8001;
    public const ushort CEchoRequest = 0x0030;
    public const ushort CEchoResponse = 0x8030;
}

public enum DimsePriority : ushort
{
    Medium = 0,
    High = 1,
    Low = 2,
}

/// <summary>A DIMSE message's command set. Commands are always Implicit VR Little Endian (PS3.7 §6.3.1).</summary>
public abstract record DimseMessage
{
    public const ushort NoDataSet = 0x0101;

    public abstract ushort Command { get; }
    public abstract bool HasDataSet { get; }
}

public sealed record CEchoRequest(ushort MessageId) : DimseMessage
{
    public override ushort Command => CommandField.CEchoRequest;
    public override bool HasDataSet => false;
    public string AffectedSopClassUid { get; init; } = DicomUids.Verification;
}

public sealed record CEchoResponse(ushort MessageIdBeingRespondedTo, DimseStatus Status) : DimseMessage
{
    public override ushort Command => CommandField.CEchoResponse;
    public override bool HasDataSet => false;
    public string AffectedSopClassUid { get; init; } = DicomUids.Verification;
}

public sealed record CStoreRequest(ushort MessageId, string AffectedSopClassUid, string AffectedSopInstanceUid) : DimseMessage
{
    public override ushort Command => CommandField.CStoreRequest;
    public override bool HasDataSet => !DataSetAbsent;
    /// <summary>The peer declared no data set (CommandDataSetType 0101): a malformed C-STORE, answered at once with a failure.</summary>
    public bool DataSetAbsent { get; init; }
    public DimsePriority Priority { get; init; } = DimsePriority.Medium;
    public string? MoveOriginatorAeTitle { get; init; }
    public ushort? MoveOriginatorMessageId { get; init; }
}

public sealed record CStoreResponse(ushort MessageIdBeingRespondedTo, string AffectedSopClassUid, string AffectedSopInstanceUid, DimseStatus Status) : DimseMessage
{
    public override ushort Command => CommandField.CStoreResponse;
    public override bool HasDataSet => false;
    public string? ErrorComment { get; init; }
    public DicomTag? OffendingElement { get; init; }
}
