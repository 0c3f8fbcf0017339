using MRSNode.Dicom.Network.Association;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.TestSupport;
using Xunit;
using Step = MRSNode.Dicom.Network.Association.DimseMessageAssembler.Step;

namespace MRSNode.Dicom.Network.Tests.Association;

[UnitTest]
public class DimseMessageAssemblerTests
{
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    private static readonly CStoreRequest Store = new(17, CtImageStorage, "1.2.3.4.5.6.7.8.9") { Priority = DimsePriority.High, MoveOriginatorAeTitle = "MOVER" };
    private static readonly byte[] StoreCommand = DimseCommandCodec.Encode(Store);
    private static readonly byte[] EchoCommand = DimseCommandCodec.Encode(new CEchoRequest(5));

    private static Pdv Command(byte context, byte[] bytes, bool last = true) => new(context, IsCommand: true, IsLastFragment: last, bytes);

    private static Pdv Data(byte context, byte[] bytes, bool last) => new(context, IsCommand: false, IsLastFragment: last, bytes);

    private static PduFormatException Rejects(DimseMessageAssembler assembler, Pdv pdv) =>
        Assert.Throws<PduFormatException>(() => assembler.Add(pdv));

    [Fact]
    public void Add_CommandInThreeFragmentsThenDataInSeveral_StepsThroughMessage()
    {
        var assembler = new DimseMessageAssembler();
        int a = StoreCommand.Length / 3, b = 2 * StoreCommand.Length / 3;

        Assert.Equal(Step.Continue, assembler.Add(Command(3, StoreCommand[..a], last: false)));
        Assert.Null(assembler.Current);
        Assert.Equal(Step.Continue, assembler.Add(Command(3, StoreCommand[a..b], last: false)));
        Assert.Equal(Step.CommandReadyDataFollows, assembler.Add(Command(3, StoreCommand[b..], last: true)));

        Assert.Equal(Store, assembler.Current);
        Assert.Equal(3, assembler.ContextId);
        Assert.True(assembler.ExpectingData);

        Assert.Equal(Step.DataFragment, assembler.Add(Data(3, [1, 2, 3], last: false)));
        Assert.Equal(Step.DataFragment, assembler.Add(Data(3, new byte[1000], last: false)));
        Assert.Equal(Step.DataFragment, assembler.Add(Data(3, [], last: false)));
        Assert.Equal(Step.MessageComplete, assembler.Add(Data(3, [4], last: true)));

        Assert.False(assembler.ExpectingData);
        Assert.Equal(Store, assembler.Current);
    }

    [Fact]
    public void Add_CommandSplitAtEveryByte_ReassemblesSameMessage()
    {
        var assembler = new DimseMessageAssembler();

        for (int i = 0; i < StoreCommand.Length - 1; i++)
        {
            Assert.Equal(Step.Continue, assembler.Add(Command(1, StoreCommand[i..(i + 1)], last: false)));
        }

        Assert.Equal(Step.CommandReadyDataFollows, assembler.Add(Command(1, StoreCommand[^1..], last: true)));
        Assert.Equal(Store, assembler.Current);
    }

    [Fact]
    public void Add_EchoCommandAlone_CompletesMessage()
    {
        var assembler = new DimseMessageAssembler();

        Assert.Equal(Step.MessageComplete, assembler.Add(Command(1, EchoCommand)));

        Assert.Equal(new CEchoRequest(5), assembler.Current);
        Assert.Equal(1, assembler.ContextId);
        Assert.False(assembler.ExpectingData);
    }

    [Fact]
    public void Add_SingleDataFragmentMarkedLast_CompletesMessage()
    {
        var assembler = new DimseMessageAssembler();

        Assert.Equal(Step.CommandReadyDataFollows, assembler.Add(Command(5, StoreCommand)));
        Assert.Equal(Step.MessageComplete, assembler.Add(Data(5, [9, 9], last: true)));

        Assert.False(assembler.ExpectingData);
    }

    [Fact]
    public void Add_TwoMessagesBackToBack_EachDecodedOnItsContext()
    {
        var assembler = new DimseMessageAssembler();

        Assert.Equal(Step.MessageComplete, assembler.Add(Command(1, EchoCommand)));
        assembler.Reset();
        Assert.Equal(Step.CommandReadyDataFollows, assembler.Add(Command(7, StoreCommand)));

        Assert.Equal(Store, assembler.Current);
        Assert.Equal(7, assembler.ContextId);
    }

    [Fact]
    public void Add_DataBeforeAnyCommand_ThrowsUnexpectedParameter()
    {
        var ex = Rejects(new DimseMessageAssembler(), Data(1, [1, 2], last: false));

        Assert.Equal(AbortReason.UnexpectedPduParameter, ex.Reason);
    }

    [Fact]
    public void Add_DataAfterCommandOnlyMessage_ThrowsUnexpectedParameter()
    {
        var assembler = new DimseMessageAssembler();
        assembler.Add(Command(1, EchoCommand));

        Assert.Equal(AbortReason.UnexpectedPduParameter, Rejects(assembler, Data(1, [1], last: true)).Reason);
    }

    [Fact]
    public void Add_DataAfterLastDataFragment_ThrowsUnexpectedParameter()
    {
        var assembler = new DimseMessageAssembler();
        assembler.Add(Command(1, StoreCommand));
        assembler.Add(Data(1, [1], last: true));

        Assert.Equal(AbortReason.UnexpectedPduParameter, Rejects(assembler, Data(1, [2], last: false)).Reason);
    }

    [Fact]
    public void Add_DataBetweenCommandFragments_ThrowsUnexpectedParameter()
    {
        var assembler = new DimseMessageAssembler();
        assembler.Add(Command(1, StoreCommand[..10], last: false));

        Assert.Equal(AbortReason.UnexpectedPduParameter, Rejects(assembler, Data(1, [2], last: false)).Reason);
    }

    [Fact]
    public void Add_CommandFragmentsOnTwoContextsInterleaved_ThrowsUnexpectedParameter()
    {
        var assembler = new DimseMessageAssembler();
        Assert.Equal(Step.Continue, assembler.Add(Command(1, StoreCommand[..20], last: false)));

        var ex = Rejects(assembler, Command(3, EchoCommand[..20], last: false));

        Assert.Equal(AbortReason.UnexpectedPduParameter, ex.Reason);
        Assert.Contains("interleave", ex.Message);
    }

    [Fact]
    public void Add_LastCommandFragmentOnOtherContext_ThrowsUnexpectedParameter()
    {
        var assembler = new DimseMessageAssembler();
        assembler.Add(Command(1, StoreCommand[..20], last: false));

        Assert.Equal(AbortReason.UnexpectedPduParameter, Rejects(assembler, Command(3, StoreCommand[20..], last: true)).Reason);
    }

    [Fact]
    public void Add_CommandFragmentsInterleavedAfterEmptyFirstFragment_ThrowsUnexpectedParameter()
    {
        // A PDV may carry no bytes (length 2); the message it opens still owns its context.
        var assembler = new DimseMessageAssembler();
        Assert.Equal(Step.Continue, assembler.Add(Command(1, [], last: false)));

        Assert.Equal(AbortReason.UnexpectedPduParameter, Rejects(assembler, Command(3, EchoCommand, last: true)).Reason);
    }

    [Fact]
    public void Add_DataFragmentOnAnotherContext_ThrowsUnexpectedParameter()
    {
        var assembler = new DimseMessageAssembler();
        assembler.Add(Command(1, StoreCommand));
        assembler.Add(Data(1, [1], last: false));

        var ex = Rejects(assembler, Data(3, [2], last: false));

        Assert.Equal(AbortReason.UnexpectedPduParameter, ex.Reason);
        Assert.Contains("different presentation context", ex.Message);
    }

    [Fact]
    public void Add_FirstDataFragmentOnAnotherContext_ThrowsUnexpectedParameter()
    {
        var assembler = new DimseMessageAssembler();
        assembler.Add(Command(1, StoreCommand));

        Assert.Equal(AbortReason.UnexpectedPduParameter, Rejects(assembler, Data(3, [1], last: true)).Reason);
    }

    [Fact]
    public void Add_CommandFragmentWhileDataExpected_ThrowsUnexpectedParameter()
    {
        var assembler = new DimseMessageAssembler();
        assembler.Add(Command(1, StoreCommand));
        assembler.Add(Data(1, [1], last: false));

        var ex = Rejects(assembler, Command(1, EchoCommand));

        Assert.Equal(AbortReason.UnexpectedPduParameter, ex.Reason);
        Assert.Contains("data set was still expected", ex.Message);
    }

    [Fact]
    public void Add_CommandFragmentRightAfterCommandReady_ThrowsUnexpectedParameter()
    {
        var assembler = new DimseMessageAssembler();
        assembler.Add(Command(1, StoreCommand));

        Assert.Equal(AbortReason.UnexpectedPduParameter, Rejects(assembler, Command(1, EchoCommand[..4], last: false)).Reason);
    }

    [Fact]
    public void Add_CommandOfExactly64KiB_IsBuffered()
    {
        var assembler = new DimseMessageAssembler();

        Assert.Equal(Step.Continue, assembler.Add(Command(1, new byte[DimseMessageAssembler.MaxCommandLength], last: false)));
        Assert.Equal(65536, DimseMessageAssembler.MaxCommandLength);
    }

    [Fact]
    public void Add_CommandLongerThan64KiBInOneFragment_ThrowsInvalidParameterValue()
    {
        var ex = Rejects(new DimseMessageAssembler(), Command(1, new byte[DimseMessageAssembler.MaxCommandLength + 1], last: true));

        Assert.Equal(AbortReason.InvalidPduParameterValue, ex.Reason);
        Assert.Contains("65536", ex.Message);
    }

    [Fact]
    public void Add_CommandGrowingPast64KiBOverFragments_ThrowsInvalidParameterValue()
    {
        var assembler = new DimseMessageAssembler();
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(Step.Continue, assembler.Add(Command(1, new byte[4096], last: false)));
        }

        Assert.Equal(AbortReason.InvalidPduParameterValue, Rejects(assembler, Command(1, [0], last: false)).Reason);
    }

    [Fact]
    public void Add_UnsupportedCommand_ThrowsDimseFormatExceptionWithCommandField()
    {
        var find = DimseCommandCodec.Encode(new CEchoRequest(1));
        find[find.AsSpan().IndexOf(new byte[] { 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00 }) + 8] = 0x20; // (0000,0100) 0x0030 -> 0x0020

        var ex = Assert.Throws<DimseFormatException>(() => new DimseMessageAssembler().Add(Command(1, find)));

        Assert.Equal(0x0020, ex.CommandFieldValue);
    }

    [Fact]
    public void Add_Null_ThrowsArgumentNull() =>
        Assert.Equal("pdv", Assert.Throws<ArgumentNullException>(() => new DimseMessageAssembler().Add(null!)).ParamName);

    [Fact]
    public void Reset_WhileDataExpected_ForgetsMessage()
    {
        var assembler = new DimseMessageAssembler();
        assembler.Add(Command(1, StoreCommand));

        assembler.Reset();

        Assert.Null(assembler.Current);
        Assert.False(assembler.ExpectingData);
        Assert.Equal(AbortReason.UnexpectedPduParameter, Rejects(assembler, Data(1, [1], last: true)).Reason);
        Assert.Equal(Step.MessageComplete, assembler.Add(Command(1, EchoCommand)));
    }

    [Fact]
    public void Reset_AfterCompletedMessage_ClearsCurrent()
    {
        var assembler = new DimseMessageAssembler();
        assembler.Add(Command(1, EchoCommand));

        assembler.Reset();

        Assert.Null(assembler.Current);
        Assert.False(assembler.ExpectingData);
    }

    [Fact]
    public void Reset_MidCommand_DiscardsPartialCommandBytes()
    {
        var assembler = new DimseMessageAssembler();
        assembler.Add(Command(1, StoreCommand[..30], last: false));

        assembler.Reset();

        // A fresh command on another context is neither treated as interleaved nor glued to the stale bytes.
        Assert.Equal(Step.MessageComplete, assembler.Add(Command(3, EchoCommand)));
        Assert.Equal(new CEchoRequest(5), assembler.Current);
        Assert.Equal(3, assembler.ContextId);
    }
}
