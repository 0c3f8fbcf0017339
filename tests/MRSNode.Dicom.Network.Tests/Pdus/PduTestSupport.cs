using System.Buffers.Binary;
using System.Text;
using MRSNode.Dicom.Network.Pdus;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Pdus;

/// <summary>
/// Builds PDU bytes by hand, straight from the PS3.8 §9.3 layouts (never through <see cref="PduCodec"/>),
/// so malformed input can be shaped one field at a time.
/// </summary>
internal static class Raw
{
    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] U16(int v)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v);
        return b;
    }

    public static byte[] U32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        return b;
    }

    /// <summary>An item or sub-item: type, reserved 00, 16-bit length, value.</summary>
    public static byte[] Item(byte type, params byte[][] value)
    {
        var v = Concat(value);
        return Concat([type, 0x00], U16(v.Length), v);
    }

    /// <summary>An item whose length field says <paramref name="declaredLength"/> whatever follows.</summary>
    public static byte[] ItemWithLength(byte type, int declaredLength, byte[] value) => Concat([type, 0x00], U16(declaredLength), value);

    public static byte[] UidItem(byte type, string uid) => Item(type, Ascii(uid));

    /// <summary>A 16-byte AE title field exactly as given (no padding added).</summary>
    public static byte[] AeField(string sixteen)
    {
        Assert.Equal(16, sixteen.Length);
        return Ascii(sixteen);
    }

    /// <summary>The 68-byte fixed part of an A-ASSOCIATE-RQ/AC body: version, reserved, called, calling, 32 reserved.</summary>
    public static byte[] AssociateFixed(string called16 = "CALLED          ", string calling16 = "CALLING         ") =>
        Concat(U16(1), [0, 0], AeField(called16), AeField(calling16), new byte[32]);

    public static byte[] ApplicationContext => UidItem(0x10, "1.2.840.10008.3.1.1.1");

    public static byte[] PresentationContextRq(byte id = 1, string abstractSyntax = "1.2.840.10008.1.1", params string[] transferSyntaxes) =>
        Item(0x20, [id, 0, 0, 0], UidItem(0x30, abstractSyntax),
            Concat((transferSyntaxes.Length == 0 ? ["1.2.840.10008.1.2"] : transferSyntaxes).Select(ts => UidItem(0x40, ts)).ToArray()));

    public static byte[] PresentationContextAc(byte id = 1, byte result = 0, string transferSyntax = "1.2.840.10008.1.2") =>
        Item(0x21, [id, 0, result, 0], UidItem(0x40, transferSyntax));

    public static byte[] MaxLength(uint value) => Item(0x51, U32(value));

    public static byte[] UserInformation(params byte[][] subItems) =>
        Item(0x50, subItems.Length == 0 ? [MaxLength(16384), UidItem(0x52, "1.2.3.4")] : subItems);

    public static byte[] AssociateRqBody(params byte[][] items) => Concat(AssociateFixed(), Concat(items));

    public static byte[] ValidRqBody() => AssociateRqBody(ApplicationContext, PresentationContextRq(), UserInformation());

    public static byte[] ValidAcBody() => AssociateRqBody(ApplicationContext, PresentationContextAc(), UserInformation());

    /// <summary>A whole PDU: type, reserved, 32-bit length, body.</summary>
    public static byte[] Pdu(byte type, byte[] body) => Concat([type, 0x00], U32((uint)body.Length), body);

    /// <summary>One PDV item: 32-bit length (= 2 + data), context ID, control header, data.</summary>
    public static byte[] Pdv(byte contextId, byte header, byte[] data) => Concat(U32((uint)(data.Length + 2)), [contextId, header], data);

    public static byte[] Body(byte[] pdu) => pdu[6..];
}

/// <summary>Field-by-field comparison of PDUs (records holding lists and memory compare by reference).</summary>
internal static class PduAssert
{
    public static void Equal(Pdu expected, Pdu actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected)
        {
            case AssociateRequest e:
            {
                var a = (AssociateRequest)actual;
                Assert.Equal(e.CalledAeTitle, a.CalledAeTitle);
                Assert.Equal(e.CallingAeTitle, a.CallingAeTitle);
                Assert.Equal(e.ProtocolVersion, a.ProtocolVersion);
                Assert.Equal(e.ApplicationContext, a.ApplicationContext);
                Assert.Equal(e.PresentationContexts.Count, a.PresentationContexts.Count);
                for (int i = 0; i < e.PresentationContexts.Count; i++)
                {
                    Assert.Equal(e.PresentationContexts[i].Id, a.PresentationContexts[i].Id);
                    Assert.Equal(e.PresentationContexts[i].AbstractSyntax, a.PresentationContexts[i].AbstractSyntax);
                    Assert.Equal(e.PresentationContexts[i].TransferSyntaxes, a.PresentationContexts[i].TransferSyntaxes);
                }
                Equal(e.UserInformation, a.UserInformation);
                break;
            }
            case AssociateAccept e:
            {
                var a = (AssociateAccept)actual;
                Assert.Equal(e.CalledAeTitle, a.CalledAeTitle);
                Assert.Equal(e.CallingAeTitle, a.CallingAeTitle);
                Assert.Equal(e.ProtocolVersion, a.ProtocolVersion);
                Assert.Equal(e.ApplicationContext, a.ApplicationContext);
                Assert.Equal(e.PresentationContexts, a.PresentationContexts);
                Equal(e.UserInformation, a.UserInformation);
                break;
            }
            case PDataTransfer e:
            {
                var a = (PDataTransfer)actual;
                Assert.Equal(e.Values.Count, a.Values.Count);
                for (int i = 0; i < e.Values.Count; i++)
                {
                    Assert.Equal(e.Values[i].PresentationContextId, a.Values[i].PresentationContextId);
                    Assert.Equal(e.Values[i].IsCommand, a.Values[i].IsCommand);
                    Assert.Equal(e.Values[i].IsLastFragment, a.Values[i].IsLastFragment);
                    Assert.Equal(e.Values[i].Data.ToArray(), a.Values[i].Data.ToArray());
                }
                break;
            }
            default:
                // AssociateReject, ReleaseRequest, ReleaseResponse, Abort: scalar records.
                Assert.Equal(expected, actual);
                break;
        }
    }

    public static void Equal(UserInformation e, UserInformation a)
    {
        Assert.Equal(e.MaxPduLength, a.MaxPduLength);
        Assert.Equal(e.ImplementationClassUid, a.ImplementationClassUid);
        Assert.Equal(e.ImplementationVersionName, a.ImplementationVersionName);
        Assert.Equal(e.AsyncOperations, a.AsyncOperations);
        Assert.Equal(e.RoleSelections, a.RoleSelections);
        Assert.Equal(e.OtherSubItems.Count, a.OtherSubItems.Count);
        for (int i = 0; i < e.OtherSubItems.Count; i++)
        {
            Assert.Equal(e.OtherSubItems[i].ItemType, a.OtherSubItems[i].ItemType);
            Assert.Equal(e.OtherSubItems[i].Value.ToArray(), a.OtherSubItems[i].Value.ToArray());
        }
    }
}
