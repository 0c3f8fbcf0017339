using System.Net;
using MRSNode.Dicom.Network.Association;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.Dicom.Network.StateMachine;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>
/// A C-STORE the SCP refused itself (or accepted despite a non-conformant value): what the log and the audit trail
/// record. <see cref="Status"/> is what the peer got; the UIDs are made printable and shortened (they come off the wire).
/// </summary>
public sealed record ObjectIssue(EndPoint? Remote, string CallingAeTitle, string SopClassUid, string SopInstanceUid, DimseStatus Status, string Description);

/// <summary>Serves one association as SCP: negotiation by policy, C-ECHO, C-STORE streamed into the handler, release.</summary>
internal sealed class ScpAssociationHandler : IAsyncDisposable
{
    private readonly AssociationEngine _engine;
    private readonly DicomServerOptions _options;
    private readonly AssociationPolicy _policy;
    private readonly ICStoreHandler _store;
    private readonly EndPoint? _remote;
    private readonly Func<bool> _tryTakeAssociationSlot;
    private readonly Action<ObjectIssue> _reportIssue;
    private readonly DimseMessageAssembler _assembler = new();
    private Dictionary<byte, PresentationContextResponse> _accepted = [];
    private Dictionary<byte, string> _abstractSyntaxes = [];
    private AssociateRequest? _request;
    private CStoreContext? _storeContext;
    private (DimseStatus Status, string Reason)? _refusal;
    private DataSetCompletenessTracker? _completeness;
    private string? _rejection;
    private Stream? _sink;
    private long _received;
    private bool _tooLarge;

    /// <param name="tryTakeAssociationSlot">Called once the policy accepts; false rejects with "local limit exceeded".</param>
    /// <param name="reportIssue">Told of every C-STORE the SCP refuses itself or accepts despite a non-conformant UID.</param>
    /// <param name="negotiated">Told of each A-ASSOCIATE-RQ, the answer sent and the reason of a rejection (the debug log's negotiation dump).</param>
    public ScpAssociationHandler(Stream transport, DicomServerOptions options, ICStoreHandler store, EndPoint? remote, Func<bool> tryTakeAssociationSlot, Action<ObjectIssue> reportIssue,
        Action<NegotiationDump.Negotiation>? negotiated = null)
    {
        _negotiated = negotiated;
        _options = options;
        _policy = new AssociationPolicy(options);
        _store = store;
        _remote = remote;
        _tryTakeAssociationSlot = tryTakeAssociationSlot;
        _reportIssue = reportIssue;
        _engine = new AssociationEngine(transport, isRequestor: false, options.MaxPduLength, options.ArtimTimeout)
        {
            SendTimeout = options.IdleTimeout,
        };
    }

    /// <summary>Why the association was rejected or ended abnormally, or null after a normal release.</summary>
    public string? AbortDescription => _rejection is { } why ? "rejected: " + why : _engine.AbortDescription;

    /// <summary>The A-ASSOCIATE-RJ or A-ABORT sent to the peer, e.g. "A-ABORT source 2 reason 6"; null if none.</summary>
    public string? FailureAnswer => _engine.FailureAnswer;

    /// <summary>The peer's calling AE title once it sent an A-ASSOCIATE-RQ.</summary>
    public string? CallingAeTitle => _request?.CallingAeTitle;

    public int StoredCount { get; private set; }

    /// <summary>An exception that ended the association unexpectedly (a bug, not the peer's doing); logged with its stack.</summary>
    public Exception? UnexpectedError { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await _engine.RequestAsync(AssociationEvent.Evt5, null, ct).ConfigureAwait(false);
            bool open;
            do
            {
                open = await _engine.ReceiveAsync(_options.IdleTimeout, ct).ConfigureAwait(false);
                await HandleSignalsAsync(ct).ConfigureAwait(false);
            }
            while (open && !_engine.IsClosed);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or IOException or ObjectDisposedException))
        {
            // A fault of ours or of the store handler: the peer still gets an A-ABORT and the server an explanation.
            UnexpectedError = ex;
            await _engine.AbortAsync($"internal error ({ex.GetType().Name})", AbortReason.NotSpecified, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            AbandonSink();
        }
    }

    private readonly Action<NegotiationDump.Negotiation>? _negotiated;

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    private async Task HandleSignalsAsync(CancellationToken ct)
    {
        while (_engine.TryTakeSignal(out var signal, out var pdu))
        {
            switch (signal)
            {
                case AssociationSignal.AssociateRequested:
                    await AnswerAssociateAsync((AssociateRequest)pdu!, ct).ConfigureAwait(false);
                    break;
                case AssociationSignal.PData:
                    await OnPDataAsync((PDataTransfer)pdu!, ct).ConfigureAwait(false);
                    break;
                case AssociationSignal.ReleaseRequested:
                    await _engine.RequestAsync(AssociationEvent.Evt14, null, ct).ConfigureAwait(false);
                    break;
                case AssociationSignal.Aborted:
                    AbandonSink();
                    break;
            }
        }
    }

    private async Task AnswerAssociateAsync(AssociateRequest request, CancellationToken ct)
    {
        _request = request;
        var decision = _policy.Decide(request);
        var answer = decision.Answer;
        _rejection = decision.RejectionReason;
        if (decision.Accepted && !_tryTakeAssociationSlot())
        {
            answer = new AssociateReject(RejectResult.Transient, RejectSource.ServiceProviderPresentation, AssociateReject.ReasonLocalLimitExceeded);
            _rejection = $"{_options.MaxAssociations} associations already open (the limit)";
        }
        _negotiated?.Invoke(new NegotiationDump.Negotiation(request, answer, _rejection));
        if (answer is AssociateAccept ac)
        {
            _accepted = ac.PresentationContexts.Where(p => p.Result == PresentationContextResult.Acceptance).ToDictionary(p => p.Id);
            _abstractSyntaxes = request.PresentationContexts.ToDictionary(p => p.Id, p => p.AbstractSyntax);
            _engine.PeerMaxPduLength = request.UserInformation.MaxPduLength;
            await _engine.RequestAsync(AssociationEvent.Evt7, ac, ct).ConfigureAwait(false);
        }
        else
        {
            await _engine.RequestAsync(AssociationEvent.Evt8, answer, ct).ConfigureAwait(false);
        }
    }

    private async Task OnPDataAsync(PDataTransfer pdata, CancellationToken ct)
    {
        foreach (var pdv in pdata.Values)
        {
            if (!_accepted.ContainsKey(pdv.PresentationContextId))
            {
                await AbortAsync($"PDV on presentation context {pdv.PresentationContextId}, which was not accepted", AbortReason.InvalidPduParameterValue, ct).ConfigureAwait(false);
                return;
            }
            DimseMessageAssembler.Step step;
            try
            {
                step = _assembler.Add(pdv);
            }
            catch (PduFormatException ex)
            {
                await AbortAsync(ex.Message, ex.Reason, ct).ConfigureAwait(false);
                return;
            }
            catch (DimseFormatException ex)
            {
                await AbortAsync(ex.Message, AbortReason.InvalidPduParameterValue, ct).ConfigureAwait(false);
                return;
            }
            switch (step)
            {
                case DimseMessageAssembler.Step.CommandReadyDataFollows:
                    await BeginDataSetAsync(ct).ConfigureAwait(false);
                    break;
                case DimseMessageAssembler.Step.DataFragment:
                    _completeness?.Add(pdv.Data.Span);
                    await WriteDataAsync(pdv.Data, ct).ConfigureAwait(false);
                    break;
                case DimseMessageAssembler.Step.MessageComplete:
                    if (_assembler.Current!.HasDataSet)
                    {
                        _completeness?.Add(pdv.Data.Span);
                        await WriteDataAsync(pdv.Data, ct).ConfigureAwait(false);
                    }
                    await CompleteMessageAsync(ct).ConfigureAwait(false);
                    break;
            }
            if (_engine.IsClosed)
            {
                return;
            }
        }
    }

    private async Task BeginDataSetAsync(CancellationToken ct)
    {
        _received = 0;
        _tooLarge = false;
        _storeContext = null;
        _refusal = null;
        if (_assembler.Current is CStoreRequest rq)
        {
            var pc = _accepted[_assembler.ContextId];
            _storeContext = new CStoreContext(rq, pc.TransferSyntax, _request!.CallingAeTitle, _request.CalledAeTitle, _remote);
            _completeness = DataSetCompletenessTracker.For(pc.TransferSyntax);
            if (ReceivedUid.Problem(rq.AffectedSopInstanceUid) is { } problem and not ReceivedUid.LeadingZero)
            {
                _refusal = (DimseStatus.CannotUnderstand, $"SOP Instance UID not a UID: {problem}"); // drained, then answered
            }
            else if (_abstractSyntaxes[_assembler.ContextId] == rq.AffectedSopClassUid)
            {
                _sink = await _store.OpenAsync(_storeContext, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteDataAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        _received += data.Length;
        if (_received > _options.MaxObjectBytes && !_tooLarge)
        {
            _tooLarge = true; // keep draining the fragments, answer A700 at the end
            AbandonSink();
        }
        if (_sink is not null)
        {
            await _sink.WriteAsync(data, ct).ConfigureAwait(false);
        }
    }

    private async Task CompleteMessageAsync(CancellationToken ct)
    {
        var message = _assembler.Current!;
        byte contextId = _assembler.ContextId;
        _assembler.Reset();
        DimseMessage response;
        switch (message)
        {
            case CEchoRequest echo:
                response = new CEchoResponse(echo.MessageId, DimseStatus.Success);
                break;
            case CStoreRequest { DataSetAbsent: true } empty:
                // Answered now: waiting for a data set that was declared absent would hold the association until the idle timeout.
                response = Refuse(empty, DimseStatus.CannotUnderstand, "C-STORE-RQ declares no data set (CommandDataSetType 0101)");
                break;
            case CStoreRequest store:
                response = await FinishStoreAsync(store, contextId, ct).ConfigureAwait(false);
                break;
            default:
                await AbortAsync($"unexpected DIMSE message {message.GetType().Name} on an SCP", AbortReason.UnexpectedPduParameter, ct).ConfigureAwait(false);
                return;
        }
        await _engine.SendMessageAsync(contextId, response, null, ct).ConfigureAwait(false);
    }

    private async Task<CStoreResponse> FinishStoreAsync(CStoreRequest store, byte contextId, CancellationToken ct)
    {
        if (_refusal is { } refusal)
        {
            return Refuse(store, refusal.Status, refusal.Reason);
        }
        if (_abstractSyntaxes[contextId] != store.AffectedSopClassUid)
        {
            // the object's SOP class is not the context's abstract syntax
            return Refuse(store, DimseStatus.SopClassNotSupported, "SOP class differs from the presentation context's abstract syntax");
        }
        if (_tooLarge)
        {
            return Refuse(store, DimseStatus.OutOfResources, $"data set exceeds the limit of {_options.MaxObjectBytes} bytes");
        }
        if (_completeness?.Incomplete is { } truncated)
        {
            // The peer flagged the last fragment too early: what we hold is not the object it meant to send.
            AbandonSink();
            return Refuse(store, DimseStatus.CannotUnderstand, truncated);
        }
        var sink = _sink!;
        _sink = null;
        var status = await _store.CompleteAsync(_storeContext!, sink, ct).ConfigureAwait(false);
        if (status.IsSuccess)
        {
            StoredCount++;
            if (ReceivedUid.Problem(store.AffectedSopInstanceUid) is { } tolerated)
            {
                Report(store, status, $"stored with a non-conformant SOP Instance UID ({tolerated}), kept as received");
            }
        }
        // A refusal by the store handler carries its reason; the handler has already audited it.
        return new CStoreResponse(store.MessageId, store.AffectedSopClassUid, store.AffectedSopInstanceUid, status)
        {
            ErrorComment = status.IsSuccess ? null : _storeContext!.ErrorComment,
        };
    }

    /// <summary>A failure response with its reason as Error Comment, and the issue reported for the log and audit trail.</summary>
    private CStoreResponse Refuse(CStoreRequest store, DimseStatus status, string reason)
    {
        Report(store, status, reason);
        return new CStoreResponse(store.MessageId, store.AffectedSopClassUid, store.AffectedSopInstanceUid, status) { ErrorComment = reason };
    }

    private void Report(CStoreRequest store, DimseStatus status, string description) =>
        _reportIssue(new ObjectIssue(_remote, _request?.CallingAeTitle ?? "", ReceivedUid.Printable(store.AffectedSopClassUid),
            ReceivedUid.Printable(store.AffectedSopInstanceUid), status, description));

    private async Task AbortAsync(string reason, byte providerReason, CancellationToken ct)
    {
        AbandonSink();
        await _engine.AbortAsync(reason, providerReason, ct).ConfigureAwait(false);
    }

    private void AbandonSink()
    {
        if (_sink is not null && _storeContext is not null)
        {
            _store.Abandon(_storeContext, _sink);
        }
        _sink = null;
    }
}
