using MRSNode.Dicom.Network.Pdus;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>Decides an A-ASSOCIATE-RQ: reject (with the PS3.8 reason) or accept with per-context results.</summary>
public sealed class AssociationPolicy(DicomServerOptions options)
{
    private static readonly string[] _encapsulatedPrefixes = ["1.2.840.10008.1.2.4.", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.6."];

    /// <returns>An <see cref="AssociateAccept"/> or an <see cref="AssociateReject"/>.</returns>
    public Pdu Decide(AssociateRequest request, int activeAssociations)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (activeAssociations > options.MaxAssociations)
        {
            return new AssociateReject(RejectResult.Transient, RejectSource.ServiceProviderPresentation, AssociateReject.ReasonLocalLimitExceeded);
        }
        if (request.ApplicationContext != DicomUids.ApplicationContext)
        {
            return new AssociateReject(RejectResult.Permanent, RejectSource.ServiceUser, AssociateReject.ReasonApplicationContextNotSupported);
        }
        // All-space AE titles are illegal (PS3.8 §9.3.2); they arrive here as empty strings.
        if (request.CallingAeTitle.Length == 0 || (options.AllowedCallingAeTitles is { } allowed && !allowed.Contains(request.CallingAeTitle)))
        {
            return new AssociateReject(RejectResult.Permanent, RejectSource.ServiceUser, AssociateReject.ReasonCallingAeNotRecognized);
        }
        if (request.CalledAeTitle.Length == 0 || (options.RequireCalledAeTitle && request.CalledAeTitle != options.AeTitle))
        {
            return new AssociateReject(RejectResult.Permanent, RejectSource.ServiceUser, AssociateReject.ReasonCalledAeNotRecognized);
        }
        var results = request.PresentationContexts.Select(Negotiate).ToList();
        return new AssociateAccept(request.CalledAeTitle, request.CallingAeTitle, results, new UserInformation
        {
            MaxPduLength = options.MaxPduLength,
            AsyncOperations = request.UserInformation.AsyncOperations is null ? null : ((ushort)1, (ushort)1),
        });
    }

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
            && pc.TransferSyntaxes.FirstOrDefault(ts => _encapsulatedPrefixes.Any(p => ts.StartsWith(p, StringComparison.Ordinal))) is { } compressed)
        {
            return new PresentationContextResponse(pc.Id, PresentationContextResult.Acceptance, compressed);
        }
        return new PresentationContextResponse(pc.Id, PresentationContextResult.TransferSyntaxesNotSupported, none);
    }
}
