using MRSNode.Dicom.Network.Pdus;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>The answer to an A-ASSOCIATE-RQ, and for a rejection why (for the log and the audit trail).</summary>
public sealed record AssociationDecision(Pdu Answer, string? RejectionReason)
{
    public bool Accepted => Answer is AssociateAccept;
}

/// <summary>
/// Decides an A-ASSOCIATE-RQ: reject (with the PS3.8 reason) or accept with per-context results. The association
/// limit is not decided here: the server's <see cref="ConnectionLimiter"/> gives the slot once this accepts.
/// </summary>
public sealed class AssociationPolicy(DicomServerOptions options)
{
    /// <summary>
    /// The smallest maximum PDU length a peer may announce (0, unlimited, aside). PS3.8 sets no minimum, but a
    /// P-DATA-TF PDV needs 6 bytes of header, so below 7 nothing fits at all (our sender looped for ever on 6), and
    /// every DIMSE implementation we know announces at least 4 KiB (dcmtk's floor is 4096). Rejecting is
    /// visible and immediate; clamping would break the peer's own limit.
    /// </summary>
    public const uint MinimumPeerMaxPduLength = 1024;

    public AssociationDecision Decide(AssociateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ApplicationContext != DicomUids.ApplicationContext)
        {
            return Reject(RejectResult.Permanent, RejectSource.ServiceUser, AssociateReject.ReasonApplicationContextNotSupported, "application context is not the DICOM one");
        }
        // All-space AE titles are illegal (PS3.8 §9.3.2); they arrive here as empty strings.
        if (request.CallingAeTitle.Length == 0 || (options.AllowedCallingAeTitles is { } allowed && !allowed.Contains(request.CallingAeTitle)))
        {
            return Reject(RejectResult.Permanent, RejectSource.ServiceUser, AssociateReject.ReasonCallingAeNotRecognized, "calling AE title not allowed");
        }
        if (request.CalledAeTitle.Length == 0 || (options.RequireCalledAeTitle && request.CalledAeTitle != options.AeTitle))
        {
            return Reject(RejectResult.Permanent, RejectSource.ServiceUser, AssociateReject.ReasonCalledAeNotRecognized, "called AE title not recognized");
        }
        if (request.PresentationContexts.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            return Reject(RejectResult.Permanent, RejectSource.ServiceUser, AssociateReject.ReasonNoReason,
                $"presentation context ID {duplicate.Key} proposed {duplicate.Count()} times (IDs must be unique, PS3.8 §9.3.2.2)");
        }
        if (request.UserInformation.MaxPduLength is > 0 and < MinimumPeerMaxPduLength)
        {
            return Reject(RejectResult.Permanent, RejectSource.ServiceUser, AssociateReject.ReasonNoReason,
                $"maximum PDU length {request.UserInformation.MaxPduLength} is below the minimum {MinimumPeerMaxPduLength}");
        }
        var results = request.PresentationContexts.Select(Negotiate).ToList();
        return new AssociationDecision(new AssociateAccept(request.CalledAeTitle, request.CallingAeTitle, results, new UserInformation
        {
            MaxPduLength = options.MaxPduLength,
            AsyncOperations = request.UserInformation.AsyncOperations is null ? null : ((ushort)1, (ushort)1),
        }), null);
    }

    private static AssociationDecision Reject(RejectResult result, RejectSource source, byte reason, string why) =>
        new(new AssociateReject(result, source, reason), why);

    private PresentationContextResponse Negotiate(PresentationContextRequest pc)
    {
        const string none = DicomUids.ImplicitVRLittleEndian;
        if ((pc.Id & 1) == 0)
        {
            return new PresentationContextResponse(pc.Id, PresentationContextResult.NoReason, none);
        }
        bool accepted = options.AcceptedSopClasses is { } classes
            ? classes.Contains(pc.AbstractSyntax)
            : pc.AbstractSyntax == DicomUids.Verification || pc.AbstractSyntax.StartsWith("1.2.840.10008.5.1.4.1.1.", StringComparison.Ordinal)
              || pc.AbstractSyntax.StartsWith("1.3.12.2.1107.5.9.", StringComparison.Ordinal) || pc.AbstractSyntax.StartsWith("1.3.46.670589.", StringComparison.Ordinal);
        if (!accepted)
        {
            return new PresentationContextResponse(pc.Id, PresentationContextResult.AbstractSyntaxNotSupported, none);
        }
        foreach (var preferred in options.PreferredTransferSyntaxes)
        {
            if (pc.TransferSyntaxes.Contains(preferred))
            {
                return new PresentationContextResponse(pc.Id, PresentationContextResult.Acceptance, preferred);
            }
        }
        if (options.AcceptEncapsulatedTransferSyntaxes && pc.AbstractSyntax != DicomUids.Verification
            && pc.TransferSyntaxes.FirstOrDefault(DicomTransferSyntax.IsStandardEncapsulated) is { } compressed)
        {
            return new PresentationContextResponse(pc.Id, PresentationContextResult.Acceptance, compressed);
        }
        return new PresentationContextResponse(pc.Id, PresentationContextResult.TransferSyntaxesNotSupported, none);
    }
}
