using System.Buffers.Binary;
using System.Text;

namespace MRSNode.Dicom.Network.Pdus;

/// <summary>
/// Encodes and decodes PDU bodies (PS3.8 §9.3; all integers big-endian). Decoding checks every
/// item length against its container and raises <see cref="PduFormatException"/> with the A-ABORT
/// reason to answer with.
/// </summary>
public static class PduCodec
{
    private const byte ItemApplicationContext = 0x10;
    private const byte ItemPresentationContextRq = 0x20;
    private const byte ItemPresentationContextAc = 0x21;
    private const byte ItemAbstractSyntax = 0x30;
    private const byte ItemTransferSyntax = 0x40;
    private const byte ItemUserInformation = 0x50;
    private const byte SubItemMaxLength = 0x51;
    private const byte SubItemImplementationClassUid = 0x52;
    private const byte SubItemAsyncOperations = 0x53;
    private const byte SubItemRoleSelection = 0x54;
    private const byte SubItemImplementationVersionName = 0x55;

    /// <summary>The whole PDU: 6-byte header (type, reserved, length) and body.</summary>
    public static byte[] Encode(Pdu pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var w = new BigEndianWriter();
        w.Byte((byte)pdu.Type).Byte(0);
        int lengthAt = w.Reserve(4);
        switch (pdu)
        {
            case AssociateRequest rq:
                WriteAssociateHeader(w, rq.ProtocolVersion, rq.CalledAeTitle, rq.CallingAeTitle);
                WriteUidItem(w, ItemApplicationContext, rq.ApplicationContext);
                foreach (var pc in rq.PresentationContexts)
                {
                    int at = w.BeginItem(ItemPresentationContextRq);
                    w.Byte(pc.Id).Byte(0).Byte(0).Byte(0);
                    WriteUidItem(w, ItemAbstractSyntax, pc.AbstractSyntax);
                    foreach (var ts in pc.TransferSyntaxes)
                    {
                        WriteUidItem(w, ItemTransferSyntax, ts);
                    }
                    w.EndItem(at);
                }
                WriteUserInformation(w, rq.UserInformation);
                break;
            case AssociateAccept ac:
                WriteAssociateHeader(w, ac.ProtocolVersion, ac.CalledAeTitle, ac.CallingAeTitle);
                WriteUidItem(w, ItemApplicationContext, ac.ApplicationContext);
                foreach (var pc in ac.PresentationContexts)
                {
                    int at = w.BeginItem(ItemPresentationContextAc);
                    w.Byte(pc.Id).Byte(0).Byte((byte)pc.Result).Byte(0);
                    WriteUidItem(w, ItemTransferSyntax, pc.TransferSyntax);
                    w.EndItem(at);
                }
                WriteUserInformation(w, ac.UserInformation);
                break;
            case AssociateReject rj:
                w.Byte(0).Byte((byte)rj.Result).Byte((byte)rj.Source).Byte(rj.Reason);
                break;
            case PDataTransfer p:
                foreach (var pdv in p.Values)
                {
                    w.UInt32((uint)(pdv.Data.Length + 2)).Byte(pdv.PresentationContextId).Byte(pdv.ControlHeader).Bytes(pdv.Data.Span);
                }
                break;
            case ReleaseRequest or ReleaseResponse:
                w.UInt32(0);
                break;
            case Abort a:
                w.Byte(0).Byte(0).Byte(a.Source).Byte(a.Reason);
                break;
            default:
                throw new ArgumentException($"Unknown PDU {pdu.GetType().Name}.", nameof(pdu));
        }
        w.PatchUInt32(lengthAt, (uint)(w.Length - 6));
        return w.ToArray();
    }

    /// <summary>Decodes a body; P-DATA values are slices of <paramref name="body"/> (no copy), so the caller must not reuse it.</summary>
    public static Pdu Decode(PduType type, ReadOnlyMemory<byte> body) =>
        type == PduType.PData ? DecodePData(body) : Decode(type, body.Span);

    /// <summary>Decodes a body that followed a header of type <paramref name="type"/>.</summary>
    public static Pdu Decode(PduType type, ReadOnlySpan<byte> body)
    {
        var r = new BigEndianReader(body);
        Pdu pdu = type switch
        {
            PduType.AssociateRequest => DecodeAssociate(ref r, request: true),
            PduType.AssociateAccept => DecodeAssociate(ref r, request: false),
            PduType.AssociateReject => DecodeReject(ref r),
            PduType.PData => DecodePData(body.ToArray()),
            PduType.ReleaseRequest => FixedFour(ref r, new ReleaseRequest()),
            PduType.ReleaseResponse => FixedFour(ref r, new ReleaseResponse()),
            PduType.Abort => DecodeAbort(ref r),
            _ => throw new PduFormatException($"unrecognized PDU type 0x{(byte)type:X2}", AbortReason.UnrecognizedPdu),
        };
        return pdu;
    }

    private static Pdu FixedFour(ref BigEndianReader r, Pdu pdu)
    {
        if (r.Remaining != 4)
        {
            throw new PduFormatException($"{pdu.Type} PDU body is {r.Remaining} bytes, not 4", AbortReason.InvalidPduParameterValue);
        }
        return pdu;
    }

    private static AssociateReject DecodeReject(ref BigEndianReader r)
    {
        if (r.Remaining != 4)
        {
            throw new PduFormatException($"A-ASSOCIATE-RJ body is {r.Remaining} bytes, not 4", AbortReason.InvalidPduParameterValue);
        }
        r.Byte();
        var result = r.Byte();
        var source = r.Byte();
        var reason = r.Byte();
        if (result is not (1 or 2) || source is < 1 or > 3)
        {
            throw new PduFormatException($"A-ASSOCIATE-RJ result {result} / source {source} is invalid", AbortReason.InvalidPduParameterValue);
        }
        return new AssociateReject((RejectResult)result, (RejectSource)source, reason);
    }

    private static Abort DecodeAbort(ref BigEndianReader r)
    {
        if (r.Remaining != 4)
        {
            throw new PduFormatException($"A-ABORT body is {r.Remaining} bytes, not 4", AbortReason.InvalidPduParameterValue);
        }
        r.Byte();
        r.Byte();
        return new Abort(r.Byte(), r.Byte());
    }

    private static PDataTransfer DecodePData(ReadOnlyMemory<byte> body)
    {
        var values = new List<Pdv>();
        var r = new BigEndianReader(body.Span);
        while (r.Remaining > 0)
        {
            uint length = r.UInt32();
            if (length < 2 || length > r.Remaining)
            {
                throw new PduFormatException($"PDV length {length} does not fit the {r.Remaining} bytes left in the P-DATA-TF", AbortReason.InvalidPduParameterValue);
            }
            byte id = r.Byte();
            byte header = r.Byte();
            if ((header & 0xFC) != 0)
            {
                throw new PduFormatException($"PDV message control header 0x{header:X2} has reserved bits set", AbortReason.InvalidPduParameterValue);
            }
            int offset = body.Length - r.Remaining;
            r.Bytes((int)length - 2);
            values.Add(new Pdv(id, (header & 1) == 1, (header & 2) == 2, body.Slice(offset, (int)length - 2)));
        }
        if (values.Count == 0)
        {
            throw new PduFormatException("P-DATA-TF without any PDV", AbortReason.InvalidPduParameterValue);
        }
        return new PDataTransfer(values);
    }

    private static Pdu DecodeAssociate(ref BigEndianReader r, bool request)
    {
        if (r.Remaining < 68)
        {
            throw new PduFormatException($"A-ASSOCIATE body of {r.Remaining} bytes is shorter than its 68-byte fixed part", AbortReason.InvalidPduParameterValue);
        }
        ushort version = r.UInt16();
        r.Bytes(2);
        string called = Encoding.ASCII.GetString(r.Bytes(16)).Trim(' ', '\0');
        string calling = Encoding.ASCII.GetString(r.Bytes(16)).Trim(' ', '\0');
        r.Bytes(32);

        string? applicationContext = null;
        var requested = new List<PresentationContextRequest>();
        var responses = new List<PresentationContextResponse>();
        UserInformation? userInfo = null;
        byte expectedContext = request ? ItemPresentationContextRq : ItemPresentationContextAc;
        while (r.Remaining > 0)
        {
            var item = ReadItem(ref r, out var itemType);
            // Order is fixed by PS3.8 §9.3.2: application context, presentation contexts, user information.
            if (userInfo is not null)
            {
                throw new PduFormatException($"item 0x{itemType:X2} after the user information item", AbortReason.UnexpectedPduParameter);
            }
            if (itemType == ItemApplicationContext)
            {
                if (applicationContext is not null || requested.Count + responses.Count > 0)
                {
                    throw new PduFormatException("application context item out of order or repeated", AbortReason.UnexpectedPduParameter);
                }
                applicationContext = Uid(item);
            }
            else if (itemType == expectedContext)
            {
                if (applicationContext is null)
                {
                    throw new PduFormatException("presentation context before the application context", AbortReason.UnexpectedPduParameter);
                }
                if (request)
                {
                    requested.Add(DecodeContextRequest(item));
                }
                else
                {
                    responses.Add(DecodeContextResponse(item));
                }
            }
            else if (itemType == ItemUserInformation)
            {
                userInfo = DecodeUserInformation(item);
            }
            else
            {
                throw new PduFormatException($"unexpected item 0x{itemType:X2} in A-ASSOCIATE", itemType is ItemPresentationContextRq or ItemPresentationContextAc
                    ? AbortReason.UnexpectedPduParameter : AbortReason.UnrecognizedPduParameter);
            }
        }
        if (applicationContext is null || userInfo is null || (request && requested.Count == 0))
        {
            throw new PduFormatException("A-ASSOCIATE lacks its application context, presentation context or user information item", AbortReason.InvalidPduParameterValue);
        }
        return request
            ? new AssociateRequest(called, calling, requested, userInfo) { ProtocolVersion = version, ApplicationContext = applicationContext }
            : new AssociateAccept(called, calling, responses, userInfo) { ProtocolVersion = version, ApplicationContext = applicationContext };
    }

    private static PresentationContextRequest DecodeContextRequest(ReadOnlySpan<byte> body)
    {
        var r = new BigEndianReader(body);
        if (r.Remaining < 4)
        {
            throw new PduFormatException("presentation context item too short", AbortReason.InvalidPduParameterValue);
        }
        byte id = r.Byte();
        r.Bytes(3);
        string? abstractSyntax = null;
        var transferSyntaxes = new List<string>();
        while (r.Remaining > 0)
        {
            var item = ReadItem(ref r, out var type);
            if (type == ItemAbstractSyntax && abstractSyntax is null && transferSyntaxes.Count == 0)
            {
                abstractSyntax = Uid(item);
            }
            else if (type == ItemTransferSyntax && abstractSyntax is not null)
            {
                transferSyntaxes.Add(Uid(item));
            }
            else
            {
                throw new PduFormatException($"unexpected sub-item 0x{type:X2} in presentation context {id}", AbortReason.UnexpectedPduParameter);
            }
        }
        if (abstractSyntax is null || transferSyntaxes.Count == 0)
        {
            throw new PduFormatException($"presentation context {id} lacks an abstract or transfer syntax", AbortReason.InvalidPduParameterValue);
        }
        return new PresentationContextRequest(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextResponse DecodeContextResponse(ReadOnlySpan<byte> body)
    {
        var r = new BigEndianReader(body);
        if (r.Remaining < 4)
        {
            throw new PduFormatException("presentation context item too short", AbortReason.InvalidPduParameterValue);
        }
        byte id = r.Byte();
        r.Byte();
        byte result = r.Byte();
        r.Byte();
        if (result > 4)
        {
            throw new PduFormatException($"presentation context result {result} is invalid", AbortReason.InvalidPduParameterValue);
        }
        string transferSyntax = "";
        while (r.Remaining > 0)
        {
            var item = ReadItem(ref r, out var type);
            if (type != ItemTransferSyntax)
            {
                throw new PduFormatException($"unexpected sub-item 0x{type:X2} in presentation context {id}", AbortReason.UnexpectedPduParameter);
            }
            transferSyntax = Uid(item);
        }
        return new PresentationContextResponse(id, (PresentationContextResult)result, transferSyntax);
    }

    private static UserInformation DecodeUserInformation(ReadOnlySpan<byte> body)
    {
        var r = new BigEndianReader(body);
        uint maxLength = 0;
        string? implementationClass = null;
        string? versionName = null;
        (ushort, ushort)? async = null;
        var roles = new List<RoleSelection>();
        var other = new List<RawSubItem>();
        while (r.Remaining > 0)
        {
            var item = ReadItem(ref r, out var type);
            switch (type)
            {
                case SubItemMaxLength:
                    maxLength = item.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(item)
                        : throw new PduFormatException("maximum length sub-item is not 4 bytes", AbortReason.InvalidPduParameterValue);
                    break;
                case SubItemImplementationClassUid:
                    implementationClass = Uid(item);
                    break;
                case SubItemImplementationVersionName:
                    versionName = Encoding.ASCII.GetString(item).Trim(' ', '\0');
                    break;
                case SubItemAsyncOperations:
                    async = item.Length == 4
                        ? (BinaryPrimitives.ReadUInt16BigEndian(item), BinaryPrimitives.ReadUInt16BigEndian(item[2..]))
                        : throw new PduFormatException("asynchronous operations sub-item is not 4 bytes", AbortReason.InvalidPduParameterValue);
                    break;
                case SubItemRoleSelection:
                    roles.Add(DecodeRole(item));
                    break;
                default:
                    other.Add(new RawSubItem(type, item.ToArray()));
                    break;
            }
        }
        return new UserInformation
        {
            MaxPduLength = maxLength,
            ImplementationClassUid = implementationClass ?? "",
            ImplementationVersionName = versionName,
            AsyncOperations = async,
            RoleSelections = roles,
            OtherSubItems = other,
        };
    }

    private static RoleSelection DecodeRole(ReadOnlySpan<byte> item)
    {
        var r = new BigEndianReader(item);
        int uidLength = r.Remaining >= 2 ? r.UInt16() : -1;
        if (uidLength < 0 || r.Remaining != uidLength + 2)
        {
            throw new PduFormatException("role selection sub-item length is inconsistent", AbortReason.InvalidPduParameterValue);
        }
        var uid = Uid(r.Bytes(uidLength));
        return new RoleSelection(uid, r.Byte() == 1, r.Byte() == 1);
    }

    private static ReadOnlySpan<byte> ReadItem(ref BigEndianReader r, out byte type)
    {
        if (r.Remaining < 4)
        {
            throw new PduFormatException($"item header needs 4 bytes, {r.Remaining} left", AbortReason.InvalidPduParameterValue);
        }
        type = r.Byte();
        r.Byte();
        ushort length = r.UInt16();
        if (length > r.Remaining)
        {
            throw new PduFormatException($"item 0x{type:X2} length {length} exceeds the {r.Remaining} bytes left", AbortReason.InvalidPduParameterValue);
        }
        return r.Bytes(length);
    }

    private static string Uid(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes).Trim(' ', '\0');

    private static void WriteAssociateHeader(BigEndianWriter w, ushort version, string called, string calling)
    {
        w.UInt16(version).UInt16(0);
        w.Bytes(AeField(called)).Bytes(AeField(calling));
        w.Bytes(new byte[32]);
    }

    private static byte[] AeField(string ae)
    {
        var field = new byte[16];
        field.AsSpan().Fill((byte)' ');
        Encoding.ASCII.GetBytes(ae.AsSpan(0, Math.Min(16, ae.Length)), field);
        return field;
    }

    private static void WriteUidItem(BigEndianWriter w, byte type, string uid)
    {
        int at = w.BeginItem(type);
        w.Bytes(Encoding.ASCII.GetBytes(uid));
        w.EndItem(at);
    }

    private static void WriteUserInformation(BigEndianWriter w, UserInformation info)
    {
        int at = w.BeginItem(ItemUserInformation);
        int sub = w.BeginItem(SubItemMaxLength);
        w.UInt32(info.MaxPduLength);
        w.EndItem(sub);
        WriteUidItem(w, SubItemImplementationClassUid, info.ImplementationClassUid);
        if (info.AsyncOperations is { } async)
        {
            sub = w.BeginItem(SubItemAsyncOperations);
            w.UInt16(async.Invoked).UInt16(async.Performed);
            w.EndItem(sub);
        }
        foreach (var role in info.RoleSelections)
        {
            sub = w.BeginItem(SubItemRoleSelection);
            var uid = Encoding.ASCII.GetBytes(role.SopClassUid);
            w.UInt16((ushort)uid.Length).Bytes(uid).Byte(role.ScuRole ? (byte)1 : (byte)0).Byte(role.ScpRole ? (byte)1 : (byte)0);
            w.EndItem(sub);
        }
        if (info.ImplementationVersionName is { Length: > 0 } name)
        {
            sub = w.BeginItem(SubItemImplementationVersionName);
            w.Bytes(Encoding.ASCII.GetBytes(name.Length > 16 ? name[..16] : name));
            w.EndItem(sub);
        }
        foreach (var raw in info.OtherSubItems)
        {
            sub = w.BeginItem(raw.ItemType);
            w.Bytes(raw.Value.Span);
            w.EndItem(sub);
        }
        w.EndItem(at);
    }
}
