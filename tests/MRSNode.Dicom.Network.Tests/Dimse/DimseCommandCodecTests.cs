using System.Buffers.Binary;
using System.Text;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Tests.Pdus;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.Dicom.Network.Tests.Dimse.CommandBytes;

namespace MRSNode.Dicom.Network.Tests.Dimse;

[UnitTest]
public class DimseCommandCodecTests
{
    private const string Verification = "1.2.840.10008.1.1";
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    private const string Instance = "1.2.826.0.1.3680043.2.1125.1.12345678901234567890";

    // The command set carried by pynetdicom's P-DATA-TF vectors (PDU header 6, PDV header 6).
    private static byte[] PynetdicomEchoRequest => PynetdicomPdus.PDataTfRq[12..];
    private static byte[] PynetdicomEchoResponse => PynetdicomPdus.PDataTf[12..];

    public static TheoryData<string> AllMessageKinds => new() { "echo-rq", "echo-rsp", "store-rq", "store-rsp" };

    /// <summary>Each message type with every optional field set to a non-default value.</summary>
    private static DimseMessage Full(string kind) => kind switch
    {
        "echo-rq" => new CEchoRequest(0xFFFF) { AffectedSopClassUid = "1.2.3.4.5" },
        "echo-rsp" => new CEchoResponse(0x8001, new DimseStatus(0x0211)) { AffectedSopClassUid = "1.2.3.4.5" },
        "store-rq" => new CStoreRequest(42, CtImageStorage, Instance)
        {
            Priority = DimsePriority.Low,
            MoveOriginatorAeTitle = "MOVE_SCU",
            MoveOriginatorMessageId = 7,
        },
        _ => new CStoreResponse(42, CtImageStorage, Instance, DimseStatus.DataSetDoesNotMatchSopClassWarning)
        {
            ErrorComment = "Coerced (0010,0010)",
            OffendingElement = new DicomTag(0x0010, 0x0020),
        },
    };

    // ---- Layout -----------------------------------------------------------------------------------

    [Fact]
    public void Encode_CEchoRequest_MatchesPynetdicomCommandExceptItsWrongGroupLength()
    {
        var bytes = DimseCommandCodec.Encode(new CEchoRequest(1));

        // pynetdicom's p_data_tf_rq vector says 0x3A (58) in (0000,0000), but only 56 bytes follow the
        // element: 26 for (0000,0002) + 10 each for (0000,0100), (0000,0110), (0000,0800). Everything else matches.
        Assert.Equal(68, PynetdicomEchoRequest.Length);
        Assert.Equal(0x3A, PynetdicomEchoRequest[8]);
        Assert.Equal(new byte[] { 0x38, 0x00, 0x00, 0x00 }, bytes[8..12]);
        Assert.Equal(PynetdicomEchoRequest[..8], bytes[..8]);
        Assert.Equal(PynetdicomEchoRequest[12..], bytes[12..]);
    }

    [Fact]
    public void Encode_CEchoResponse_MatchesPynetdicomCommandByteForByte() =>
        Assert.Equal(PynetdicomEchoResponse, DimseCommandCodec.Encode(new CEchoResponse(1, DimseStatus.Success)));

    [Fact]
    public void Encode_CEchoRequest_FirstElementIsImplicitVrGroupLength()
    {
        var bytes = DimseCommandCodec.Encode(new CEchoRequest(1));

        // (0000,0000): group 0000 LE, element 0000 LE, 32-bit length 4 LE — no VR characters, no 16-bit length.
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00 }, bytes[..8]);
        Assert.Equal((uint)(bytes.Length - 12), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        // (0000,0002) Affected SOP Class UID follows with a 32-bit length of 18 (17 characters + NUL pad).
        Assert.Equal(new byte[] { 0x00, 0x00, 0x02, 0x00, 0x12, 0x00, 0x00, 0x00 }, bytes[12..20]);
        Assert.Equal(UI(Verification), bytes[20..38]);
    }

    [Fact]
    public void Encode_CEchoRequest_ElementsInTagOrderWithExpectedValues()
    {
        var elements = Parse(DimseCommandCodec.Encode(new CEchoRequest(0x1234)));

        Assert.All(elements, e => Assert.Equal(0x0000, e.Group));
        Assert.Equal(new ushort[] { 0x0000, 0x0002, 0x0100, 0x0110, 0x0800 }, elements.Select(e => e.Number));
        Assert.Equal(0x0030, UsValue(elements, 0x0100));
        Assert.Equal(0x1234, UsValue(elements, 0x0110));
        Assert.Equal(0x0101, UsValue(elements, 0x0800));
    }

    [Theory]
    [MemberData(nameof(AllMessageKinds))]
    public void Encode_EveryMessage_GroupLengthEqualsBytesAfterIt(string kind)
    {
        var bytes = DimseCommandCodec.Encode(Full(kind));

        var elements = Parse(bytes);

        Assert.Equal(0x0000, elements[0].Number);
        Assert.Equal((uint)(bytes.Length - 12), BinaryPrimitives.ReadUInt32LittleEndian(elements[0].Value));
        Assert.All(elements, e => Assert.Equal(0, e.Value.Length % 2));
        Assert.Equal(elements.Select(e => e.Number).Order(), elements.Select(e => e.Number));
    }

    [Fact]
    public void Encode_CStoreRequest_WritesEveryFieldWithItsTag()
    {
        var elements = Parse(DimseCommandCodec.Encode(Full("store-rq")));

        Assert.Equal(new ushort[] { 0x0000, 0x0002, 0x0100, 0x0110, 0x0700, 0x0800, 0x1000, 0x1030, 0x1031 }, elements.Select(e => e.Number));
        Assert.Equal(UI(CtImageStorage), Value(elements, 0x0002));
        Assert.Equal(0x0001, UsValue(elements, 0x0100));
        Assert.Equal(42, UsValue(elements, 0x0110));
        Assert.Equal(0x0002, UsValue(elements, 0x0700));
        Assert.NotEqual(0x0101, UsValue(elements, 0x0800)); // a data set follows
        Assert.Equal(UI(Instance), Value(elements, 0x1000));
        Assert.Equal(Encoding.ASCII.GetBytes("MOVE_SCU"), Value(elements, 0x1030));
        Assert.Equal(7, UsValue(elements, 0x1031));
    }

    [Fact]
    public void Encode_CStoreRequestWithoutMoveOriginator_OmitsBothElements()
    {
        var elements = Parse(DimseCommandCodec.Encode(new CStoreRequest(1, CtImageStorage, Instance)));

        Assert.DoesNotContain(elements, e => e.Number is 0x1030 or 0x1031);
        Assert.Equal(0x0000, UsValue(elements, 0x0700)); // medium
    }

    [Fact]
    public void Encode_CStoreResponse_WritesStatusCommentAndOffendingElement()
    {
        var elements = Parse(DimseCommandCodec.Encode(Full("store-rsp")));

        Assert.Equal(new ushort[] { 0x0000, 0x0002, 0x0100, 0x0120, 0x0800, 0x0900, 0x0901, 0x0902, 0x1000 }, elements.Select(e => e.Number));
        Assert.Equal(0x8001, UsValue(elements, 0x0100));
        Assert.Equal(42, UsValue(elements, 0x0120));
        Assert.Equal(0x0101, UsValue(elements, 0x0800));
        Assert.Equal(0xB007, UsValue(elements, 0x0900));
        Assert.Equal(new byte[] { 0x10, 0x00, 0x20, 0x00 }, Value(elements, 0x0901)); // AT: group LE, element LE
        Assert.Equal(Text("Coerced (0010,0010)"), Value(elements, 0x0902));
    }

    [Fact]
    public void Encode_CStoreResponseWithoutOptionalFields_OmitsCommentAndOffendingElement()
    {
        var elements = Parse(DimseCommandCodec.Encode(new CStoreResponse(3, CtImageStorage, Instance, DimseStatus.Success)));

        Assert.DoesNotContain(elements, e => e.Number is 0x0901 or 0x0902);
        Assert.Equal(0x0000, UsValue(elements, 0x0900));
    }

    [Fact]
    public void Encode_ErrorCommentOver64Characters_TruncatedTo64()
    {
        var comment = new string('x', 70);

        var bytes = DimseCommandCodec.Encode(new CStoreResponse(1, CtImageStorage, Instance, DimseStatus.CannotUnderstand) { ErrorComment = comment });

        Assert.Equal(Encoding.ASCII.GetBytes(new string('x', 64)), Value(Parse(bytes), 0x0902));
        var decoded = Assert.IsType<CStoreResponse>(DimseCommandCodec.Decode(bytes));
        Assert.Equal(new string('x', 64), decoded.ErrorComment);
    }

    [Fact]
    public void Encode_Null_ThrowsArgumentNull() =>
        Assert.Equal("message", Assert.Throws<ArgumentNullException>(() => DimseCommandCodec.Encode(null!)).ParamName);

    private sealed record UnsupportedMessage : DimseMessage
    {
        public override ushort Command => 0x0020;
        public override bool HasDataSet => true;
    }

    [Fact]
    public void Encode_UnsupportedMessage_ThrowsArgument()
    {
        var ex = Assert.Throws<ArgumentException>(() => DimseCommandCodec.Encode(new UnsupportedMessage()));

        Assert.Equal("message", ex.ParamName);
        Assert.Contains(nameof(UnsupportedMessage), ex.Message);
    }

    // ---- Decode ----------------------------------------------------------------------------------

    [Fact]
    public void Decode_PynetdicomEchoRequest_GivesMessageIdOne()
    {
        var rq = Assert.IsType<CEchoRequest>(DimseCommandCodec.Decode(PynetdicomEchoRequest));

        Assert.Equal(1, rq.MessageId);
        Assert.Equal(Verification, rq.AffectedSopClassUid);
        Assert.False(rq.HasDataSet);
    }

    [Fact]
    public void Decode_PynetdicomEchoResponse_GivesSuccessToMessageOne()
    {
        var rsp = Assert.IsType<CEchoResponse>(DimseCommandCodec.Decode(PynetdicomEchoResponse));

        Assert.Equal(1, rsp.MessageIdBeingRespondedTo);
        Assert.Equal(DimseStatus.Success, rsp.Status);
        Assert.Equal(Verification, rsp.AffectedSopClassUid);
    }

    [Theory]
    [MemberData(nameof(AllMessageKinds))]
    public void RoundTrip_EveryMessageWithAllOptionalFields_DecodesEqual(string kind)
    {
        var message = Full(kind);

        var decoded = DimseCommandCodec.Decode(DimseCommandCodec.Encode(message));

        Assert.Equal(message, decoded);
    }

    [Theory]
    [InlineData(DimsePriority.Medium)]
    [InlineData(DimsePriority.High)]
    [InlineData(DimsePriority.Low)]
    public void RoundTrip_CStoreRequestPriority_Preserved(DimsePriority priority)
    {
        var rq = new CStoreRequest(9, CtImageStorage, Instance) { Priority = priority };

        Assert.Equal(rq, DimseCommandCodec.Decode(DimseCommandCodec.Encode(rq)));
    }

    [Fact]
    public void RoundTrip_CStoreRequestWithoutOptionalFields_DecodesNulls()
    {
        var rq = new CStoreRequest(0, CtImageStorage, Instance);

        var decoded = Assert.IsType<CStoreRequest>(DimseCommandCodec.Decode(DimseCommandCodec.Encode(rq)));

        Assert.Equal(rq, decoded);
        Assert.Null(decoded.MoveOriginatorAeTitle);
        Assert.Null(decoded.MoveOriginatorMessageId);
    }

    [Fact]
    public void RoundTrip_CStoreResponseWithoutOptionalFields_DecodesNulls()
    {
        var rsp = new CStoreResponse(5, CtImageStorage, Instance, DimseStatus.OutOfResources);

        var decoded = Assert.IsType<CStoreResponse>(DimseCommandCodec.Decode(DimseCommandCodec.Encode(rsp)));

        Assert.Equal(rsp, decoded);
        Assert.Null(decoded.ErrorComment);
        Assert.Null(decoded.OffendingElement);
    }

    [Fact]
    public void Decode_HandBuiltCStoreRequest_ReadsEveryField()
    {
        var bytes = Command(
            (0x0002, UI(CtImageStorage)), (0x0100, US(0x0001)), (0x0110, US(300)), (0x0700, US(1)), (0x0800, US(0x0000)),
            (0x1000, UI(Instance)), (0x1030, Text("QR_SCP")), (0x1031, US(12)));

        var rq = Assert.IsType<CStoreRequest>(DimseCommandCodec.Decode(bytes));

        Assert.Equal(new CStoreRequest(300, CtImageStorage, Instance) { Priority = DimsePriority.High, MoveOriginatorAeTitle = "QR_SCP", MoveOriginatorMessageId = 12 }, rq);
        Assert.True(rq.HasDataSet);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0xFFFF)]
    public void Decode_PriorityOutOfRange_DefaultsToMedium(ushort priority)
    {
        var bytes = Command((0x0002, UI(CtImageStorage)), (0x0100, US(0x0001)), (0x0110, US(1)), (0x0700, US(priority)), (0x0800, US(0)), (0x1000, UI(Instance)));

        Assert.Equal(DimsePriority.Medium, Assert.IsType<CStoreRequest>(DimseCommandCodec.Decode(bytes)).Priority);
    }

    [Fact]
    public void Decode_CEchoRequestWithoutAffectedSopClass_DefaultsToVerification()
    {
        var bytes = Command((0x0100, US(0x0030)), (0x0110, US(77)), (0x0800, US(0x0101)));

        Assert.Equal(new CEchoRequest(77), DimseCommandCodec.Decode(bytes));
    }

    [Fact]
    public void Decode_WithoutGroupLength_StillDecodes()
    {
        var bytes = Command((0x0100, US(0x0030)), (0x0110, US(5)), (0x0800, US(0x0101)))[12..];

        Assert.Equal(new CEchoRequest(5), DimseCommandCodec.Decode(bytes));
    }

    [Fact]
    public void Decode_NoCommandField_ThrowsWithZeroCommandField()
    {
        var bytes = Command((0x0002, UI(Verification)), (0x0110, US(1)), (0x0800, US(0x0101)));

        var ex = Assert.Throws<DimseFormatException>(() => DimseCommandCodec.Decode(bytes));

        Assert.Equal(0, ex.CommandFieldValue);
        Assert.Contains("(0000,0100)", ex.Message);
    }

    [Fact]
    public void Decode_EmptyCommandSet_ThrowsWithZeroCommandField() =>
        Assert.Equal(0, Assert.Throws<DimseFormatException>(() => DimseCommandCodec.Decode(ReadOnlyMemory<byte>.Empty)).CommandFieldValue);

    [Fact]
    public void Decode_EmptyCommandFieldValue_Throws() =>
        Assert.Equal(0, Assert.Throws<DimseFormatException>(() => DimseCommandCodec.Decode(Command((0x0100, [])))).CommandFieldValue);

    [Theory]
    [InlineData(0x0020)] // C-FIND-RQ
    [InlineData(0x8020)] // C-FIND-RSP
    [InlineData(0x0010)] // C-GET-RQ
    [InlineData(0x0021)] // C-MOVE-RQ
    [InlineData(0x0FFF)] // C-CANCEL-RQ
    [InlineData(0x0140)] // N-CREATE-RQ
    [InlineData(0x1234)]
    public void Decode_UnsupportedCommand_ThrowsNamingTheCommandField(ushort command)
    {
        var bytes = Command((0x0002, UI("1.2.840.10008.5.1.4.1.2.1.1")), (0x0100, US(command)), (0x0110, US(3)), (0x0700, US(0)), (0x0800, US(0)));

        var ex = Assert.Throws<DimseFormatException>(() => DimseCommandCodec.Decode(bytes));

        Assert.Equal(command, ex.CommandFieldValue);
        Assert.Contains($"0x{command:X4}", ex.Message);
    }

    public static TheoryData<string> MissingRequiredFields => new() { "echo-rq-message-id", "echo-rsp-status", "echo-rsp-message-id", "store-rq-instance", "store-rq-class", "store-rsp-status" };

    [Theory]
    [MemberData(nameof(MissingRequiredFields))]
    public void Decode_RequiredFieldMissing_Throws(string missing)
    {
        byte[] bytes = missing switch
        {
            "echo-rq-message-id" => Command((0x0002, UI(Verification)), (0x0100, US(0x0030)), (0x0800, US(0x0101))),
            "echo-rsp-status" => Command((0x0002, UI(Verification)), (0x0100, US(0x8030)), (0x0120, US(1)), (0x0800, US(0x0101))),
            "echo-rsp-message-id" => Command((0x0002, UI(Verification)), (0x0100, US(0x8030)), (0x0800, US(0x0101)), (0x0900, US(0))),
            "store-rq-instance" => Command((0x0002, UI(CtImageStorage)), (0x0100, US(0x0001)), (0x0110, US(1)), (0x0800, US(0))),
            "store-rq-class" => Command((0x0100, US(0x0001)), (0x0110, US(1)), (0x0800, US(0)), (0x1000, UI(Instance))),
            _ => Command((0x0002, UI(CtImageStorage)), (0x0100, US(0x8001)), (0x0120, US(1)), (0x0800, US(0x0101)), (0x1000, UI(Instance))),
        };

        var ex = Assert.Throws<DimseFormatException>(() => DimseCommandCodec.Decode(bytes));

        Assert.Contains("lacks", ex.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(20)]
    public void Decode_TruncatedCommandSet_ThrowsDimseFormatException(int keep)
    {
        var bytes = DimseCommandCodec.Encode(new CEchoRequest(1))[..keep];

        Assert.Throws<DimseFormatException>(() => DimseCommandCodec.Decode(bytes));
    }

    [Fact]
    public void Decode_ElementLengthBeyondEnd_ThrowsDimseFormatException()
    {
        var bytes = Command((0x0100, US(0x0030)), (0x0110, US(1)));
        bytes[^6] = 0x40; // (0000,0110) now claims 64 bytes

        Assert.Throws<DimseFormatException>(() => DimseCommandCodec.Decode(bytes));
    }

    [Fact]
    public void DimseFormatException_Constructors_SetCommandField()
    {
        Assert.Equal(0, new DimseFormatException().CommandFieldValue);
        Assert.Equal(0, new DimseFormatException("x").CommandFieldValue);
        Assert.Equal(0, new DimseFormatException("x", new IOException()).CommandFieldValue);
        Assert.Equal(0x0020, new DimseFormatException("x", 0x0020).CommandFieldValue);
    }

    // ---- Messages ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("echo-rq", 0x0030, false)]
    [InlineData("echo-rsp", 0x8030, false)]
    [InlineData("store-rq", 0x0001, true)]
    [InlineData("store-rsp", 0x8001, false)]
    public void Message_CommandFieldAndDataSetFlag_MatchPs37AnnexE(string kind, ushort command, bool hasDataSet)
    {
        var message = Full(kind);

        Assert.Equal(command, message.Command);
        Assert.Equal(hasDataSet, message.HasDataSet);
        Assert.Equal(command, UsValue(Parse(DimseCommandCodec.Encode(message)), 0x0100));
    }

    [Fact]
    public void Message_Defaults_AreVerificationAndMedium()
    {
        Assert.Equal(Verification, new CEchoRequest(1).AffectedSopClassUid);
        Assert.Equal(Verification, new CEchoResponse(1, DimseStatus.Success).AffectedSopClassUid);
        Assert.Equal(DimsePriority.Medium, new CStoreRequest(1, "1", "2").Priority);
        Assert.Equal(0x0101, DimseMessage.NoDataSet);
    }
}
