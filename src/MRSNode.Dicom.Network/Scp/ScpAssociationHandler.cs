using System.Net;
using MRSNode.Dicom.Network.Association;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.Dicom.Network.StateMachine;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>Serves one association as SCP: negotiation by policy, C-ECHO, C-STORE streamed into the handler, release.</summary>
internal sealed class ScpAssociationHandler : IAsyncDisposable
{
    private readonly AssociationEngine _engine;
    private readonly DicomServerOptions _options;
    private readonly AssociationPolicy _policy;
    private readonly ICStoreHandler _store;
    private readonly EndPoint? _remote;
    private readonly Func<int> _activeAssociations;
    private readonly DimseMessageAssembler _assembler = new();
    private Dictionary<byte, PresentationContextResponse> _accepted = [];
    private Dictionary<byte, string> _abstractSyntaxes = [];
    private AssociateRequest? _request;
    private CStoreContext? _storeContext;
    private Stream? _sink;
    private long _received;
    private bool _tooLarge;

    public ScpAssociationHandler(Stream transport, DicomServerOptions options, ICStoreHandler store, EndPoint? remote, Func<int> activeAssociations)
    {
        _options = options;
        _policy = new AssociationPolicy(options);
        _store = store;
        _remote = remote;
        _activeAssociations = activeAssociations;
        _engine = new AssociationEngine(transport, isRequestor: false, options.MaxPduLength, options.ArtimTimeout);
    }

    /// <summary>Why the association ended abnormally, or null after a normal release or rejection.</summary>
    public string? AbortDescription => _engine.AbortDescription;

    public int StoredCount { get; private set; }

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
        finally
        {
            AbandonSink();
        }
    }

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
        var answer = _policy.Decide(request, _activeAssociations());
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
                    await WriteDataAsync(pdv.Data, ct).ConfigureAwait(false);
                    break;
                case DimseMessageAssembler.Step.MessageComplete:
                    if (_assembler.Current!.HasDataSet)
                    {
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
        if (_assembler.Current is CStoreRequest rq)
        {
            var pc = _accepted[_assembler.ContextId];
            _storeContext = new CStoreContext(rq, pc.TransferSyntax, _request!.CallingAeTitle, _request.CalledAeTitle, _remote);
            if (_abstractSyntaxes[_assembler.ContextId] == rq.AffectedSopClassUid)
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
            case CStoreRequest store:
                var status = await FinishStoreAsync(store, contextId, ct).ConfigureAwait(false);
                response = new CStoreResponse(store.MessageId, store.AffectedSopClassUid, store.AffectedSopInstanceUid, status)
                {
                    ErrorComment = status.IsSuccess ? null : _storeContext?.ErrorComment,
                };
                break;
            default:
                await AbortAsync($"unexpected DIMSE message {message.GetType().Name} on an SCP", AbortReason.UnexpectedPduParameter, ct).ConfigureAwait(false);
                return;
        }
        await _engine.SendMessageAsync(contextId, response, null, ct).ConfigureAwait(false);
    }

    private async Task<DimseStatus> FinishStoreAsync(CStoreRequest store, byte contextId, CancellationToken ct)
    {
        if (_abstractSyntaxes[contextId] != store.AffectedSopClassUid)
        {
            return DimseStatus.SopClassNotSupported; // the object's SOP class is not the context's abstract syntax
        }
        if (_tooLarge)
        {
            _storeContext!.ErrorComment = $"data set exceeds the limit of {_options.MaxObjectBytes} bytes";
            return DimseStatus.OutOfResources;
        }
        var sink = _sink!;
        _sink = null;
        var status = await _store.CompleteAsync(_storeContext!, sink, ct).ConfigureAwait(false);
        if (status.IsSuccess)
        {
            StoredCount++;
        }
        return status;
    }

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
