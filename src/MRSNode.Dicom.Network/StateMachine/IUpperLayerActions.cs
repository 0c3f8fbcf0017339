namespace MRSNode.Dicom.Network.StateMachine;

/// <summary>
/// The side effects the protocol machine's actions perform. The association engine implements it
/// over a real transport; tests implement it with a recorder to check every cell of the table.
/// Methods are named after what PS3.8 Tables 9-6 to 9-9 say the action does.
/// </summary>
public interface IUpperLayerActions
{
    /// <summary>True on the side that sent the A-ASSOCIATE-RQ (decides AR-8's next state).</summary>
    bool IsAssociationRequestor { get; }

    /// <summary>AE-6: whether the received A-ASSOCIATE-RQ is acceptable to the service provider (e.g. protocol version).</summary>
    bool IsAssociateRequestAcceptable();

    // Transport
    void OpenTransport();                 // AE-1: issue TRANSPORT CONNECT request primitive
    void CloseTransport();                // close the transport connection (AR-3, AR-5, AA-2, AA-4 side)

    // PDUs sent to the peer
    void SendAssociateRq();               // AE-2
    void SendAssociateAc();               // AE-7
    void SendAssociateRj();               // AE-8, and AE-6 when not acceptable
    void SendPData();                     // DT-1, AR-7
    void SendReleaseRq();                 // AR-1
    void SendReleaseRp();                 // AR-4, AR-9
    /// <summary>AA-1, AA-7, AA-8 send an A-ABORT PDU; source 0 = service user, 2 = service provider.</summary>
    void SendAbort(byte source, byte reason);

    // ARTIM timer
    void StartArtim();
    void StopArtim();

    // Indications and confirmations to the local user
    void IndicateAssociateRequest();      // AE-6: A-ASSOCIATE indication
    void ConfirmAssociateAccepted();      // AE-3
    void ConfirmAssociateRejected();      // AE-4 (then close transport)
    void IndicatePData();                 // DT-2, AR-6
    void IndicateReleaseRequest();        // AR-2, AR-8
    void ConfirmRelease();                // AR-3, AR-10
    /// <summary>AA-3 (peer abort), AA-4 (provider abort on transport close), AA-8 (provider abort).</summary>
    void IndicateAbort(bool byPeer);
}
