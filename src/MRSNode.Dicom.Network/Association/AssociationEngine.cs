using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.Dicom.Network.StateMachine;

namespace MRSNode.Dicom.Network.Association;

/// <summary>What the protocol machine told the local user, in order.</summary>
internal enum AssociationSignal
{
    AssociateRequested,
    AssociateAccepted,
    AssociateRejected,
    PData,
    ReleaseRequested,
    Released,
    Aborted,
}

/// <summary>
/// One association on one transport connection. Every PDU received and every local request goes
/// through the PS3.8 state table (<see cref="AssociationStateMachine"/>); this class performs the
/// actions the table names: it queues PDUs to send, runs the ARTIM timer as a read deadline,
/// closes the transport, and hands indications to the SCP/SCU above it as signals.
/// </summary>
internal sealed class AssociationEngine : IUpperLayerActions, IAsyncDisposable
{
    private readonly PduStream _pdus;
    private readonly AssociationStateMachine _fsm;
    private readonly TimeSpan _artim;
    private readonly List<Pdu> _outbox = [];
    private readonly Queue<(AssociationSignal Signal, Pdu? Pdu)> _signals = new();
    private Pdu? _received;
    private Pdu? _staged;
    private byte _abortReasonOverride = 0xFF;
    private DateTime? _artimDeadline;
    private bool _closeRequested;
    private bool _closed;

    public AssociationEngine(Stream transport, bool isRequestor, uint maxReceivePdu, TimeSpan artimTimeout)
    {
        _pdus = new PduStream(transport, maxReceivePdu);
        _fsm = new AssociationStateMachine(this);
        IsAssociationRequestor = isRequestor;
        _artim = artimTimeout;
    }

    public bool IsAssociationRequestor { get; }

    public AssociationState State => _fsm.State;

    public bool IsClosed => _closed;

    /// <summary>Why the association ended abnormally, for logs and CLI messages.</summary>
    public string? AbortDescription { get; private set; }

    /// <summary>The peer's maximum P-DATA-TF length (0 = unlimited), known once associated.</summary>
    public uint PeerMaxPduLength { get; set; }

    /// <summary>
    /// How long one PDU may take to send; a peer that stops reading (its TCP window full) is then treated as a lost
    /// connection instead of holding the association for ever. Infinite unless set.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>The A-ASSOCIATE-RJ or A-ABORT we sent, as "A-ABORT source 2 reason 6"; null if none.</summary>
    public string? FailureAnswer { get; private set; }

    public uint MaxReceivePdu => _pdus.MaxPDataLength;

    public bool TryTakeSignal(out AssociationSignal signal, out Pdu? pdu)
    {
        if (_signals.TryDequeue(out var s))
        {
            (signal, pdu) = s;
            return true;
        }
        (signal, pdu) = (default, null);
        return false;
    }

    /// <summary>Fires a local event (a primitive from the user) with the PDU its action sends.</summary>
    public async ValueTask RequestAsync(AssociationEvent evt, Pdu? toSend, CancellationToken ct)
    {
        _staged = toSend;
        await FireAsync(evt, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the next PDU (or times out) and feeds the resulting event to the state table.
    /// Returns false once the transport is closed: the association is over.
    /// </summary>
    public async ValueTask<bool> ReceiveAsync(TimeSpan idleTimeout, CancellationToken ct)
    {
        if (_closed)
        {
            return false;
        }
        var deadline = _artimDeadline ?? DateTime.UtcNow + idleTimeout;
        var wait = deadline - DateTime.UtcNow;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        Pdu? pdu;
        try
        {
            pdu = await _pdus.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            if (_artimDeadline is not null)
            {
                AbortDescription ??= "ARTIM timer expired";
                await FireAsync(AssociationEvent.Evt18, ct).ConfigureAwait(false);
            }
            else
            {
                // Idle (or a peer stalled mid-PDU): abort as the service user.
                AbortDescription = $"no data from the peer for {idleTimeout.TotalSeconds:0.#} s";
                await FireAsync(AssociationEvent.Evt15, CancellationToken.None).ConfigureAwait(false);
                await CloseAsync().ConfigureAwait(false);
            }
            return !_closed;
        }
        catch (PduFormatException ex)
        {
            AbortDescription = "invalid PDU: " + ex.Message;
            _abortReasonOverride = ex.Reason;
            await FireAsync(AssociationEvent.Evt19, ct).ConfigureAwait(false);
            await CloseAsync().ConfigureAwait(false);
            return false;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or ObjectDisposedException)
        {
            pdu = null;
            if (State is not (AssociationState.Sta13 or AssociationState.Sta1))
            {
                AbortDescription ??= "connection lost: " + ex.Message;
            }
        }

        if (pdu is null)
        {
            await FireAsync(AssociationEvent.Evt17, ct).ConfigureAwait(false);
            await CloseAsync().ConfigureAwait(false);
            return false;
        }
        _received = pdu;
        if (pdu is AssociateRequest)
        {
            // AE-6 sends this when the provider cannot accept the request (protocol version).
            _staged = new AssociateReject(RejectResult.Permanent, RejectSource.ServiceProviderAcse, AssociateReject.ReasonProtocolVersionNotSupported);
        }
        await FireAsync(EventFor(pdu), ct).ConfigureAwait(false);
        return !_closed;
    }

    /// <summary>Sends a DIMSE message (and its data set, read from <paramref name="dataSet"/>) as P-DATA-TF PDUs within the peer's limit.</summary>
    public async ValueTask SendMessageAsync(byte contextId, DimseMessage message, Stream? dataSet, CancellationToken ct)
    {
        int maxData = (int)Math.Min(PeerMaxPduLength == 0 ? 1u << 20 : PeerMaxPduLength, 1u << 24) - 6;
        if (maxData < 1)
        {
            // Not one data byte fits in a PDV: sending would loop for ever (the SCP rejects such peers at association).
            throw new IOException($"the peer's maximum PDU length {PeerMaxPduLength} cannot carry any data");
        }
        var command = DimseCommandCodec.Encode(message);
        for (int at = 0; at < command.Length; at += maxData)
        {
            int n = Math.Min(maxData, command.Length - at);
            await SendPDataAsync(new Pdv(contextId, true, at + n == command.Length, command.AsMemory(at, n)), ct).ConfigureAwait(false);
        }
        if (dataSet is null)
        {
            return;
        }
        // Two buffers, swapped: a data set of any size is sent with 2 × max PDU of memory (the PDV is written before the swap).
        var buffer = new byte[maxData];
        var next = new byte[maxData];
        int filled = await ReadFull(dataSet, buffer, ct).ConfigureAwait(false);
        while (true)
        {
            // Read one chunk ahead so the last fragment is flagged as last (a data set of 0 bytes is one empty last fragment).
            int nextFilled = filled == maxData ? await ReadFull(dataSet, next, ct).ConfigureAwait(false) : 0;
            bool last = nextFilled == 0;
            await SendPDataAsync(new Pdv(contextId, false, last, buffer.AsMemory(0, filled)), ct).ConfigureAwait(false);
            if (last)
            {
                return;
            }
            (buffer, next) = (next, buffer);
            filled = nextFilled;
        }
    }

    private async ValueTask SendPDataAsync(Pdv pdv, CancellationToken ct)
    {
        if (_closed)
        {
            throw new IOException("the association is closed: " + (AbortDescription ?? "released"));
        }
        await RequestAsync(AssociationEvent.Evt9, new PDataTransfer([pdv]), ct).ConfigureAwait(false);
    }

    private static async ValueTask<int> ReadFull(Stream s, byte[] buffer, CancellationToken ct)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = await s.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    private async ValueTask FireAsync(AssociationEvent evt, CancellationToken ct)
    {
        try
        {
            _fsm.Fire(evt);
        }
        catch (InvalidAssociationEventException ex)
        {
            // A local request in the wrong state is a programming error of the caller; surface it.
            throw new InvalidOperationException(ex.Message, ex);
        }
        foreach (var pdu in _outbox)
        {
            try
            {
                using var sendLimit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                sendLimit.CancelAfter(SendTimeout);
                await _pdus.WriteAsync(pdu, sendLimit.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                AbortDescription ??= "connection lost while sending: " + e.Message;
                _closeRequested = true;
                break;
            }
        }
        _outbox.Clear();
        if (_closeRequested)
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    private static AssociationEvent EventFor(Pdu pdu) => pdu.Type switch
    {
        PduType.AssociateAccept => AssociationEvent.Evt3,
        PduType.AssociateReject => AssociationEvent.Evt4,
        PduType.AssociateRequest => AssociationEvent.Evt6,
        PduType.PData => AssociationEvent.Evt10,
        PduType.ReleaseRequest => AssociationEvent.Evt12,
        PduType.ReleaseResponse => AssociationEvent.Evt13,
        PduType.Abort => AssociationEvent.Evt16,
        _ => AssociationEvent.Evt19,
    };

    /// <summary>
    /// Ends the association abnormally and closes the transport. With <paramref name="providerReason"/>
    /// the received PDU is treated as invalid (Evt19: A-ABORT from the service provider with that reason),
    /// otherwise as a local A-ABORT request (Evt15: source service user).
    /// </summary>
    public async ValueTask AbortAsync(string description, byte? providerReason, CancellationToken ct)
    {
        AbortDescription ??= description;
        if (!_closed && State is not (AssociationState.Sta1 or AssociationState.Sta13))
        {
            if (providerReason is { } reason)
            {
                _abortReasonOverride = reason;
                await FireAsync(AssociationEvent.Evt19, ct).ConfigureAwait(false);
            }
            else
            {
                await FireAsync(AssociationEvent.Evt15, ct).ConfigureAwait(false);
            }
        }
        await CloseAsync().ConfigureAwait(false);
    }

    public async ValueTask CloseAsync()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        try
        {
            await _pdus.Stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Already gone.
        }
    }

    public ValueTask DisposeAsync() => CloseAsync();

    // ---- IUpperLayerActions: what the state table's actions do --------------------------------

    public bool IsAssociateRequestAcceptable() => _received is AssociateRequest { ProtocolVersion: var v } && (v & 1) == 1;

    public void OpenTransport()
    {
        // The requestor connects before A-ASSOCIATE: Evt2 follows immediately.
    }

    public void CloseTransport() => _closeRequested = true;

    public void SendAssociateRq() => _outbox.Add(Staged<AssociateRequest>());
    public void SendAssociateAc() => _outbox.Add(Staged<AssociateAccept>());
    public void SendAssociateRj()
    {
        var rj = Staged<AssociateReject>();
        FailureAnswer = $"A-ASSOCIATE-RJ result {(byte)rj.Result} source {(byte)rj.Source} reason {rj.Reason}";
        _outbox.Add(rj);
    }

    public void SendPData() => _outbox.Add(Staged<PDataTransfer>());
    public void SendReleaseRq() => _outbox.Add(new ReleaseRequest());
    public void SendReleaseRp() => _outbox.Add(new ReleaseResponse());

    public void SendAbort(byte source, byte reason)
    {
        // A malformed PDU carries its precise reason (e.g. unrecognized PDU type) into AA-8's A-ABORT.
        if (_abortReasonOverride != 0xFF && source == Abort.SourceServiceProvider)
        {
            reason = _abortReasonOverride;
            _abortReasonOverride = 0xFF;
        }
        FailureAnswer = $"A-ABORT source {source} reason {reason}";
        _outbox.Add(new Abort(source, reason));
    }

    public void StartArtim() => _artimDeadline = DateTime.UtcNow + _artim;
    public void StopArtim() => _artimDeadline = null;

    public void IndicateAssociateRequest() => _signals.Enqueue((AssociationSignal.AssociateRequested, _received));

    public void ConfirmAssociateAccepted()
    {
        if (_received is AssociateAccept ac)
        {
            PeerMaxPduLength = ac.UserInformation.MaxPduLength;
        }
        _signals.Enqueue((AssociationSignal.AssociateAccepted, _received));
    }

    public void ConfirmAssociateRejected() => _signals.Enqueue((AssociationSignal.AssociateRejected, _received));
    public void IndicatePData() => _signals.Enqueue((AssociationSignal.PData, _received));
    public void IndicateReleaseRequest() => _signals.Enqueue((AssociationSignal.ReleaseRequested, _received));
    public void ConfirmRelease() => _signals.Enqueue((AssociationSignal.Released, _received));

    public void IndicateAbort(bool byPeer)
    {
        if (byPeer && _received is Abort a)
        {
            AbortDescription ??= $"aborted by the peer (source {a.Source}, reason {a.Reason})";
        }
        AbortDescription ??= "aborted";
        _signals.Enqueue((AssociationSignal.Aborted, _received));
    }

    private T Staged<T>() where T : Pdu =>
        _staged as T ?? throw new InvalidOperationException($"The state table asked to send {typeof(T).Name} but none was prepared.");
}
