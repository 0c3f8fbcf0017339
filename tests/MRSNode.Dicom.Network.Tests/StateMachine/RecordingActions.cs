using MRSNode.Dicom.Network.StateMachine;

namespace MRSNode.Dicom.Network.Tests.StateMachine;

/// <summary>Records every side effect as a string, in call order. Queries (flags) are not recorded.</summary>
internal sealed class RecordingActions : IUpperLayerActions
{
    public List<string> Calls { get; } = [];

    public bool IsAssociationRequestor { get; set; }

    public bool Acceptable { get; set; } = true;

    public bool IsAssociateRequestAcceptable() => Acceptable;

    public void OpenTransport() => Calls.Add("OpenTransport");
    public void CloseTransport() => Calls.Add("CloseTransport");
    public void SendAssociateRq() => Calls.Add("SendAssociateRq");
    public void SendAssociateAc() => Calls.Add("SendAssociateAc");
    public void SendAssociateRj() => Calls.Add("SendAssociateRj");
    public void SendPData() => Calls.Add("SendPData");
    public void SendReleaseRq() => Calls.Add("SendReleaseRq");
    public void SendReleaseRp() => Calls.Add("SendReleaseRp");
    public void SendAbort(byte source, byte reason) => Calls.Add($"SendAbort({source},{reason})");
    public void StartArtim() => Calls.Add("StartArtim");
    public void StopArtim() => Calls.Add("StopArtim");
    public void IndicateAssociateRequest() => Calls.Add("IndicateAssociateRequest");
    public void ConfirmAssociateAccepted() => Calls.Add("ConfirmAssociateAccepted");
    public void ConfirmAssociateRejected() => Calls.Add("ConfirmAssociateRejected");
    public void IndicatePData() => Calls.Add("IndicatePData");
    public void IndicateReleaseRequest() => Calls.Add("IndicateReleaseRequest");
    public void ConfirmRelease() => Calls.Add("ConfirmRelease");
    public void IndicateAbort(bool byPeer) => Calls.Add(byPeer ? "IndicateAbort(peer)" : "IndicateAbort(provider)");
}
