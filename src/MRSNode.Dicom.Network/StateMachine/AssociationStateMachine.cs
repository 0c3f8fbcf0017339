using static MRSNode.Dicom.Network.StateMachine.AssociationAction;
using static MRSNode.Dicom.Network.StateMachine.AssociationState;

namespace MRSNode.Dicom.Network.StateMachine;

/// <summary>
/// The DICOM upper layer protocol machine of PS3.8 Section 9.2. <see cref="Fire"/> looks the
/// (state, event) cell up in <see cref="TransitionTable"/>, performs the action's side effects
/// through <see cref="IUpperLayerActions"/> in the order PS3.8 Tables 9-6 to 9-9 list them,
/// and moves to the action's next state. Not thread-safe: the owner serialises events.
/// </summary>
public sealed class AssociationStateMachine
{
    // A-ABORT PDU fields (PS3.8 Section 9.3.8).
    private const byte ServiceUserSource = 0;
    private const byte ServiceProviderSource = 2;
    private const byte ReasonNotSpecified = 0;
    private const byte UnexpectedPdu = 2;

    private readonly IUpperLayerActions _actions;

    public AssociationStateMachine(IUpperLayerActions actions)
        : this(actions, Sta1)
    {
    }

    /// <summary>Starts the machine in <paramref name="initialState"/>; for tests that exercise one cell.</summary>
    internal AssociationStateMachine(IUpperLayerActions actions, AssociationState initialState)
    {
        ArgumentNullException.ThrowIfNull(actions);
        _actions = actions;
        State = initialState;
    }

    /// <summary>The current state; Sta1 (idle) for a new machine.</summary>
    public AssociationState State { get; private set; }

    /// <summary>
    /// Handles <paramref name="evt"/>: performs the action PS3.8 Table 9-10 gives for it in the
    /// current state, moves to the next state and returns the action performed.
    /// </summary>
    /// <exception cref="InvalidAssociationEventException">The table has no action for the event in this state; the state is unchanged.</exception>
    /// <remarks>If a side effect throws, the exception propagates and the state is unchanged.</remarks>
    public AssociationAction Fire(AssociationEvent evt)
    {
        if (!TransitionTable.TryGetAction(State, evt, out var action))
        {
            throw new InvalidAssociationEventException(State, evt);
        }

        State = Perform(action, evt);
        return action;
    }

    private AssociationState Perform(AssociationAction action, AssociationEvent evt)
    {
        switch (action)
        {
            // Association establishment, PS3.8 Table 9-6.
            case AE1:
                _actions.OpenTransport();
                return Sta4;
            case AE2:
                _actions.SendAssociateRq();
                return Sta5;
            case AE3:
                _actions.ConfirmAssociateAccepted();
                return Sta6;
            case AE4:
                _actions.ConfirmAssociateRejected();
                _actions.CloseTransport();
                return Sta1;
            case AE5:
                // The transport connection response is implicit: the listener has already accepted it.
                _actions.StartArtim();
                return Sta2;
            case AE6:
                _actions.StopArtim();
                if (_actions.IsAssociateRequestAcceptable())
                {
                    _actions.IndicateAssociateRequest();
                    return Sta3;
                }

                _actions.SendAssociateRj();
                _actions.StartArtim();
                return Sta13;
            case AE7:
                _actions.SendAssociateAc();
                return Sta6;
            case AE8:
                _actions.SendAssociateRj();
                _actions.StartArtim();
                return Sta13;

            // Data transfer, PS3.8 Table 9-7.
            case DT1:
                _actions.SendPData();
                return Sta6;
            case DT2:
                _actions.IndicatePData();
                return Sta6;

            // Association release, PS3.8 Table 9-8.
            case AR1:
                _actions.SendReleaseRq();
                return Sta7;
            case AR2:
                _actions.IndicateReleaseRequest();
                return Sta8;
            case AR3:
                _actions.ConfirmRelease();
                _actions.CloseTransport();
                return Sta1;
            case AR4:
                _actions.SendReleaseRp();
                _actions.StartArtim();
                return Sta13;
            case AR5:
                _actions.StopArtim();
                return Sta1;
            case AR6:
                _actions.IndicatePData();
                return Sta7;
            case AR7:
                _actions.SendPData();
                return Sta8;
            case AR8:
                _actions.IndicateReleaseRequest();
                return _actions.IsAssociationRequestor ? Sta9 : Sta10;
            case AR9:
                _actions.SendReleaseRp();
                return Sta11;
            case AR10:
                _actions.ConfirmRelease();
                return Sta12;

            // Association abort, PS3.8 Table 9-9.
            case AA1:
                // Service-user source: the reason/diag field is not significant and is sent as 0.
                _actions.SendAbort(ServiceUserSource, ReasonNotSpecified);
                _actions.StartArtim();
                return Sta13;
            case AA2:
                _actions.StopArtim();
                _actions.CloseTransport();
                return Sta1;
            case AA3:
                // Whether it is an A-ABORT or an A-P-ABORT depends on the received PDU's source, which the caller holds.
                _actions.IndicateAbort(byPeer: true);
                _actions.CloseTransport();
                return Sta1;
            case AA4:
                // The transport is already closed (Evt17).
                _actions.IndicateAbort(byPeer: false);
                return Sta1;
            case AA5:
                _actions.StopArtim();
                return Sta1;
            case AA6:
                return Sta13;
            case AA7:
                _actions.SendAbort(ServiceProviderSource, ProviderAbortReason(evt));
                return Sta13;
            case AA8:
                _actions.SendAbort(ServiceProviderSource, ProviderAbortReason(evt));
                _actions.IndicateAbort(byPeer: false);
                _actions.StartArtim();
                return Sta13;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Not a PS3.8 action.");
        }
    }

    /// <summary>
    /// Reason/diag of a service-provider A-ABORT (AA-7, AA-8). A well-formed PDU arriving out of
    /// sequence (Evt3, Evt4, Evt6, Evt10, Evt12, Evt13) is "unexpected-PDU" (2). Evt19 covers both
    /// an unrecognized PDU and an invalid parameter, which the machine cannot tell apart, so it is
    /// "reason-not-specified" (0).
    /// </summary>
    private static byte ProviderAbortReason(AssociationEvent evt) =>
        evt == AssociationEvent.Evt19 ? ReasonNotSpecified : UnexpectedPdu;
}
