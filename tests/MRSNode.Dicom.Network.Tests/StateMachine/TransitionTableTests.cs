using MRSNode.Dicom.Network.StateMachine;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.Dicom.Network.StateMachine.AssociationAction;
using static MRSNode.Dicom.Network.StateMachine.AssociationEvent;
using static MRSNode.Dicom.Network.StateMachine.AssociationState;

namespace MRSNode.Dicom.Network.Tests.StateMachine;

/// <summary>
/// Every cell of PS3.8 Table 9-10. The expected table below is an independent transcription of
/// the standard, laid out by state (the production table is laid out by event) and never derived
/// from <see cref="TransitionTable"/>, so a mistake in either shows up as a failing cell.
/// </summary>
[UnitTest]
public class TransitionTableTests
{
    private const int StandardDefinedCellCount = 123;

    // Side effects of each action, from PS3.8 Tables 9-6 to 9-9.
    private static readonly string[] Nothing = [];
    private static readonly string[] UserAbort = ["SendAbort(0,0)", "StartArtim"];                                  // AA-1
    private static readonly string[] StopArtimAndClose = ["StopArtim", "CloseTransport"];                           // AA-2
    private static readonly string[] PeerAbort = ["IndicateAbort(peer)", "CloseTransport"];                         // AA-3
    private static readonly string[] TransportLost = ["IndicateAbort(provider)"];                                    // AA-4
    private static readonly string[] StopArtimOnly = ["StopArtim"];                                                  // AA-5, AR-5
    private static readonly string[] Unexpected = ["SendAbort(2,2)", "IndicateAbort(provider)", "StartArtim"];      // AA-8, PDU out of sequence
    private static readonly string[] Invalid = ["SendAbort(2,0)", "IndicateAbort(provider)", "StartArtim"];         // AA-8, Evt19

    private sealed record Cell(
        AssociationState State,
        AssociationEvent Event,
        AssociationAction Action,
        AssociationState Next,
        string[] Effects,
        bool Requestor = false,
        bool Acceptable = true);

    private static readonly Cell[] Expected =
    [
        // Sta1: idle
        new(Sta1, Evt1, AE1, Sta4, ["OpenTransport"]),
        new(Sta1, Evt5, AE5, Sta2, ["StartArtim"]),

        // Sta2: transport open, awaiting A-ASSOCIATE-RQ PDU
        new(Sta2, Evt3, AA1, Sta13, UserAbort),
        new(Sta2, Evt4, AA1, Sta13, UserAbort),
        new(Sta2, Evt6, AE6, Sta3, ["StopArtim", "IndicateAssociateRequest"], Acceptable: true),
        new(Sta2, Evt10, AA1, Sta13, UserAbort),
        new(Sta2, Evt12, AA1, Sta13, UserAbort),
        new(Sta2, Evt13, AA1, Sta13, UserAbort),
        new(Sta2, Evt16, AA2, Sta1, StopArtimAndClose),
        new(Sta2, Evt17, AA5, Sta1, StopArtimOnly),
        new(Sta2, Evt18, AA2, Sta1, StopArtimAndClose),
        new(Sta2, Evt19, AA1, Sta13, UserAbort),

        // Sta3: awaiting local A-ASSOCIATE response primitive
        new(Sta3, Evt3, AA8, Sta13, Unexpected),
        new(Sta3, Evt4, AA8, Sta13, Unexpected),
        new(Sta3, Evt6, AA8, Sta13, Unexpected),
        new(Sta3, Evt7, AE7, Sta6, ["SendAssociateAc"]),
        new(Sta3, Evt8, AE8, Sta13, ["SendAssociateRj", "StartArtim"]),
        new(Sta3, Evt10, AA8, Sta13, Unexpected),
        new(Sta3, Evt12, AA8, Sta13, Unexpected),
        new(Sta3, Evt13, AA8, Sta13, Unexpected),
        new(Sta3, Evt15, AA1, Sta13, UserAbort),
        new(Sta3, Evt16, AA3, Sta1, PeerAbort),
        new(Sta3, Evt17, AA4, Sta1, TransportLost),
        new(Sta3, Evt19, AA8, Sta13, Invalid),

        // Sta4: awaiting transport connection opening to complete
        new(Sta4, Evt2, AE2, Sta5, ["SendAssociateRq"]),
        new(Sta4, Evt15, AA2, Sta1, StopArtimAndClose),
        new(Sta4, Evt17, AA4, Sta1, TransportLost),

        // Sta5: awaiting A-ASSOCIATE-AC or -RJ PDU
        new(Sta5, Evt3, AE3, Sta6, ["ConfirmAssociateAccepted"]),
        new(Sta5, Evt4, AE4, Sta1, ["ConfirmAssociateRejected", "CloseTransport"]),
        new(Sta5, Evt6, AA8, Sta13, Unexpected),
        new(Sta5, Evt10, AA8, Sta13, Unexpected),
        new(Sta5, Evt12, AA8, Sta13, Unexpected),
        new(Sta5, Evt13, AA8, Sta13, Unexpected),
        new(Sta5, Evt15, AA1, Sta13, UserAbort),
        new(Sta5, Evt16, AA3, Sta1, PeerAbort),
        new(Sta5, Evt17, AA4, Sta1, TransportLost),
        new(Sta5, Evt19, AA8, Sta13, Invalid),

        // Sta6: association established
        new(Sta6, Evt3, AA8, Sta13, Unexpected),
        new(Sta6, Evt4, AA8, Sta13, Unexpected),
        new(Sta6, Evt6, AA8, Sta13, Unexpected),
        new(Sta6, Evt9, DT1, Sta6, ["SendPData"]),
        new(Sta6, Evt10, DT2, Sta6, ["IndicatePData"]),
        new(Sta6, Evt11, AR1, Sta7, ["SendReleaseRq"]),
        new(Sta6, Evt12, AR2, Sta8, ["IndicateReleaseRequest"]),
        new(Sta6, Evt13, AA8, Sta13, Unexpected),
        new(Sta6, Evt15, AA1, Sta13, UserAbort),
        new(Sta6, Evt16, AA3, Sta1, PeerAbort),
        new(Sta6, Evt17, AA4, Sta1, TransportLost),
        new(Sta6, Evt19, AA8, Sta13, Invalid),

        // Sta7: awaiting A-RELEASE-RP PDU
        new(Sta7, Evt3, AA8, Sta13, Unexpected),
        new(Sta7, Evt4, AA8, Sta13, Unexpected),
        new(Sta7, Evt6, AA8, Sta13, Unexpected),
        new(Sta7, Evt10, AR6, Sta7, ["IndicatePData"]),
        new(Sta7, Evt12, AR8, Sta10, ["IndicateReleaseRequest"], Requestor: false),
        new(Sta7, Evt13, AR3, Sta1, ["ConfirmRelease", "CloseTransport"]),
        new(Sta7, Evt15, AA1, Sta13, UserAbort),
        new(Sta7, Evt16, AA3, Sta1, PeerAbort),
        new(Sta7, Evt17, AA4, Sta1, TransportLost),
        new(Sta7, Evt19, AA8, Sta13, Invalid),

        // Sta8: awaiting local A-RELEASE response primitive
        new(Sta8, Evt3, AA8, Sta13, Unexpected),
        new(Sta8, Evt4, AA8, Sta13, Unexpected),
        new(Sta8, Evt6, AA8, Sta13, Unexpected),
        new(Sta8, Evt9, AR7, Sta8, ["SendPData"]),
        new(Sta8, Evt10, AA8, Sta13, Unexpected),
        new(Sta8, Evt12, AA8, Sta13, Unexpected),
        new(Sta8, Evt13, AA8, Sta13, Unexpected),
        new(Sta8, Evt14, AR4, Sta13, ["SendReleaseRp", "StartArtim"]),
        new(Sta8, Evt15, AA1, Sta13, UserAbort),
        new(Sta8, Evt16, AA3, Sta1, PeerAbort),
        new(Sta8, Evt17, AA4, Sta1, TransportLost),
        new(Sta8, Evt19, AA8, Sta13, Invalid),

        // Sta9: release collision, requestor side, awaiting local A-RELEASE response
        new(Sta9, Evt3, AA8, Sta13, Unexpected),
        new(Sta9, Evt4, AA8, Sta13, Unexpected),
        new(Sta9, Evt6, AA8, Sta13, Unexpected),
        new(Sta9, Evt10, AA8, Sta13, Unexpected),
        new(Sta9, Evt12, AA8, Sta13, Unexpected),
        new(Sta9, Evt13, AA8, Sta13, Unexpected),
        new(Sta9, Evt14, AR9, Sta11, ["SendReleaseRp"]),
        new(Sta9, Evt15, AA1, Sta13, UserAbort),
        new(Sta9, Evt16, AA3, Sta1, PeerAbort),
        new(Sta9, Evt17, AA4, Sta1, TransportLost),
        new(Sta9, Evt19, AA8, Sta13, Invalid),

        // Sta10: release collision, acceptor side, awaiting A-RELEASE-RP PDU
        new(Sta10, Evt3, AA8, Sta13, Unexpected),
        new(Sta10, Evt4, AA8, Sta13, Unexpected),
        new(Sta10, Evt6, AA8, Sta13, Unexpected),
        new(Sta10, Evt10, AA8, Sta13, Unexpected),
        new(Sta10, Evt12, AA8, Sta13, Unexpected),
        new(Sta10, Evt13, AR10, Sta12, ["ConfirmRelease"]),
        new(Sta10, Evt15, AA1, Sta13, UserAbort),
        new(Sta10, Evt16, AA3, Sta1, PeerAbort),
        new(Sta10, Evt17, AA4, Sta1, TransportLost),
        new(Sta10, Evt19, AA8, Sta13, Invalid),

        // Sta11: release collision, requestor side, awaiting A-RELEASE-RP PDU
        new(Sta11, Evt3, AA8, Sta13, Unexpected),
        new(Sta11, Evt4, AA8, Sta13, Unexpected),
        new(Sta11, Evt6, AA8, Sta13, Unexpected),
        new(Sta11, Evt10, AA8, Sta13, Unexpected),
        new(Sta11, Evt12, AA8, Sta13, Unexpected),
        new(Sta11, Evt13, AR3, Sta1, ["ConfirmRelease", "CloseTransport"]),
        new(Sta11, Evt15, AA1, Sta13, UserAbort),
        new(Sta11, Evt16, AA3, Sta1, PeerAbort),
        new(Sta11, Evt17, AA4, Sta1, TransportLost),
        new(Sta11, Evt19, AA8, Sta13, Invalid),

        // Sta12: release collision, acceptor side, awaiting local A-RELEASE response
        new(Sta12, Evt3, AA8, Sta13, Unexpected),
        new(Sta12, Evt4, AA8, Sta13, Unexpected),
        new(Sta12, Evt6, AA8, Sta13, Unexpected),
        new(Sta12, Evt10, AA8, Sta13, Unexpected),
        new(Sta12, Evt12, AA8, Sta13, Unexpected),
        new(Sta12, Evt13, AA8, Sta13, Unexpected),
        new(Sta12, Evt14, AR4, Sta13, ["SendReleaseRp", "StartArtim"]),
        new(Sta12, Evt15, AA1, Sta13, UserAbort),
        new(Sta12, Evt16, AA3, Sta1, PeerAbort),
        new(Sta12, Evt17, AA4, Sta1, TransportLost),
        new(Sta12, Evt19, AA8, Sta13, Invalid),

        // Sta13: awaiting transport connection close
        new(Sta13, Evt3, AA6, Sta13, Nothing),
        new(Sta13, Evt4, AA6, Sta13, Nothing),
        new(Sta13, Evt6, AA7, Sta13, ["SendAbort(2,2)"]),
        new(Sta13, Evt10, AA6, Sta13, Nothing),
        new(Sta13, Evt12, AA6, Sta13, Nothing),
        new(Sta13, Evt13, AA6, Sta13, Nothing),
        new(Sta13, Evt16, AA2, Sta1, StopArtimAndClose),
        new(Sta13, Evt17, AR5, Sta1, StopArtimOnly),
        new(Sta13, Evt18, AA2, Sta1, StopArtimAndClose),
        new(Sta13, Evt19, AA7, Sta13, ["SendAbort(2,0)"]),
    ];

    // The other branch of the two context-dependent actions, AE-6 and AR-8.
    private static readonly Cell[] ExpectedVariants =
    [
        new(Sta2, Evt6, AE6, Sta13, ["StopArtim", "SendAssociateRj", "StartArtim"], Acceptable: false),
        new(Sta7, Evt12, AR8, Sta9, ["IndicateReleaseRequest"], Requestor: true),
    ];

    private static IEnumerable<(AssociationState State, AssociationEvent Event)> AllPairs() =>
        from state in Enum.GetValues<AssociationState>()
        from evt in Enum.GetValues<AssociationEvent>()
        select (state, evt);

    public static TheoryData<AssociationState, AssociationEvent, bool, bool, AssociationAction, AssociationState, string[]> DefinedCells
    {
        get
        {
            var data = new TheoryData<AssociationState, AssociationEvent, bool, bool, AssociationAction, AssociationState, string[]>();
            foreach (var cell in Expected.Concat(ExpectedVariants))
            {
                data.Add(cell.State, cell.Event, cell.Requestor, cell.Acceptable, cell.Action, cell.Next, cell.Effects);
            }

            return data;
        }
    }

    public static TheoryData<AssociationState, AssociationEvent> EmptyCells
    {
        get
        {
            var defined = Expected.Select(c => (c.State, c.Event)).ToHashSet();
            var data = new TheoryData<AssociationState, AssociationEvent>();
            foreach (var (state, evt) in AllPairs().Where(p => !defined.Contains(p)))
            {
                data.Add(state, evt);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(DefinedCells))]
    public void Fire_DefinedCell_PerformsActionInOrderAndMovesToNextState(
        AssociationState state,
        AssociationEvent evt,
        bool requestor,
        bool acceptable,
        AssociationAction expectedAction,
        AssociationState expectedNext,
        string[] expectedEffects)
    {
        var recorder = new RecordingActions { IsAssociationRequestor = requestor, Acceptable = acceptable };
        var machine = new AssociationStateMachine(recorder, state);

        var action = machine.Fire(evt);

        Assert.Equal(expectedAction, action);
        Assert.Equal(expectedNext, machine.State);
        Assert.Equal(expectedEffects, recorder.Calls);
    }

    [Theory]
    [MemberData(nameof(DefinedCells))]
    public void TryGetAction_DefinedCell_ReturnsStandardAction(
        AssociationState state,
        AssociationEvent evt,
        bool requestor,
        bool acceptable,
        AssociationAction expectedAction,
        AssociationState expectedNext,
        string[] expectedEffects)
    {
        _ = (requestor, acceptable, expectedNext, expectedEffects);

        Assert.True(TransitionTable.TryGetAction(state, evt, out var action));
        Assert.Equal(expectedAction, action);
    }

    [Theory]
    [MemberData(nameof(EmptyCells))]
    public void Fire_EmptyCell_ThrowsAndLeavesStateUnchanged(AssociationState state, AssociationEvent evt)
    {
        var recorder = new RecordingActions();
        var machine = new AssociationStateMachine(recorder, state);

        var ex = Assert.Throws<InvalidAssociationEventException>(() => machine.Fire(evt));

        Assert.Equal(state, machine.State);
        Assert.Empty(recorder.Calls);
        Assert.Equal(state, ex.State);
        Assert.Equal(evt, ex.Event);
        Assert.Contains(state.ToString(), ex.Message);
        Assert.Contains(evt.ToString(), ex.Message);
        Assert.False(TransitionTable.TryGetAction(state, evt, out _));
    }

    [Fact]
    public void ExpectedTable_CoversEveryPairOnce_MatchesStandardCount()
    {
        var pairs = Expected.Select(c => (c.State, c.Event)).ToList();

        Assert.Equal(StandardDefinedCellCount, pairs.Count);
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        Assert.Equal(13 * 19, AllPairs().Count());
        Assert.Equal(13 * 19 - StandardDefinedCellCount, EmptyCells.Count);
    }

    [Fact]
    public void TryGetAction_AllPairs_DefinedCountEqualsStandard()
    {
        var defined = AllPairs().Count(p => TransitionTable.TryGetAction(p.State, p.Event, out _));

        Assert.Equal(StandardDefinedCellCount, defined);
        Assert.Equal(StandardDefinedCellCount, TransitionTable.DefinedCellCount);
    }

    [Theory]
    [InlineData((AssociationState)0, Evt1)]
    [InlineData((AssociationState)14, Evt1)]
    [InlineData(Sta1, (AssociationEvent)0)]
    [InlineData(Sta1, (AssociationEvent)20)]
    public void TryGetAction_OutOfRange_ReturnsFalse(AssociationState state, AssociationEvent evt)
    {
        Assert.False(TransitionTable.TryGetAction(state, evt, out _));
    }

    [Fact]
    public void Describe_EveryAction_NamesTheActionAndItsNextState()
    {
        foreach (var action in Enum.GetValues<AssociationAction>())
        {
            var text = TransitionTable.Describe(action);
            var name = action.ToString();
            var dashed = name[..2] + "-" + name[2..];

            Assert.StartsWith(dashed + ": ", text);
            Assert.Contains("Sta", text);
        }
    }

    [Theory]
    [InlineData(AA6, "ignore PDU")]
    [InlineData(AE5, "start ARTIM timer")]
    [InlineData(AA1, "service-user source")]
    [InlineData(AA8, "service-provider source")]
    public void Describe_Action_UsesStandardWording(AssociationAction action, string wording)
    {
        Assert.Contains(wording, TransitionTable.Describe(action));
    }

    [Fact]
    public void Describe_UnknownAction_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TransitionTable.Describe((AssociationAction)999));
    }
}
