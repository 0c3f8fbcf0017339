using MRSNode.Dicom.Network.StateMachine;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.Dicom.Network.StateMachine.AssociationAction;
using static MRSNode.Dicom.Network.StateMachine.AssociationEvent;
using static MRSNode.Dicom.Network.StateMachine.AssociationState;

namespace MRSNode.Dicom.Network.Tests.StateMachine;

/// <summary>End-to-end event sequences through the protocol machine.</summary>
[UnitTest]
public class AssociationStateMachineTests
{
    private static void Step(AssociationStateMachine machine, AssociationEvent evt, AssociationAction action, AssociationState next)
    {
        Assert.Equal(action, machine.Fire(evt));
        Assert.Equal(next, machine.State);
    }

    [Fact]
    public void Constructor_NewMachine_StartsIdle()
    {
        var machine = new AssociationStateMachine(new RecordingActions());

        Assert.Equal(Sta1, machine.State);
    }

    [Fact]
    public void Constructor_NullActions_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new AssociationStateMachine(null!));
    }

    [Fact]
    public void Fire_RequestorHappyPath_AssociatesAndReleases()
    {
        var recorder = new RecordingActions { IsAssociationRequestor = true };
        var machine = new AssociationStateMachine(recorder);

        Step(machine, Evt1, AE1, Sta4);
        Step(machine, Evt2, AE2, Sta5);
        Step(machine, Evt3, AE3, Sta6);
        Step(machine, Evt9, DT1, Sta6);
        Step(machine, Evt10, DT2, Sta6);
        Step(machine, Evt11, AR1, Sta7);
        Step(machine, Evt13, AR3, Sta1);

        Assert.Equal(
            ["OpenTransport", "SendAssociateRq", "ConfirmAssociateAccepted", "SendPData", "IndicatePData",
             "SendReleaseRq", "ConfirmRelease", "CloseTransport"],
            recorder.Calls);
    }

    [Fact]
    public void Fire_AcceptorHappyPath_AssociatesReleasesAndWaitsForClose()
    {
        var recorder = new RecordingActions();
        var machine = new AssociationStateMachine(recorder);

        Step(machine, Evt5, AE5, Sta2);
        Step(machine, Evt6, AE6, Sta3);
        Step(machine, Evt7, AE7, Sta6);
        Step(machine, Evt10, DT2, Sta6);
        Step(machine, Evt12, AR2, Sta8);
        Step(machine, Evt14, AR4, Sta13);
        Step(machine, Evt17, AR5, Sta1);

        Assert.Equal(
            ["StartArtim", "StopArtim", "IndicateAssociateRequest", "SendAssociateAc", "IndicatePData",
             "IndicateReleaseRequest", "SendReleaseRp", "StartArtim", "StopArtim"],
            recorder.Calls);
    }

    [Fact]
    public void Fire_AcceptorUserRejects_SendsRjAndWaitsForClose()
    {
        var recorder = new RecordingActions();
        var machine = new AssociationStateMachine(recorder);

        Step(machine, Evt5, AE5, Sta2);
        Step(machine, Evt6, AE6, Sta3);
        Step(machine, Evt8, AE8, Sta13);
        Step(machine, Evt17, AR5, Sta1);

        Assert.Equal(
            ["StartArtim", "StopArtim", "IndicateAssociateRequest", "SendAssociateRj", "StartArtim", "StopArtim"],
            recorder.Calls);
    }

    [Fact]
    public void Fire_AcceptorProviderRejects_SendsRjThenArtimExpiryCloses()
    {
        var recorder = new RecordingActions { Acceptable = false };
        var machine = new AssociationStateMachine(recorder);

        Step(machine, Evt5, AE5, Sta2);
        Step(machine, Evt6, AE6, Sta13);
        Step(machine, Evt18, AA2, Sta1);

        Assert.Equal(
            ["StartArtim", "StopArtim", "SendAssociateRj", "StartArtim", "StopArtim", "CloseTransport"],
            recorder.Calls);
    }

    [Fact]
    public void Fire_RequestorRejected_ConfirmsRejectionAndCloses()
    {
        var recorder = new RecordingActions { IsAssociationRequestor = true };
        var machine = new AssociationStateMachine(recorder);

        Step(machine, Evt1, AE1, Sta4);
        Step(machine, Evt2, AE2, Sta5);
        Step(machine, Evt4, AE4, Sta1);

        Assert.Equal(
            ["OpenTransport", "SendAssociateRq", "ConfirmAssociateRejected", "CloseTransport"],
            recorder.Calls);
    }

    [Fact]
    public void Fire_ArtimExpiresInSta2_ClosesTransport()
    {
        var recorder = new RecordingActions();
        var machine = new AssociationStateMachine(recorder);

        Step(machine, Evt5, AE5, Sta2);
        Step(machine, Evt18, AA2, Sta1);

        Assert.Equal(["StartArtim", "StopArtim", "CloseTransport"], recorder.Calls);
    }

    [Fact]
    public void Fire_ArtimExpiresInSta13_ClosesTransport()
    {
        var recorder = new RecordingActions();
        var machine = new AssociationStateMachine(recorder, Sta6);

        Step(machine, Evt12, AR2, Sta8);
        Step(machine, Evt14, AR4, Sta13);
        Step(machine, Evt3, AA6, Sta13);
        Step(machine, Evt18, AA2, Sta1);

        Assert.Equal(
            ["IndicateReleaseRequest", "SendReleaseRp", "StartArtim", "StopArtim", "CloseTransport"],
            recorder.Calls);
    }

    [Fact]
    public void Fire_ReleaseCollisionRequestorSide_ReleasesThroughSta9AndSta11()
    {
        var recorder = new RecordingActions { IsAssociationRequestor = true };
        var machine = new AssociationStateMachine(recorder, Sta6);

        Step(machine, Evt11, AR1, Sta7);
        Step(machine, Evt12, AR8, Sta9);
        Step(machine, Evt14, AR9, Sta11);
        Step(machine, Evt13, AR3, Sta1);

        Assert.Equal(
            ["SendReleaseRq", "IndicateReleaseRequest", "SendReleaseRp", "ConfirmRelease", "CloseTransport"],
            recorder.Calls);
    }

    [Fact]
    public void Fire_ReleaseCollisionAcceptorSide_ReleasesThroughSta10AndSta12()
    {
        var recorder = new RecordingActions { IsAssociationRequestor = false };
        var machine = new AssociationStateMachine(recorder, Sta6);

        Step(machine, Evt11, AR1, Sta7);
        Step(machine, Evt12, AR8, Sta10);
        Step(machine, Evt13, AR10, Sta12);
        Step(machine, Evt14, AR4, Sta13);
        Step(machine, Evt17, AR5, Sta1);

        Assert.Equal(
            ["SendReleaseRq", "IndicateReleaseRequest", "ConfirmRelease", "SendReleaseRp", "StartArtim", "StopArtim"],
            recorder.Calls);
    }

    [Fact]
    public void Fire_UnexpectedPduWhileEstablished_ProviderAbortsThenPeerCloses()
    {
        var recorder = new RecordingActions();
        var machine = new AssociationStateMachine(recorder, Sta6);

        Step(machine, Evt6, AA8, Sta13);
        Step(machine, Evt19, AA7, Sta13);
        Step(machine, Evt17, AR5, Sta1);

        Assert.Equal(
            ["SendAbort(2,2)", "IndicateAbort(provider)", "StartArtim", "SendAbort(2,0)", "StopArtim"],
            recorder.Calls);
    }

    [Fact]
    public void Fire_InvalidEventMidAssociation_MachineKeepsWorking()
    {
        var recorder = new RecordingActions();
        var machine = new AssociationStateMachine(recorder, Sta6);

        Assert.Throws<InvalidAssociationEventException>(() => machine.Fire(Evt1));
        Step(machine, Evt9, DT1, Sta6);

        Assert.Equal(["SendPData"], recorder.Calls);
    }

    [Fact]
    public void Fire_SideEffectThrows_StateUnchanged()
    {
        var machine = new AssociationStateMachine(new ThrowingActions());

        Assert.Throws<IOException>(() => machine.Fire(Evt1));
        Assert.Equal(Sta1, machine.State);
    }

    private sealed class ThrowingActions : IUpperLayerActions
    {
        public bool IsAssociationRequestor => true;
        public bool IsAssociateRequestAcceptable() => true;
        public void OpenTransport() => throw new IOException("connect failed");
        public void CloseTransport() { }
        public void SendAssociateRq() { }
        public void SendAssociateAc() { }
        public void SendAssociateRj() { }
        public void SendPData() { }
        public void SendReleaseRq() { }
        public void SendReleaseRp() { }
        public void SendAbort(byte source, byte reason) { }
        public void StartArtim() { }
        public void StopArtim() { }
        public void IndicateAssociateRequest() { }
        public void ConfirmAssociateAccepted() { }
        public void ConfirmAssociateRejected() { }
        public void IndicatePData() { }
        public void IndicateReleaseRequest() { }
        public void ConfirmRelease() { }
        public void IndicateAbort(bool byPeer) { }
    }
}
