using MRSNode.Dicom.IO;

namespace MRSNode.Dicom.Network.Dimse;

/// <summary>
/// Converts DIMSE messages to and from command sets (group 0000, Implicit VR LE, with Command Group
/// Length). Decoding is lenient where peers are known to be sloppy (a repeated value: take the first,
/// pynetdicom #554) and strict where the message would be meaningless (no command field).
/// </summary>
public static class DimseCommandCodec
{
    private static readonly DicomTag _commandGroupLength = new(0x0000, 0x0000);
    private static readonly DicomTag _affectedSopClass = new(0x0000, 0x0002);
    private static readonly DicomTag _commandFieldTag = new(0x0000, 0x0100);
    private static readonly DicomTag _messageId = new(0x0000, 0x0110);
    private static readonly DicomTag _messageIdRespondedTo = new(0x0000, 0x0120);
    private static readonly DicomTag _priority = new(0x0000, 0x0700);
    private static readonly DicomTag _dataSetType = new(0x0000, 0x0800);
    private static readonly DicomTag _status = new(0x0000, 0x0900);
    private static readonly DicomTag _offendingElement = new(0x0000, 0x0901);
    private static readonly DicomTag _errorComment = new(0x0000, 0x0902);
    private static readonly DicomTag _affectedSopInstance = new(0x0000, 0x1000);
    private static readonly DicomTag _moveOriginatorAe = new(0x0000, 0x1030);
    private static readonly DicomTag _moveOriginatorId = new(0x0000, 0x1031);

    public static byte[] Encode(DimseMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var ds = new DicomDataset();
        ds.AddOrUpdate(new DicomElement(_commandGroupLength, DicomVR.UL, new byte[4])); // recomputed by the writer
        ds.AddOrUpdate<ushort>(_commandFieldTag, DicomVR.US, message.Command);
        ds.AddOrUpdate<ushort>(_dataSetType, DicomVR.US, message.HasDataSet ? (ushort)0x0000 : DimseMessage.NoDataSet);
        switch (message)
        {
            case CEchoRequest rq:
                ds.AddOrUpdate(_affectedSopClass, DicomVR.UI, rq.AffectedSopClassUid);
                ds.AddOrUpdate<ushort>(_messageId, DicomVR.US, rq.MessageId);
                break;
            case CEchoResponse rsp:
                ds.AddOrUpdate(ReceivedUid.Element(_affectedSopClass, rsp.AffectedSopClassUid));
                ds.AddOrUpdate<ushort>(_messageIdRespondedTo, DicomVR.US, rsp.MessageIdBeingRespondedTo);
                ds.AddOrUpdate<ushort>(_status, DicomVR.US, rsp.Status.Code);
                break;
            case CStoreRequest rq:
                ds.AddOrUpdate(_affectedSopClass, DicomVR.UI, rq.AffectedSopClassUid);
                ds.AddOrUpdate<ushort>(_messageId, DicomVR.US, rq.MessageId);
                ds.AddOrUpdate<ushort>(_priority, DicomVR.US, (ushort)rq.Priority);
                ds.AddOrUpdate(_affectedSopInstance, DicomVR.UI, rq.AffectedSopInstanceUid);
                if (rq.MoveOriginatorAeTitle is { } ae)
                {
                    ds.AddOrUpdate(_moveOriginatorAe, DicomVR.AE, ae);
                }
                if (rq.MoveOriginatorMessageId is { } id)
                {
                    ds.AddOrUpdate<ushort>(_moveOriginatorId, DicomVR.US, id);
                }
                break;
            case CStoreResponse rsp:
                ds.AddOrUpdate(ReceivedUid.Element(_affectedSopClass, rsp.AffectedSopClassUid));
                ds.AddOrUpdate<ushort>(_messageIdRespondedTo, DicomVR.US, rsp.MessageIdBeingRespondedTo);
                ds.AddOrUpdate<ushort>(_status, DicomVR.US, rsp.Status.Code);
                ds.AddOrUpdate(ReceivedUid.Element(_affectedSopInstance, rsp.AffectedSopInstanceUid));
                if (rsp.ErrorComment is { } comment)
                {
                    ds.AddOrUpdate(_errorComment, DicomVR.LO, comment.Length > 64 ? comment[..64] : comment);
                }
                if (rsp.OffendingElement is { } tag)
                {
                    ds.AddOrUpdateTags(_offendingElement, tag);
                }
                break;
            default:
                throw new ArgumentException($"Unsupported DIMSE message {message.GetType().Name}.", nameof(message));
        }
        return DicomDatasetSerializer.ToBytes(ds, DicomTransferSyntax.ImplicitVRLittleEndian);
    }

    /// <summary>Decodes a command set. Unknown commands raise <see cref="DimseFormatException"/> naming the command field.</summary>
    public static DimseMessage Decode(ReadOnlyMemory<byte> bytes)
    {
        DicomDataset ds;
        try
        {
            ds = DicomDatasetSerializer.Read(bytes, DicomTransferSyntax.ImplicitVRLittleEndian);
        }
        catch (DicomFormatException ex)
        {
            throw new DimseFormatException("command set is not a valid implicit VR data set: " + ex.Message, 0);
        }
        if (!ds.TryGetValue<ushort>(_commandFieldTag, 0, out var command))
        {
            throw new DimseFormatException("command set has no Command Field (0000,0100)", 0);
        }
        return command switch
        {
            CommandField.CEchoRequest => new CEchoRequest(U16(ds, _messageId)) { AffectedSopClassUid = Str(ds, _affectedSopClass) ?? DicomUids.Verification },
            CommandField.CEchoResponse => new CEchoResponse(U16(ds, _messageIdRespondedTo), new DimseStatus(U16(ds, _status))) { AffectedSopClassUid = Str(ds, _affectedSopClass) ?? DicomUids.Verification },
            CommandField.CStoreRequest => new CStoreRequest(U16(ds, _messageId), Required(ds, _affectedSopClass), Required(ds, _affectedSopInstance))
            {
                DataSetAbsent = ds.TryGetValue<ushort>(_dataSetType, 0, out var dataSetType) && dataSetType == DimseMessage.NoDataSet,
                Priority = ds.TryGetValue<ushort>(_priority, 0, out var p) && p <= 2 ? (DimsePriority)p : DimsePriority.Medium,
                MoveOriginatorAeTitle = Str(ds, _moveOriginatorAe),
                MoveOriginatorMessageId = ds.TryGetValue<ushort>(_moveOriginatorId, 0, out var mid) ? mid : null,
            },
            CommandField.CStoreResponse => new CStoreResponse(U16(ds, _messageIdRespondedTo), Str(ds, _affectedSopClass) ?? "", Str(ds, _affectedSopInstance) ?? "", new DimseStatus(U16(ds, _status)))
            {
                ErrorComment = Str(ds, _errorComment),
                OffendingElement = ds.GetTags(_offendingElement) is [var offending, ..] ? offending : null,
            },
            _ => throw new DimseFormatException($"unsupported DIMSE command 0x{command:X4}", command),
        };
    }

    private static ushort U16(DicomDataset ds, DicomTag tag) =>
        ds.TryGetValue<ushort>(tag, 0, out var v) ? v : throw new DimseFormatException($"command set lacks {tag}", 0);

    private static string? Str(DicomDataset ds, DicomTag tag) => ds.GetString(tag, 0);

    private static string Required(DicomDataset ds, DicomTag tag) =>
        Str(ds, tag) is { Length: > 0 } s ? s : throw new DimseFormatException($"command set lacks {tag}", 0);
}

/// <summary>A command set that cannot be understood; <see cref="CommandFieldValue"/> is 0 when unknown.</summary>
public sealed class DimseFormatException : Exception
{
    public DimseFormatException(string message, ushort commandField) : base(message) => CommandFieldValue = commandField;
    public DimseFormatException() : this("invalid DIMSE command", 0) { }
    public DimseFormatException(string message) : this(message, 0) { }
    public DimseFormatException(string message, Exception inner) : base(message, inner) { }

    public ushort CommandFieldValue { get; }
}
