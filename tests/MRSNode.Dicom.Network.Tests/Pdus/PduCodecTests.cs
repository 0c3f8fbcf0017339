using MRSNode.Dicom.Network.Pdus;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.Dicom.Network.Tests.Pdus.Raw;

namespace MRSNode.Dicom.Network.Tests.Pdus;

[UnitTest]
public class PduCodecTests
{
    private const string Verification = "1.2.840.10008.1.1";
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    private const string MrImageStorage = "1.2.840.10008.5.1.4.1.1.4";
    private const string ImplicitLE = "1.2.840.10008.1.2";
    private const string ExplicitLE = "1.2.840.10008.1.2.1";
    private const string ExplicitBE = "1.2.840.10008.1.2.2";
    private const string AppContext = "1.2.840.10008.3.1.1.1";
    private const string PynetdicomImplementation = "1.2.826.0.1.3680043.9.3811.0.9.0";
    private const string DcmtkImplementation = "1.2.276.0.7230010.3.0.3.6.0";

    private static byte Fails(PduType type, byte[] body) => Assert.Throws<PduFormatException>(() => PduCodec.Decode(type, body)).Reason;

    private static Pdu DecodeWhole(byte[] pdu)
    {
        Assert.Equal((uint)(pdu.Length - 6), (uint)((pdu[2] << 24) | (pdu[3] << 16) | (pdu[4] << 8) | pdu[5]));
        return PduCodec.Decode((PduType)pdu[0], pdu.AsSpan(6));
    }

    private static string Spaces(int n) => new(' ', n);

    // ---- Encode: golden bytes laid out by hand from PS3.8 §9.3 ----------------------------------------

    [Fact]
    public void Encode_AssociateRequest_MatchesPs38Table9_11LayoutByteForByte()
    {
        var rq = new AssociateRequest("SCP", "SCU", [new PresentationContextRequest(1, Verification, [ImplicitLE])],
            new UserInformation { MaxPduLength = 16384, ImplementationClassUid = "1.2.3", ImplementationVersionName = "V1" });

        var expected = Concat(
            Convert.FromHexString("01" + "00" + "000000AA"),            // PDU type 01, reserved, PDU length 170
            Convert.FromHexString("0001" + "0000"),                     // protocol version 1, reserved
            Ascii("SCP" + Spaces(13)),                                  // called AE title, space padded to 16
            Ascii("SCU" + Spaces(13)),                                  // calling AE title
            new byte[32],                                               // reserved
            Convert.FromHexString("10000015"), Ascii(AppContext),       // application context item (10H), length 21
            Convert.FromHexString("2000002E" + "01000000"),             // presentation context item (20H), length 46, ID 1, 3 reserved
            Convert.FromHexString("30000011"), Ascii(Verification),     //   abstract syntax sub-item (30H), length 17
            Convert.FromHexString("40000011"), Ascii(ImplicitLE),       //   transfer syntax sub-item (40H), length 17
            Convert.FromHexString("50000017"),                          // user information item (50H), length 23
            Convert.FromHexString("51000004" + "00004000"),             //   maximum length (51H) = 16384
            Convert.FromHexString("52000005"), Ascii("1.2.3"),          //   implementation class UID (52H)
            Convert.FromHexString("55000002"), Ascii("V1"));            //   implementation version name (55H)

        Assert.Equal(expected, PduCodec.Encode(rq));
    }

    [Fact]
    public void Encode_AssociateRequest_FixedFieldsAtPs38Offsets()
    {
        var rq = new AssociateRequest("A", "0123456789ABCDEF", [new PresentationContextRequest(7, Verification, [ImplicitLE])], new UserInformation())
        {
            ProtocolVersion = 0x1234,
        };

        var bytes = PduCodec.Encode(rq);

        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(0x00, bytes[1]);
        Assert.Equal((uint)(bytes.Length - 6), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(2)));
        Assert.Equal(new byte[] { 0x12, 0x34 }, bytes[6..8]);
        Assert.Equal(new byte[] { 0x00, 0x00 }, bytes[8..10]);
        Assert.Equal(Ascii("A" + Spaces(15)), bytes[10..26]);
        Assert.Equal(Ascii("0123456789ABCDEF"), bytes[26..42]);
        Assert.Equal(new byte[32], bytes[42..74]);
        Assert.Equal(0x10, bytes[74]);
        Assert.Equal(new byte[] { 0x20, 0x00, 0x00, 0x2E, 0x07, 0x00, 0x00, 0x00 }, bytes[(74 + 25)..(74 + 25 + 8)]);
    }

    [Fact]
    public void Encode_AssociateAccept_MatchesPs38Table9_17LayoutByteForByte()
    {
        var ac = new AssociateAccept("SCP", "SCU",
            [new PresentationContextResponse(1, PresentationContextResult.Acceptance, ImplicitLE),
             new PresentationContextResponse(3, PresentationContextResult.TransferSyntaxesNotSupported, "")],
            new UserInformation { MaxPduLength = 0, ImplementationClassUid = "1.2", ImplementationVersionName = null });

        var expected = Concat(
            Convert.FromHexString("02" + "00" + "00000099"),            // PDU type 02, length 153
            Convert.FromHexString("00010000"),
            Ascii("SCP" + Spaces(13)), Ascii("SCU" + Spaces(13)), new byte[32],
            Convert.FromHexString("10000015"), Ascii(AppContext),
            Convert.FromHexString("21000019" + "01" + "00" + "00" + "00"), // item 21H length 25: ID 1, reserved, result 0, reserved
            Convert.FromHexString("40000011"), Ascii(ImplicitLE),
            Convert.FromHexString("21000008" + "03" + "00" + "04" + "00"), // ID 3, result 4, empty transfer syntax sub-item
            Convert.FromHexString("40000000"),
            Convert.FromHexString("5000000F"),                           // user information length 15
            Convert.FromHexString("51000004" + "00000000"),              //   max length 0 = unlimited
            Convert.FromHexString("52000003"), Ascii("1.2"));            //   no 55H when the version name is null

        Assert.Equal(expected, PduCodec.Encode(ac));
    }

    [Fact]
    public void Encode_UserInformationWithAllSubItems_WritesPs37AnnexDLayouts()
    {
        var rq = new AssociateRequest("A", "B", [new PresentationContextRequest(1, Verification, [ImplicitLE])], new UserInformation
        {
            MaxPduLength = 0x01020304,
            ImplementationClassUid = "1.2",
            ImplementationVersionName = "V",
            AsyncOperations = (3, 0x0102),
            RoleSelections = [new RoleSelection("1.2.3", ScuRole: true, ScpRole: false)],
            OtherSubItems = [new RawSubItem(0x58, new byte[] { 0x01, 0x00, 0x00, 0x01, 0x41, 0x00, 0x00 })],
        });

        var bytes = PduCodec.Encode(rq);
        int ui = 74 + 25 + 50; // fixed part, application context (4 + 21), presentation context (4 + 46)

        var expected = Concat(
            Convert.FromHexString("50000034"),                              // user information, length 52
            Convert.FromHexString("51000004" + "01020304"),
            Convert.FromHexString("52000003"), Ascii("1.2"),
            Convert.FromHexString("53000004" + "0003" + "0102"),           // async: invoked 3, performed 258
            Convert.FromHexString("54000009" + "0005"), Ascii("1.2.3"),    // role (length 9): UID length 5, UID, SCU 1, SCP 0
            Convert.FromHexString("0100"),
            Convert.FromHexString("55000001"), Ascii("V"),
            Convert.FromHexString("58000007" + "01000001410000"));         // unknown sub-item, value verbatim
        Assert.Equal(expected, bytes[ui..]);
    }

    [Fact]
    public void Encode_AssociateReject_MatchesPs38Table9_21Layout()
    {
        var bytes = PduCodec.Encode(new AssociateReject(RejectResult.Transient, RejectSource.ServiceProviderPresentation, AssociateReject.ReasonLocalLimitExceeded));

        Assert.Equal(Convert.FromHexString("03" + "00" + "00000004" + "00" + "02" + "03" + "02"), bytes);
    }

    [Fact]
    public void Encode_PDataTransfer_MatchesPs38Table9_22LayoutForEachPdv()
    {
        var p = new PDataTransfer([
            new Pdv(1, IsCommand: true, IsLastFragment: true, new byte[] { 0xAA, 0xBB }),
            new Pdv(3, IsCommand: false, IsLastFragment: false, new byte[] { 0xCC }),
            new Pdv(5, IsCommand: false, IsLastFragment: true, Array.Empty<byte>()),
        ]);

        var expected = Convert.FromHexString(
            "04" + "00" + "00000015" +              // type 04, length 21
            "00000004" + "01" + "03" + "AABB" +     // PDV length 4 = ID + header + 2 data bytes; header 03 = command, last
            "00000003" + "03" + "00" + "CC" +       // data, not last
            "00000002" + "05" + "02");              // data, last, no bytes
        Assert.Equal(expected, PduCodec.Encode(p));
    }

    [Fact]
    public void Encode_ReleaseRequest_IsTypeFiveWithFourReservedBytes() =>
        Assert.Equal(Convert.FromHexString("05000000000400000000"), PduCodec.Encode(new ReleaseRequest()));

    [Fact]
    public void Encode_ReleaseResponse_IsTypeSixWithFourReservedBytes() =>
        Assert.Equal(Convert.FromHexString("06000000000400000000"), PduCodec.Encode(new ReleaseResponse()));

    [Fact]
    public void Encode_Abort_WritesSourceAndReasonInLastTwoBytes() =>
        Assert.Equal(Convert.FromHexString("07000000000400000206"),
            PduCodec.Encode(new Abort(Abort.SourceServiceProvider, AbortReason.InvalidPduParameterValue)));

    [Theory]
    [InlineData(false, false, 0x00)]
    [InlineData(true, false, 0x01)]
    [InlineData(false, true, 0x02)]
    [InlineData(true, true, 0x03)]
    public void PdvControlHeader_FlagCombination_SetsBitZeroForCommandAndBitOneForLast(bool command, bool last, byte expected)
    {
        var pdv = new Pdv(1, command, last, Array.Empty<byte>());

        Assert.Equal(expected, pdv.ControlHeader);
        Assert.Equal(expected, PduCodec.Encode(new PDataTransfer([pdv]))[11]);
    }

    [Fact]
    public void Encode_AeTitleLongerThan16_TruncatedTo16()
    {
        var rq = new AssociateRequest("ABCDEFGHIJKLMNOPQRST", "X", [new PresentationContextRequest(1, Verification, [ImplicitLE])], new UserInformation());

        var bytes = PduCodec.Encode(rq);

        Assert.Equal(Ascii("ABCDEFGHIJKLMNOP"), bytes[10..26]);
        Assert.Equal(Ascii("X" + Spaces(15)), bytes[26..42]);
    }

    [Fact]
    public void Encode_VersionNameLongerThan16_TruncatedTo16()
    {
        var rq = new AssociateRequest("A", "B", [new PresentationContextRequest(1, Verification, [ImplicitLE])],
            new UserInformation { ImplementationClassUid = "1", ImplementationVersionName = "ABCDEFGHIJKLMNOPQR" });

        var bytes = PduCodec.Encode(rq);

        Assert.Equal(Concat(Convert.FromHexString("55000010"), Ascii("ABCDEFGHIJKLMNOP")), bytes[^20..]);
    }

    [Fact]
    public void Encode_EmptyVersionName_OmitsSubItem55()
    {
        var rq = new AssociateRequest("A", "B", [new PresentationContextRequest(1, Verification, [ImplicitLE])],
            new UserInformation { ImplementationClassUid = "1", ImplementationVersionName = "" });

        var bytes = PduCodec.Encode(rq);

        Assert.Equal(Convert.FromHexString("5000000D" + "51000004" + "00004000" + "52000001" + "31"), bytes[^17..]);
    }

    [Fact]
    public void Encode_UserInformationOver65535Bytes_ThrowsInvalidOperation()
    {
        var rq = new AssociateRequest("A", "B", [new PresentationContextRequest(1, Verification, [ImplicitLE])],
            new UserInformation { OtherSubItems = [new RawSubItem(0x5A, new byte[40000]), new RawSubItem(0x5B, new byte[30000])] });

        var ex = Assert.Throws<InvalidOperationException>(() => PduCodec.Encode(rq));
        Assert.Contains("16-bit item length", ex.Message);
    }

    [Fact]
    public void Encode_Null_ThrowsArgumentNull() =>
        Assert.Equal("pdu", Assert.Throws<ArgumentNullException>(() => PduCodec.Encode(null!)).ParamName);

    // ---- Golden bytes from an independent implementation (pynetdicom / DCMTK / MergeCOM) ----------------

    [Fact]
    public void Encode_PynetdicomEchoRequest_ReproducesItsBytesExactly()
    {
        var rq = new AssociateRequest("ANY-SCP", "ECHOSCU", [new PresentationContextRequest(1, Verification, [ImplicitLE])],
            new UserInformation { MaxPduLength = 16382, ImplementationClassUid = PynetdicomImplementation, ImplementationVersionName = "PYNETDICOM_090" });

        Assert.Equal(PynetdicomPdus.AAssociateRq, PduCodec.Encode(rq));
    }

    [Fact]
    public void Encode_DcmtkAccept_ReproducesItsBytesExactly()
    {
        var ac = new AssociateAccept("ANY-SCP", "ECHOSCU", [new PresentationContextResponse(1, PresentationContextResult.Acceptance, ImplicitLE)],
            new UserInformation { MaxPduLength = 16384, ImplementationClassUid = DcmtkImplementation, ImplementationVersionName = "OFFIS_DCMTK_360" });

        Assert.Equal(PynetdicomPdus.AAssociateAc, PduCodec.Encode(ac));
    }

    [Fact]
    public void Encode_MergecomAcceptWithEmptyTransferSyntax_ReproducesItsBytesExactly()
    {
        var ac = new AssociateAccept("ANY-SCP", "PYNETDICOM",
            [new PresentationContextResponse(1, PresentationContextResult.Acceptance, ExplicitLE),
             new PresentationContextResponse(3, PresentationContextResult.AbstractSyntaxNotSupported, "")],
            new UserInformation { MaxPduLength = 28672, ImplementationClassUid = "2.16.840.1", ImplementationVersionName = "MergeCOM3_390IB2" });

        Assert.Equal(PynetdicomPdus.AAssociateAcZeroTs, PduCodec.Encode(ac));
    }

    [Fact]
    public void Encode_PynetdicomSmallPdus_ReproduceTheirBytesExactly()
    {
        Assert.Equal(PynetdicomPdus.AAssociateRj, PduCodec.Encode(new AssociateReject(RejectResult.Permanent, RejectSource.ServiceUser, AssociateReject.ReasonNoReason)));
        Assert.Equal(PynetdicomPdus.AReleaseRq, PduCodec.Encode(new ReleaseRequest()));
        Assert.Equal(PynetdicomPdus.AReleaseRp, PduCodec.Encode(new ReleaseResponse()));
        Assert.Equal(PynetdicomPdus.AAbort, PduCodec.Encode(new Abort(Abort.SourceServiceUser, AbortReason.NotSpecified)));
        Assert.Equal(PynetdicomPdus.APAbort, PduCodec.Encode(new Abort(Abort.SourceServiceProvider, AbortReason.UnrecognizedPduParameter)));
    }

    [Fact]
    public void Encode_PynetdicomPData_ReproducesItsBytesExactly()
    {
        var command = PynetdicomPdus.PDataTf[12..];

        Assert.Equal(PynetdicomPdus.PDataTf, PduCodec.Encode(new PDataTransfer([new Pdv(1, true, true, command)])));
    }

    public static TheoryData<string> ReencodableVectors => new()
    {
        nameof(PynetdicomPdus.AAssociateRq), nameof(PynetdicomPdus.AAssociateAc), nameof(PynetdicomPdus.AAssociateAcZeroTs),
        nameof(PynetdicomPdus.AAssociateRj), nameof(PynetdicomPdus.AReleaseRq), nameof(PynetdicomPdus.AReleaseRp),
        nameof(PynetdicomPdus.AAbort), nameof(PynetdicomPdus.APAbort), nameof(PynetdicomPdus.PDataTf), nameof(PynetdicomPdus.PDataTfRq),
    };

    [Theory]
    [MemberData(nameof(ReencodableVectors))]
    public void DecodeThenEncode_PynetdicomVector_ReturnsIdenticalBytes(string vector)
    {
        var bytes = (byte[])typeof(PynetdicomPdus).GetField(vector)!.GetValue(null)!;

        Assert.Equal(bytes, PduCodec.Encode(DecodeWhole(bytes)));
    }

    [Fact]
    public void Decode_PynetdicomEchoRequest_ReadsEveryField()
    {
        var rq = Assert.IsType<AssociateRequest>(DecodeWhole(PynetdicomPdus.AAssociateRq));

        Assert.Equal("ANY-SCP", rq.CalledAeTitle);
        Assert.Equal("ECHOSCU", rq.CallingAeTitle);
        Assert.Equal(1, rq.ProtocolVersion);
        Assert.Equal(AppContext, rq.ApplicationContext);
        var pc = Assert.Single(rq.PresentationContexts);
        Assert.Equal(1, pc.Id);
        Assert.Equal(Verification, pc.AbstractSyntax);
        Assert.Equal(new[] { ImplicitLE }, pc.TransferSyntaxes);
        Assert.Equal(16382u, rq.UserInformation.MaxPduLength);
        Assert.Equal(PynetdicomImplementation, rq.UserInformation.ImplementationClassUid);
        Assert.Equal("PYNETDICOM_090", rq.UserInformation.ImplementationVersionName);
        Assert.Null(rq.UserInformation.AsyncOperations);
        Assert.Empty(rq.UserInformation.RoleSelections);
        Assert.Empty(rq.UserInformation.OtherSubItems);
    }

    [Fact]
    public void Decode_PynetdicomUserIdentityAndAsyncWindow_KeepsIdentityRawAndParsesWindow()
    {
        var rq = Assert.IsType<AssociateRequest>(DecodeWhole(PynetdicomPdus.AAssociateRqUserAsync));

        Assert.Equal(((ushort, ushort)?)(5, 5), rq.UserInformation.AsyncOperations);
        var identity = Assert.Single(rq.UserInformation.OtherSubItems);
        Assert.Equal(0x58, identity.ItemType);
        // type 1 (username), response requested 1, primary field length 10 "pynetdicom", secondary length 0
        Assert.Equal(Concat(Convert.FromHexString("0101000A"), Ascii("pynetdicom"), Convert.FromHexString("0000")), identity.Value.ToArray());
        Assert.Equal("PYNETDICOM_090", rq.UserInformation.ImplementationVersionName);
    }

    [Fact]
    public void Decode_PynetdicomRoleSelection_ReadsScuZeroScpOne()
    {
        var rq = Assert.IsType<AssociateRequest>(DecodeWhole(PynetdicomPdus.AAssociateRqRole));

        Assert.Equal("GETSCU", rq.CallingAeTitle);
        var pc = Assert.Single(rq.PresentationContexts);
        Assert.Equal(CtImageStorage, pc.AbstractSyntax);
        Assert.Equal(new[] { ExplicitLE }, pc.TransferSyntaxes);
        Assert.Equal(new[] { new RoleSelection(CtImageStorage, ScuRole: false, ScpRole: true) }, rq.UserInformation.RoleSelections);
    }

    [Fact]
    public void Decode_PynetdicomThreeTransferSyntaxesAndNonZeroReservedByte_ReadsAllSyntaxes()
    {
        var rq = Assert.IsType<AssociateRequest>(DecodeWhole(PynetdicomPdus.AAssociateRqUserIdUserPass));

        Assert.Equal("STORESCU", rq.CallingAeTitle);
        var pc = Assert.Single(rq.PresentationContexts);
        Assert.Equal(1, pc.Id);
        Assert.Equal(CtImageStorage, pc.AbstractSyntax);
        Assert.Equal(new[] { ExplicitLE, ExplicitBE, ImplicitLE }, pc.TransferSyntaxes);
        Assert.Equal(16384u, rq.UserInformation.MaxPduLength);
        Assert.Equal(DcmtkImplementation, rq.UserInformation.ImplementationClassUid);
        Assert.Equal("OFFIS_DCMTK_360", rq.UserInformation.ImplementationVersionName);
        var identity = Assert.Single(rq.UserInformation.OtherSubItems);
        Assert.Equal(0x58, identity.ItemType);
        Assert.Equal(24, identity.Value.Length);
        Assert.Equal(Ascii("p4ssw0rd"), identity.Value.ToArray()[^8..]);
    }

    [Fact]
    public void Decode_PynetdicomExtendedNegotiation_KeepsUnknownSubItemsInOrder()
    {
        var rq = Assert.IsType<AssociateRequest>(DecodeWhole(PynetdicomPdus.AAssociateRqUserIdExtNeg));

        Assert.Equal(new[] { 1, 3, 5 }, rq.PresentationContexts.Select(p => (int)p.Id));
        Assert.Equal(new[] { Verification, CtImageStorage, MrImageStorage }, rq.PresentationContexts.Select(p => p.AbstractSyntax));
        Assert.Equal(((ushort, ushort)?)(5, 5), rq.UserInformation.AsyncOperations);
        Assert.Equal(new[] { 0x58, 0x56, 0x56 }, rq.UserInformation.OtherSubItems.Select(s => (int)s.ItemType));
        Assert.Equal(Concat(Convert.FromHexString("0019"), Ascii(CtImageStorage), Convert.FromHexString("020003000100")),
            rq.UserInformation.OtherSubItems[1].Value.ToArray());
        Assert.Equal(Concat(Convert.FromHexString("0019"), Ascii(MrImageStorage), Convert.FromHexString("020003000100")),
            rq.UserInformation.OtherSubItems[2].Value.ToArray());
    }

    [Fact]
    public void Encode_DecodedUnknownSubItems_ReencodedVerbatim()
    {
        var rq = Assert.IsType<AssociateRequest>(DecodeWhole(PynetdicomPdus.AAssociateRqUserIdExtNeg));

        var bytes = PduCodec.Encode(rq);

        // The three raw sub-items (58H, 56H, 56H) close the user information item, byte for byte as received.
        var identity = Convert.FromHexString("580000100101000A70796E65746469636F6D0000");
        var extNegCt = Concat(Convert.FromHexString("560000210019"), Ascii(CtImageStorage), Convert.FromHexString("020003000100"));
        var extNegMr = Concat(Convert.FromHexString("560000210019"), Ascii(MrImageStorage), Convert.FromHexString("020003000100"));
        Assert.Equal(Concat(identity, extNegCt, extNegMr), bytes[^(identity.Length + extNegCt.Length + extNegMr.Length)..]);
        Assert.Equal(PynetdicomPdus.AAssociateRqUserIdExtNeg.Length, bytes.Length);
        PduAssert.Equal(rq, DecodeWhole(bytes));
    }

    [Fact]
    public void Decode_AllSpaceCalledAe_DecodesToEmptyString()
    {
        var rq = Assert.IsType<AssociateRequest>(DecodeWhole(PynetdicomPdus.AAssociateRqCalled));

        Assert.Equal("", rq.CalledAeTitle);
        Assert.Equal("ANY-", rq.CallingAeTitle);
    }

    [Fact]
    public void Decode_DcmtkAccept_ReadsEveryField()
    {
        var ac = Assert.IsType<AssociateAccept>(DecodeWhole(PynetdicomPdus.AAssociateAc));

        Assert.Equal("ANY-SCP", ac.CalledAeTitle);
        Assert.Equal("ECHOSCU", ac.CallingAeTitle);
        Assert.Equal(AppContext, ac.ApplicationContext);
        Assert.Equal(new[] { new PresentationContextResponse(1, PresentationContextResult.Acceptance, ImplicitLE) }, ac.PresentationContexts);
        Assert.Equal(16384u, ac.UserInformation.MaxPduLength);
        Assert.Equal(DcmtkImplementation, ac.UserInformation.ImplementationClassUid);
        Assert.Equal("OFFIS_DCMTK_360", ac.UserInformation.ImplementationVersionName);
    }

    [Fact]
    public void Decode_MergecomAcceptWithZeroLengthTransferSyntax_GivesEmptySyntax()
    {
        var ac = Assert.IsType<AssociateAccept>(DecodeWhole(PynetdicomPdus.AAssociateAcZeroTs));

        Assert.Equal("PYNETDICOM", ac.CallingAeTitle);
        Assert.Equal(
            new[] { new PresentationContextResponse(1, PresentationContextResult.Acceptance, ExplicitLE),
                    new PresentationContextResponse(3, PresentationContextResult.AbstractSyntaxNotSupported, "") },
            ac.PresentationContexts);
        Assert.Equal(28672u, ac.UserInformation.MaxPduLength);
        Assert.Equal("2.16.840.1", ac.UserInformation.ImplementationClassUid);
        Assert.Equal("MergeCOM3_390IB2", ac.UserInformation.ImplementationVersionName);
    }

    [Fact]
    public void Decode_AcceptWithoutTransferSyntaxSubItem_GivesEmptySyntax()
    {
        var ac = Assert.IsType<AssociateAccept>(DecodeWhole(PynetdicomPdus.AAssociateAcNoTs));

        Assert.Equal(new[] { new PresentationContextResponse(1, PresentationContextResult.AbstractSyntaxNotSupported, "") }, ac.PresentationContexts);
        Assert.Equal(16382u, ac.UserInformation.MaxPduLength);
        Assert.Equal("1.2.826.0.1.3680043.9.3811.1.4.0", ac.UserInformation.ImplementationClassUid);
        Assert.Equal("PYNETDICOM_140", ac.UserInformation.ImplementationVersionName);
    }

    [Fact]
    public void Decode_PynetdicomSmallPdus_ReadEveryField()
    {
        Assert.Equal(new AssociateReject(RejectResult.Permanent, RejectSource.ServiceUser, 1), DecodeWhole(PynetdicomPdus.AAssociateRj));
        Assert.IsType<ReleaseRequest>(DecodeWhole(PynetdicomPdus.AReleaseRq));
        Assert.IsType<ReleaseResponse>(DecodeWhole(PynetdicomPdus.AReleaseRp));
        Assert.Equal(new Abort(0, 0), DecodeWhole(PynetdicomPdus.AAbort));
        Assert.Equal(new Abort(2, 4), DecodeWhole(PynetdicomPdus.APAbort));
    }

    [Fact]
    public void Decode_PynetdicomPData_ReadsOnePdvWithCommandAndLastBits()
    {
        var p = Assert.IsType<PDataTransfer>(DecodeWhole(PynetdicomPdus.PDataTf));

        var pdv = Assert.Single(p.Values);
        Assert.Equal(1, pdv.PresentationContextId);
        Assert.True(pdv.IsCommand);
        Assert.True(pdv.IsLastFragment);
        Assert.Equal(78, pdv.Data.Length); // PDV item length 0x50 = 80, less context ID and control header
        Assert.Equal(PynetdicomPdus.PDataTf[12..], pdv.Data.ToArray());
    }

    // ---- Round trips ----------------------------------------------------------------------------------

    private static UserInformation FullUserInformation(uint maxLength) => new()
    {
        MaxPduLength = maxLength,
        ImplementationClassUid = "1.2.826.0.1.3680043.10.1234",
        ImplementationVersionName = "SIXTEEN_CHARS_OK",
        AsyncOperations = (0, ushort.MaxValue),
        RoleSelections = [new RoleSelection(CtImageStorage, true, true), new RoleSelection(MrImageStorage, false, true), new RoleSelection("1.2", true, false)],
        OtherSubItems =
        [
            new RawSubItem(0x56, Concat(U16(CtImageStorage.Length), Ascii(CtImageStorage), [1, 0, 1])),
            new RawSubItem(0x58, Concat([0x02, 0x01], U16(4), Ascii("user"), U16(4), Ascii("pass"))),
            new RawSubItem(0x5F, Array.Empty<byte>()),
        ],
    };

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(16384u)]
    [InlineData(0xFFFFFFFFu)]
    public void RoundTrip_AssociateRequestWithEveryUserInformationSubItem_DecodesEqualAndReencodesIdentically(uint maxLength)
    {
        var rq = new AssociateRequest("STORE_SCP", "MODALITY_01",
            [
                new PresentationContextRequest(1, Verification, [ImplicitLE]),
                new PresentationContextRequest(3, CtImageStorage, [ExplicitLE, ImplicitLE, ExplicitBE]),
                new PresentationContextRequest(255, MrImageStorage, ["1.2.840.10008.1.2.4.50"]),
            ],
            FullUserInformation(maxLength));

        var bytes = PduCodec.Encode(rq);
        var decoded = DecodeWhole(bytes);

        PduAssert.Equal(rq, decoded);
        Assert.Equal(bytes, PduCodec.Encode(decoded));
    }

    [Fact]
    public void RoundTrip_AssociateAcceptWithEveryResult_DecodesEqual()
    {
        var ac = new AssociateAccept("CALLED", "CALLING",
            [
                new PresentationContextResponse(1, PresentationContextResult.Acceptance, ImplicitLE),
                new PresentationContextResponse(3, PresentationContextResult.UserRejection, ""),
                new PresentationContextResponse(5, PresentationContextResult.NoReason, ""),
                new PresentationContextResponse(7, PresentationContextResult.AbstractSyntaxNotSupported, ""),
                new PresentationContextResponse(9, PresentationContextResult.TransferSyntaxesNotSupported, ""),
            ],
            FullUserInformation(65536))
        {
            ProtocolVersion = 1,
        };

        var bytes = PduCodec.Encode(ac);
        var decoded = DecodeWhole(bytes);

        PduAssert.Equal(ac, decoded);
        Assert.Equal(bytes, PduCodec.Encode(decoded));
    }

    [Fact]
    public void RoundTrip_NonDefaultApplicationContextAndVersion_Preserved()
    {
        var rq = new AssociateRequest("A", "B", [new PresentationContextRequest(1, Verification, [ImplicitLE])], new UserInformation { ImplementationVersionName = null })
        {
            ProtocolVersion = 3,
            ApplicationContext = "1.2.3.4.5",
        };

        var decoded = Assert.IsType<AssociateRequest>(DecodeWhole(PduCodec.Encode(rq)));

        Assert.Equal(3, decoded.ProtocolVersion);
        Assert.Equal("1.2.3.4.5", decoded.ApplicationContext);
        Assert.Null(decoded.UserInformation.ImplementationVersionName);
        Assert.Null(decoded.UserInformation.AsyncOperations);
    }

    [Theory]
    [InlineData(RejectResult.Permanent, RejectSource.ServiceUser, 1)]
    [InlineData(RejectResult.Permanent, RejectSource.ServiceUser, 2)]
    [InlineData(RejectResult.Permanent, RejectSource.ServiceUser, 3)]
    [InlineData(RejectResult.Permanent, RejectSource.ServiceUser, 7)]
    [InlineData(RejectResult.Transient, RejectSource.ServiceProviderAcse, 1)]
    [InlineData(RejectResult.Permanent, RejectSource.ServiceProviderAcse, 2)]
    [InlineData(RejectResult.Transient, RejectSource.ServiceProviderPresentation, 1)]
    [InlineData(RejectResult.Transient, RejectSource.ServiceProviderPresentation, 2)]
    public void RoundTrip_AssociateReject_DecodesEqual(RejectResult result, RejectSource source, byte reason)
    {
        var rj = new AssociateReject(result, source, reason);

        var bytes = PduCodec.Encode(rj);

        Assert.Equal(new byte[] { 0x03, 0, 0, 0, 0, 4, 0, (byte)result, (byte)source, reason }, bytes);
        Assert.Equal(rj, DecodeWhole(bytes));
    }

    [Fact]
    public void RoundTrip_PDataWithEveryControlHeaderAndEmptyData_DecodesEqual()
    {
        var data = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var p = new PDataTransfer([
            new Pdv(1, false, false, data),
            new Pdv(1, false, true, Array.Empty<byte>()),
            new Pdv(3, true, false, new byte[] { 1 }),
            new Pdv(255, true, true, data.AsMemory(0, 17)),
        ]);

        var bytes = PduCodec.Encode(p);
        var decoded = DecodeWhole(bytes);

        Assert.Equal(6 + (4 + 2 + 300) + (4 + 2) + (4 + 2 + 1) + (4 + 2 + 17), bytes.Length);
        PduAssert.Equal(p, decoded);
    }

    public static TheoryData<string> SmallPdus => new() { "release-rq", "release-rp", "abort-user", "abort-provider" };

    private static Pdu Small(string name) => name switch
    {
        "release-rq" => new ReleaseRequest(),
        "release-rp" => new ReleaseResponse(),
        "abort-user" => new Abort(0, 0),
        _ => new Abort(2, 5),
    };

    [Theory]
    [MemberData(nameof(SmallPdus))]
    public void RoundTrip_ReleaseAndAbort_DecodesEqual(string name)
    {
        var pdu = Small(name);

        var bytes = PduCodec.Encode(pdu);

        Assert.Equal(10, bytes.Length);
        Assert.Equal((byte)pdu.Type, bytes[0]);
        Assert.Equal(pdu, DecodeWhole(bytes));
    }

    // ---- AE titles ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("STORESCP        ", "STORESCP")]
    [InlineData("   LEADING      ", "LEADING")]
    [InlineData("  INNER SPACE   ", "INNER SPACE")]
    [InlineData("                ", "")]
    [InlineData("SIXTEEN_CHARS_AE", "SIXTEEN_CHARS_AE")]
    [InlineData("NULPADDED\0\0\0\0\0\0\0", "NULPADDED")]
    public void Decode_AeTitleField_LeadingAndTrailingSpacesTrimmed(string field, string expected)
    {
        var body = Concat(U16(1), [0, 0], AeField(field), AeField(field), new byte[32], ApplicationContext, PresentationContextRq(), UserInformation());

        var rq = Assert.IsType<AssociateRequest>(PduCodec.Decode(PduType.AssociateRequest, body));

        Assert.Equal(expected, rq.CalledAeTitle);
        Assert.Equal(expected, rq.CallingAeTitle);
    }

    [Fact]
    public void Decode_AllSpaceAeTitlesInAccept_DecodeToEmpty()
    {
        var body = Concat(AssociateFixed(Spaces(16), Spaces(16)), ApplicationContext, PresentationContextAc(), UserInformation());

        var ac = Assert.IsType<AssociateAccept>(PduCodec.Decode(PduType.AssociateAccept, body));

        Assert.Equal("", ac.CalledAeTitle);
        Assert.Equal("", ac.CallingAeTitle);
    }

    [Fact]
    public void Decode_UidWithTrailingNulPadding_Trimmed()
    {
        var body = AssociateRqBody(UidItem(0x10, AppContext + "\0"), PresentationContextRq(1, "1.2.840.10008.1.1\0", "1.2.840.10008.1.2\0"),
            UserInformation(MaxLength(0), UidItem(0x52, "1.2.3.4\0")));

        var rq = Assert.IsType<AssociateRequest>(PduCodec.Decode(PduType.AssociateRequest, body));

        Assert.Equal(AppContext, rq.ApplicationContext);
        Assert.Equal(Verification, rq.PresentationContexts[0].AbstractSyntax);
        Assert.Equal(new[] { ImplicitLE }, rq.PresentationContexts[0].TransferSyntaxes);
        Assert.Equal("1.2.3.4", rq.UserInformation.ImplementationClassUid);
    }

    [Fact]
    public void Decode_HandBuiltRequest_ReadsFieldsAndKeepsSubItemOrderIndependence()
    {
        // Sub-items in an order other than ours (55H and 53H before 52H): decoding does not depend on order.
        var body = AssociateRqBody(ApplicationContext, PresentationContextRq(3, CtImageStorage, ExplicitLE, ImplicitLE),
            UserInformation(Item(0x55, Ascii("VER")), Item(0x53, [0, 2, 0, 1]), MaxLength(32768), UidItem(0x52, "9.8.7")));

        var rq = Assert.IsType<AssociateRequest>(PduCodec.Decode(PduType.AssociateRequest, body));

        Assert.Equal("CALLED", rq.CalledAeTitle);
        Assert.Equal("CALLING", rq.CallingAeTitle);
        Assert.Equal(3, rq.PresentationContexts[0].Id);
        Assert.Equal(new[] { ExplicitLE, ImplicitLE }, rq.PresentationContexts[0].TransferSyntaxes);
        Assert.Equal(32768u, rq.UserInformation.MaxPduLength);
        Assert.Equal("9.8.7", rq.UserInformation.ImplementationClassUid);
        Assert.Equal("VER", rq.UserInformation.ImplementationVersionName);
        Assert.Equal(((ushort, ushort)?)(2, 1), rq.UserInformation.AsyncOperations);
    }

    // ---- Malformed input ----------------------------------------------------------------------------

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x08)]
    [InlineData(0x47)]
    [InlineData(0xFF)]
    public void Decode_UnknownPduType_ThrowsUnrecognizedPdu(byte type) =>
        Assert.Equal(AbortReason.UnrecognizedPdu, Fails((PduType)type, [0, 0, 0, 0]));

    [Theory]
    [InlineData(PduType.AssociateRequest, 0)]
    [InlineData(PduType.AssociateRequest, 67)]
    [InlineData(PduType.AssociateAccept, 10)]
    [InlineData(PduType.AssociateAccept, 67)]
    public void Decode_AssociateBodyShorterThanFixedPart_ThrowsInvalidParameterValue(PduType type, int length) =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(type, new byte[length]));

    [Fact]
    public void Decode_AssociateFixedPartOnly_ThrowsInvalidParameterValueForMissingItems() =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.AssociateRequest, AssociateFixed()));

    [Fact]
    public void Decode_ItemLengthBeyondBody_ThrowsInvalidParameterValue()
    {
        var appContext = ItemWithLength(0x10, 0x40, Ascii(AppContext)); // claims 64 bytes, 21 follow

        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.AssociateRequest, AssociateRqBody(appContext)));
    }

    [Fact]
    public void Decode_ItemHeaderTruncated_ThrowsInvalidParameterValue() =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.AssociateRequest, Concat(ValidRqBody(), [0x50, 0x00, 0x00])));

    [Fact]
    public void Decode_PresentationContextLengthBeyondPdu_ThrowsInvalidParameterValue()
    {
        var pc = PresentationContextRq();
        pc[3] += 10; // the item says 10 more bytes than the PDU holds

        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, pc)));
    }

    [Fact]
    public void Decode_SubItemLengthBeyondPresentationContext_ThrowsInvalidParameterValue()
    {
        var pc = Item(0x20, [1, 0, 0, 0], ItemWithLength(0x30, 30, Ascii(Verification))); // 17 bytes of a claimed 30

        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, pc, UserInformation())));
    }

    [Fact]
    public void Decode_SubItemLengthBeyondUserInformation_ThrowsInvalidParameterValue()
    {
        var ui = Item(0x50, MaxLength(16384), ItemWithLength(0x52, 200, Ascii("1.2.3")));

        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, PresentationContextRq(), ui)));
    }

    [Fact]
    public void Decode_ApplicationContextAfterPresentationContext_ThrowsUnexpectedParameter() =>
        Assert.Equal(AbortReason.UnexpectedPduParameter,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, PresentationContextRq(), ApplicationContext, UserInformation())));

    [Fact]
    public void Decode_ApplicationContextAfterAcceptContext_ThrowsUnexpectedParameter() =>
        Assert.Equal(AbortReason.UnexpectedPduParameter,
            Fails(PduType.AssociateAccept, AssociateRqBody(ApplicationContext, PresentationContextAc(), ApplicationContext, UserInformation())));

    [Fact]
    public void Decode_ApplicationContextRepeated_ThrowsUnexpectedParameter() =>
        Assert.Equal(AbortReason.UnexpectedPduParameter,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, ApplicationContext, PresentationContextRq(), UserInformation())));

    [Fact]
    public void Decode_PresentationContextBeforeApplicationContext_ThrowsUnexpectedParameter() =>
        Assert.Equal(AbortReason.UnexpectedPduParameter,
            Fails(PduType.AssociateRequest, AssociateRqBody(PresentationContextRq(), ApplicationContext, UserInformation())));

    public static TheoryData<string> ItemsAfterUserInformation => new() { "presentation-context", "application-context", "user-information", "unknown" };

    [Theory]
    [MemberData(nameof(ItemsAfterUserInformation))]
    public void Decode_AnyItemAfterUserInformation_ThrowsUnexpectedParameter(string trailing)
    {
        byte[] item = trailing switch
        {
            "presentation-context" => PresentationContextRq(3),
            "application-context" => ApplicationContext,
            "user-information" => UserInformation(),
            _ => Item(0x99, [1, 2]),
        };

        Assert.Equal(AbortReason.UnexpectedPduParameter, Fails(PduType.AssociateRequest, Concat(ValidRqBody(), item)));
        Assert.Equal(AbortReason.UnexpectedPduParameter, Fails(PduType.AssociateAccept, Concat(ValidAcBody(), item)));
    }

    [Theory]
    [InlineData(0x11)]
    [InlineData(0x22)]
    [InlineData(0x99)]
    [InlineData(0xFF)]
    public void Decode_UnknownItemTypeInAssociate_ThrowsUnrecognizedParameter(byte type)
    {
        Assert.Equal(AbortReason.UnrecognizedPduParameter,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, PresentationContextRq(), Item(type, [0]), UserInformation())));
        Assert.Equal(AbortReason.UnrecognizedPduParameter,
            Fails(PduType.AssociateAccept, AssociateRqBody(ApplicationContext, Item(type), PresentationContextAc(), UserInformation())));
    }

    [Fact]
    public void Decode_AcceptContextItemInRequest_ThrowsUnexpectedParameter() =>
        Assert.Equal(AbortReason.UnexpectedPduParameter,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, PresentationContextAc(), UserInformation())));

    [Fact]
    public void Decode_RequestContextItemInAccept_ThrowsUnexpectedParameter() =>
        Assert.Equal(AbortReason.UnexpectedPduParameter,
            Fails(PduType.AssociateAccept, AssociateRqBody(ApplicationContext, PresentationContextRq(), UserInformation())));

    [Fact]
    public void Decode_RequestWithoutUserInformation_ThrowsInvalidParameterValue() =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, PresentationContextRq())));

    [Fact]
    public void Decode_AcceptWithoutUserInformation_ThrowsInvalidParameterValue() =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.AssociateAccept, AssociateRqBody(ApplicationContext, PresentationContextAc())));

    [Fact]
    public void Decode_RequestWithoutPresentationContext_ThrowsInvalidParameterValue() =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, UserInformation())));

    [Fact]
    public void Decode_RequestWithoutApplicationContext_ThrowsUnexpectedParameterAtFirstContext() =>
        Assert.Equal(AbortReason.UnexpectedPduParameter, Fails(PduType.AssociateRequest, AssociateRqBody(PresentationContextRq(), UserInformation())));

    [Fact]
    public void Decode_RequestWithOnlyUserInformation_ThrowsInvalidParameterValue() =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.AssociateRequest, AssociateRqBody(UserInformation())));

    [Fact]
    public void Decode_PresentationContextWithoutTransferSyntax_ThrowsInvalidParameterValue() =>
        Assert.Equal(AbortReason.InvalidPduParameterValue,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, Item(0x20, [1, 0, 0, 0], UidItem(0x30, Verification)), UserInformation())));

    [Fact]
    public void Decode_PresentationContextWithoutAbstractSyntax_ThrowsUnexpectedParameter() =>
        Assert.Equal(AbortReason.UnexpectedPduParameter,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, Item(0x20, [1, 0, 0, 0], UidItem(0x40, ImplicitLE)), UserInformation())));

    [Fact]
    public void Decode_PresentationContextWithTwoAbstractSyntaxes_ThrowsUnexpectedParameter() =>
        Assert.Equal(AbortReason.UnexpectedPduParameter,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext,
                Item(0x20, [1, 0, 0, 0], UidItem(0x30, Verification), UidItem(0x30, CtImageStorage), UidItem(0x40, ImplicitLE)), UserInformation())));

    [Fact]
    public void Decode_AbstractSyntaxAfterTransferSyntax_ThrowsUnexpectedParameter() =>
        Assert.Equal(AbortReason.UnexpectedPduParameter,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext,
                Item(0x20, [1, 0, 0, 0], UidItem(0x30, Verification), UidItem(0x40, ImplicitLE), UidItem(0x30, CtImageStorage)), UserInformation())));

    [Fact]
    public void Decode_PresentationContextItemShorterThanFourBytes_ThrowsInvalidParameterValue()
    {
        Assert.Equal(AbortReason.InvalidPduParameterValue,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, Item(0x20, [1, 0, 0]), UserInformation())));
        Assert.Equal(AbortReason.InvalidPduParameterValue,
            Fails(PduType.AssociateAccept, AssociateRqBody(ApplicationContext, Item(0x21, [1]), UserInformation())));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(0xFF)]
    public void Decode_AcceptContextResultOutOfRange_ThrowsInvalidParameterValue(byte result) =>
        Assert.Equal(AbortReason.InvalidPduParameterValue,
            Fails(PduType.AssociateAccept, AssociateRqBody(ApplicationContext, PresentationContextAc(1, result), UserInformation())));

    [Fact]
    public void Decode_AbstractSyntaxSubItemInAcceptContext_ThrowsUnexpectedParameter() =>
        Assert.Equal(AbortReason.UnexpectedPduParameter,
            Fails(PduType.AssociateAccept, AssociateRqBody(ApplicationContext, Item(0x21, [1, 0, 0, 0], UidItem(0x30, Verification)), UserInformation())));

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void Decode_MaximumLengthSubItemNotFourBytes_ThrowsInvalidParameterValue(int length) =>
        Assert.Equal(AbortReason.InvalidPduParameterValue,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, PresentationContextRq(), UserInformation(Item(0x51, new byte[length])))));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Decode_AsyncOperationsSubItemNotFourBytes_ThrowsInvalidParameterValue(int length) =>
        Assert.Equal(AbortReason.InvalidPduParameterValue,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, PresentationContextRq(),
                UserInformation(MaxLength(0), Item(0x53, new byte[length])))));

    public static TheoryData<string> BadRoleSelections => new() { "uid-length-too-long", "uid-length-too-short", "no-role-bytes", "one-byte" };

    [Theory]
    [MemberData(nameof(BadRoleSelections))]
    public void Decode_RoleSelectionLengthsInconsistent_ThrowsInvalidParameterValue(string shape)
    {
        byte[] value = shape switch
        {
            "uid-length-too-long" => Concat(U16(10), Ascii("1.2.3"), [1, 1]),
            "uid-length-too-short" => Concat(U16(3), Ascii("1.2.3"), [1, 1]),
            "no-role-bytes" => Concat(U16(5), Ascii("1.2.3")),
            _ => [0],
        };

        Assert.Equal(AbortReason.InvalidPduParameterValue,
            Fails(PduType.AssociateRequest, AssociateRqBody(ApplicationContext, PresentationContextRq(), UserInformation(MaxLength(0), Item(0x54, value)))));
    }

    [Fact]
    public void Decode_UserInformationWithoutMaximumLength_GivesZeroAndEmptyClassUid()
    {
        var body = AssociateRqBody(ApplicationContext, PresentationContextRq(), Item(0x50));

        var rq = Assert.IsType<AssociateRequest>(PduCodec.Decode(PduType.AssociateRequest, body));

        Assert.Equal(0u, rq.UserInformation.MaxPduLength);
        Assert.Equal("", rq.UserInformation.ImplementationClassUid);
        Assert.Null(rq.UserInformation.ImplementationVersionName);
    }

    // P-DATA-TF

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    public void Decode_PdvLengthBelowTwo_ThrowsInvalidParameterValue(uint length) =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.PData, Concat(U32(length), [1, 3])));

    [Theory]
    [InlineData(5u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0xFFFFFFFFu)]
    public void Decode_PdvLengthBeyondBody_ThrowsInvalidParameterValue(uint length) =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.PData, Concat(U32(length), [1, 3, 0xAA, 0xBB])));

    [Fact]
    public void Decode_SecondPdvLengthBeyondBody_ThrowsInvalidParameterValue() =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.PData, Concat(Pdv(1, 2, [9]), U32(3), [1, 2])));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Decode_PdvItemHeaderTruncated_ThrowsInvalidParameterValue(int trailing) =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.PData, Concat(Pdv(1, 2, [9]), new byte[trailing])));

    [Theory]
    [InlineData(0x04)]
    [InlineData(0x07)]
    [InlineData(0x80)]
    [InlineData(0xFC)]
    public void Decode_PdvControlHeaderReservedBitsSet_ThrowsInvalidParameterValue(byte header) =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.PData, Pdv(1, header, [1, 2, 3])));

    [Fact]
    public void Decode_EmptyPData_ThrowsInvalidParameterValue() =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.PData, []));

    [Fact]
    public void Decode_PdvOfLengthTwo_GivesEmptyData()
    {
        var p = Assert.IsType<PDataTransfer>(PduCodec.Decode(PduType.PData, Pdv(7, 0x02, [])));

        var pdv = Assert.Single(p.Values);
        Assert.Equal(7, pdv.PresentationContextId);
        Assert.False(pdv.IsCommand);
        Assert.True(pdv.IsLastFragment);
        Assert.Equal(0, pdv.Data.Length);
    }

    // Fixed-size PDUs

    [Theory]
    [InlineData(PduType.ReleaseRequest, 0)]
    [InlineData(PduType.ReleaseRequest, 3)]
    [InlineData(PduType.ReleaseRequest, 5)]
    [InlineData(PduType.ReleaseResponse, 0)]
    [InlineData(PduType.ReleaseResponse, 8)]
    [InlineData(PduType.Abort, 0)]
    [InlineData(PduType.Abort, 2)]
    [InlineData(PduType.Abort, 5)]
    [InlineData(PduType.AssociateReject, 3)]
    [InlineData(PduType.AssociateReject, 6)]
    public void Decode_FixedSizeBodyNotFourBytes_ThrowsInvalidParameterValue(PduType type, int length) =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(type, Enumerable.Repeat((byte)1, length).ToArray()));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(0xFF, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 4)]
    [InlineData(2, 0xFF)]
    public void Decode_RejectWithBadResultOrSource_ThrowsInvalidParameterValue(byte result, byte source) =>
        Assert.Equal(AbortReason.InvalidPduParameterValue, Fails(PduType.AssociateReject, [0, result, source, 1]));

    [Fact]
    public void Decode_ReleaseWithNonZeroReservedBytes_StillDecodes()
    {
        Assert.IsType<ReleaseRequest>(PduCodec.Decode(PduType.ReleaseRequest, [0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal(new Abort(2, 6), PduCodec.Decode(PduType.Abort, [0xAB, 0xCD, 2, 6]));
    }

    [Fact]
    public void PduFormatException_Constructors_SetReason()
    {
        Assert.Equal(AbortReason.NotSpecified, new PduFormatException().Reason);
        Assert.Equal(AbortReason.InvalidPduParameterValue, new PduFormatException("x").Reason);
        Assert.Equal(AbortReason.InvalidPduParameterValue, new PduFormatException("x", new IOException()).Reason);
        Assert.Equal(AbortReason.UnexpectedPdu, new PduFormatException("x", AbortReason.UnexpectedPdu).Reason);
    }
}
