using System.Globalization;
using System.Text;
using MRSNode.Dicom.Network.Pdus;

namespace MRSNode.Dicom.Network.Association;

/// <summary>
/// The association negotiation in words, for the debug log (as dcmtk's -d and pynetdicom's debug logging give an
/// administrator): who asked, each proposed context with its syntaxes and what became of it, and the answer.
/// </summary>
public static class NegotiationDump
{
    /// <summary>One negotiation, formatted only when written (a debug log line that is off costs nothing).</summary>
    public sealed record Negotiation(AssociateRequest Request, Pdu Answer, string? RejectionReason)
    {
        public override string ToString() => Format(Request, Answer, RejectionReason);
    }

    public static string Format(AssociateRequest request, Pdu answer, string? rejectionReason = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answer);
        var text = new StringBuilder();
        var user = request.UserInformation;
        text.Append(CultureInfo.InvariantCulture,
            $"A-ASSOCIATE-RQ: calling AE \"{request.CallingAeTitle}\", called AE \"{request.CalledAeTitle}\", max PDU {user.MaxPduLength}, implementation {user.ImplementationClassUid}");
        if (user.ImplementationVersionName is { } version)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({version})");
        }
        text.Append(CultureInfo.InvariantCulture, $", {request.PresentationContexts.Count} presentation context(s)");
        var results = answer is AssociateAccept accept ? accept.PresentationContexts.ToDictionary(p => p.Id) : [];
        foreach (var pc in request.PresentationContexts)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  context {pc.Id}: {Name(pc.AbstractSyntax)} proposed in [{string.Join(", ", pc.TransferSyntaxes.Select(Name))}]");
            if (results.TryGetValue(pc.Id, out var result))
            {
                text.Append(result.Result == PresentationContextResult.Acceptance
                    ? $" → accepted in {Name(result.TransferSyntax)}"
                    : $" → {Describe(result.Result)}");
            }
        }
        text.Append('\n').Append(answer switch
        {
            AssociateAccept ac => string.Create(CultureInfo.InvariantCulture,
                $"answered A-ASSOCIATE-AC: {ac.PresentationContexts.Count(p => p.Result == PresentationContextResult.Acceptance)} of {ac.PresentationContexts.Count} context(s) accepted, max PDU {ac.UserInformation.MaxPduLength}"),
            AssociateReject rj => string.Create(CultureInfo.InvariantCulture,
                $"answered A-ASSOCIATE-RJ: {(rj.Result == RejectResult.Permanent ? "permanent" : "transient")}, source {(int)rj.Source}, reason {rj.Reason}{(rejectionReason is null ? "" : ": " + rejectionReason)}"),
            _ => "answered " + answer.Type,
        });
        return text.ToString();
    }

    private static string Name(string uid) => DicomUids.NameOf(uid) is { } name ? $"{name} ({uid})" : uid;

    private static string Describe(PresentationContextResult result) => result switch
    {
        PresentationContextResult.UserRejection => "rejected by the user (1)",
        PresentationContextResult.NoReason => "rejected, no reason (2)",
        PresentationContextResult.AbstractSyntaxNotSupported => "abstract syntax not supported (3)",
        PresentationContextResult.TransferSyntaxesNotSupported => "transfer syntaxes not supported (4)",
        _ => $"result {(int)result}",
    };
}
