using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using MRSNode.Dicom.Network.Association;
using MRSNode.Dicom.Network.Tls;
using Microsoft.Extensions.Logging.Abstractions;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>
/// Outcome of one association (or of a connection that never associated), for logs, the audit trail, the status page
/// and tests. <see cref="AbortReason"/> is null only after a normal release; <see cref="Answer"/> is the A-ASSOCIATE-RJ
/// or A-ABORT the peer got ("A-ABORT source 2 reason 6"), null when it got none (it closed, or was closed).
/// </summary>
public sealed record AssociationReport(EndPoint? Remote, int ObjectsStored, string? AbortReason, TimeSpan Duration)
{
    public string? CallingAeTitle { get; init; }
    public string? Answer { get; init; }

    /// <summary>
    /// The peer never sent a whole A-ASSOCIATE-RQ and got no answer: an idle or stalled connection closed by ARTIM, or
    /// to keep within the unassociated-connection limit. Not an association attempt: counted in one log line a minute,
    /// not logged or audited one by one (a flood of idle sockets must not flood the log).
    /// </summary>
    public bool Idle { get; init; }
}

/// <summary>
/// The storage SCP: an async TCP listener with one task per connection, optionally behind DICOM TLS. Connections
/// that have not associated yet are bounded apart from associations (<see cref="ConnectionLimiter"/>), ARTIM runs
/// from accept, and accept failures back off (<see cref="AcceptBackoff"/>). Every failed association is logged
/// (EventIds 2000–2099) and reported through <see cref="AssociationEnded"/>. Stop it with <see cref="DisposeAsync"/>;
/// running associations are cancelled and awaited.
/// </summary>
public sealed class DicomServer : IAsyncDisposable
{
    private readonly DicomServerOptions _options;
    private readonly ICStoreHandler _store;
    private readonly TcpListener _listener;
    private readonly ILogger _logger;
    private readonly ConnectionLimiter _limiter;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly object _lock = new();
    private Task? _acceptLoop;
    private readonly RateLimitedCount _idleClosed = new(TimeSpan.FromMinutes(1));
    private readonly RateLimitedCount _strangersClosed = new(TimeSpan.FromMinutes(1));

    public DicomServer(DicomServerOptions options, ICStoreHandler store, int port, IPAddress? address = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        if (options.Tls is { Certificate: null })
        {
            throw new ArgumentException("A TLS SCP needs a certificate with its private key.", nameof(options));
        }
        _options = options;
        _store = store;
        _logger = logger ?? NullLogger.Instance;
        int? budget = DescriptorBudget.Connections();
        int unassociated = DescriptorBudget.UnassociatedPool(options.MaxUnassociatedConnections, options.MaxAssociations, budget);
        if (unassociated < options.MaxUnassociatedConnections)
        {
            DicomServerLog.PoolClampedToDescriptors(_logger, options.MaxUnassociatedConnections, unassociated, budget ?? 0, options.MaxAssociations);
        }
        _limiter = new ConnectionLimiter(options.MaxAssociations, unassociated, Math.Min(options.MaxUnassociatedPerPeer, unassociated));
        _listener = new TcpListener(address ?? IPAddress.Any, port);
    }

    /// <summary>The bound port (useful with port 0).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Associations in progress (accepted, not yet ended).</summary>
    public int ActiveAssociations => _limiter.Associated;

    /// <summary>Connections waiting for their TLS handshake or A-ASSOCIATE-RQ.</summary>
    public int UnassociatedConnections => _limiter.Unassociated;

    /// <summary>Raised when a connection ends (released, rejected, aborted, timed out or closed before associating).</summary>
    public event Action<AssociationReport>? AssociationEnded;

    /// <summary>Raised for each C-STORE the SCP refused itself, or stored despite a non-conformant UID.</summary>
    public event Action<ObjectIssue>? ObjectIssue;

    /// <exception cref="DicomListenException">The port is taken, the address is not this machine's, or binding is not permitted.</exception>
    public DicomServer Start()
    {
        try
        {
            _listener.Start(backlog: 128);
        }
        catch (SocketException ex)
        {
            throw DicomListenException.From(ex, (IPEndPoint)_listener.LocalEndpoint);
        }
        _acceptLoop = AcceptLoopAsync(_stop.Token);
        return this;
    }

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
        var backoff = new AcceptBackoff(TimeProvider.System);
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex)
            {
                if (backoff.Failed())
                {
                    DicomServerLog.AcceptFailing(_logger, ex.SocketErrorCode.ToString(), (int)AcceptBackoff.MaxDelay.TotalMilliseconds);
                }
                try
                {
                    await Task.Delay(backoff.Delay, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            if (backoff.Succeeded() is { } episode)
            {
                DicomServerLog.AcceptRecovered(_logger, episode.Failures, episode.Duration.TotalSeconds);
            }
            var task = ServeAsync(socket, ct);
            lock (_lock)
            {
                _running.RemoveAll(t => t.IsCompleted);
                _running.Add(task);
            }
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        EndPoint? remote;
        try
        {
            remote = socket.RemoteEndPoint;
        }
        catch (SocketException)
        {
            socket.Dispose(); // reset before we looked at it
            return;
        }
        var peer = remote is IPEndPoint ip ? (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address) : IPAddress.None;
        if (_options.AllowedPeerAddresses is { } allowed && !allowed.Contains(peer))
        {
            socket.Dispose(); // before it can take a slot or a TLS handshake
            if (_strangersClosed.Add() is { } count)
            {
                DicomServerLog.StrangersClosed(_logger, count, remote?.ToString() ?? "?");
            }
            return;
        }
        var (admitted, _) = _limiter.Admit(peer, socket.Dispose, () => HasUnreadData(socket));
        if (admitted is not { } ticket)
        {
            // Every unassociated slot is held by connections that are young or busy: refuse this one at once.
            socket.Dispose();
            NoteIdleClosed(remote);
            return;
        }
        await Task.Yield();
        var started = DateTime.UtcNow;
        var report = new AssociationReport(remote, 0, null, TimeSpan.Zero);
        TlsPeerCheck? clientCheck = null;
        try
        {
            socket.NoDelay = true;
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (_options.Tls is { } tls)
            {
                // An optional client certificate is checked too: one that is presented and invalid is refused.
                clientCheck = new TlsPeerCheck(tls, TlsPeerRole.Client);
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, clientCheck.Validate);
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(ct);
                handshake.CancelAfter(_options.ArtimTimeout);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = tls.CertificateContext(),
                    // Asked for whenever there is a trust list: a client that sends one has it checked (optional ≠ unchecked);
                    // one that sends none is refused only when RequireClientCertificate.
                    ClientCertificateRequired = tls.RequireClientCertificate || tls.TrustedAuthorities.Count > 0,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                }, handshake.Token).ConfigureAwait(false);
                stream = ssl;
            }
            await using var handler = new ScpAssociationHandler(stream, _options, _store, remote, () => _limiter.TryAssociate(ticket), Raise,
                negotiation => DicomServerLog.Negotiated(_logger, remote, negotiation));
            await handler.RunAsync(ct).ConfigureAwait(false);
            report = report with { ObjectsStored = handler.StoredCount, AbortReason = handler.AbortDescription, CallingAeTitle = handler.CallingAeTitle, Answer = handler.FailureAnswer };
            if (handler.UnexpectedError is { } error)
            {
                DicomServerLog.AssociationCrashed(_logger, remote?.ToString() ?? "?", error);
            }
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            report = report with
            {
                AbortReason = ex is OperationCanceledException
                    ? (ct.IsCancellationRequested ? "server stopping" : $"TLS handshake not completed within {_options.ArtimTimeout.TotalSeconds:0.#} s")
                    : clientCheck?.FailureReason is { } why ? "TLS refused: " + why : ex.Message,
                // A refused client certificate is worth a line of its own; a handshake that never came is idle.
                Idle = ex is not AuthenticationException,
            };
            socket.Dispose();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never let a connection's task fault: DisposeAsync awaits them all, and a fault there made SIGTERM exit 1.
            DicomServerLog.AssociationCrashed(_logger, remote?.ToString() ?? "?", ex);
            report = report with { AbortReason = $"internal error ({ex.GetType().Name})" };
            socket.Dispose();
        }
        finally
        {
            _limiter.Release(ticket);
        }
        if (ticket.Evicted)
        {
            report = report with { AbortReason = "closed before associating, to make room for newer connections (unassociated connection limit)", Idle = true };
        }
        report = report with
        {
            Duration = DateTime.UtcNow - started,
            Idle = report.Idle || (report.AbortReason is not null && report.CallingAeTitle is null && report.Answer is null),
        };
        if (ct.IsCancellationRequested)
        {
            // stopping: not the peer's failure
        }
        else if (report.Idle)
        {
            NoteIdleClosed(remote);
        }
        else if (report.AbortReason is { } reason)
        {
            DicomServerLog.AssociationFailed(_logger, remote?.ToString() ?? "?", report.CallingAeTitle ?? "(none)", report.ObjectsStored, reason, report.Answer ?? "nothing (connection closed)");
        }
        Raise(report);
    }

    private static bool HasUnreadData(Socket socket)
    {
        try
        {
            return socket.Available > 0;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false; // closed: as good as idle
        }
    }

    private void NoteIdleClosed(EndPoint? remote)
    {
        if (_idleClosed.Add() is { } count)
        {
            DicomServerLog.IdleConnectionsClosed(_logger, count, _options.ArtimTimeout.TotalSeconds, _options.MaxUnassociatedConnections, _options.MaxUnassociatedPerPeer, remote?.ToString() ?? "?");
        }
    }

    private void Raise(AssociationReport report)
    {
        try
        {
            AssociationEnded?.Invoke(report);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            DicomServerLog.SubscriberFailed(_logger, ex); // the server task must not fault: DisposeAsync awaits it
        }
    }

    private void Raise(ObjectIssue issue)
    {
        string remote = issue.Remote?.ToString() ?? "?";
        if (issue.Status.IsSuccess)
        {
            DicomServerLog.ObjectTolerated(_logger, issue.SopInstanceUid, issue.SopClassUid, issue.CallingAeTitle, remote, issue.Description);
        }
        else
        {
            DicomServerLog.ObjectRefused(_logger, issue.SopInstanceUid, issue.SopClassUid, issue.CallingAeTitle, remote, issue.Status.ToString(), issue.Description);
        }
        try
        {
            ObjectIssue?.Invoke(issue);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            DicomServerLog.SubscriberFailed(_logger, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }
        await Task.WhenAll(running).ConfigureAwait(false);
        _stop.Dispose();
    }
}
