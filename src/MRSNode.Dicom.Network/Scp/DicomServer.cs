using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>Outcome of one association, for logs, the status page and tests.</summary>
public sealed record AssociationReport(EndPoint? Remote, int ObjectsStored, string? AbortReason, TimeSpan Duration);

/// <summary>
/// The storage SCP: an async TCP listener with one task per association, bounded in number,
/// optionally behind DICOM TLS. Stop it with <see cref="DisposeAsync"/>; running associations are
/// cancelled and awaited.
/// </summary>
public sealed class DicomServer : IAsyncDisposable
{
    private readonly DicomServerOptions _options;
    private readonly ICStoreHandler _store;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly object _lock = new();
    private Task? _acceptLoop;
    private int _active;

    public DicomServer(DicomServerOptions options, ICStoreHandler store, int port, IPAddress? address = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        if (options.Tls is { Certificate: null })
        {
            throw new ArgumentException("A TLS SCP needs a certificate with its private key.", nameof(options));
        }
        _options = options;
        _store = store;
        _listener = new TcpListener(address ?? IPAddress.Any, port);
    }

    /// <summary>The bound port (useful with port 0).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int ActiveAssociations => Volatile.Read(ref _active);

    /// <summary>Raised when an association ends (released, rejected, aborted or timed out).</summary>
    public event Action<AssociationReport>? AssociationEnded;

    public DicomServer Start()
    {
        _listener.Start(backlog: 128);
        _acceptLoop = AcceptLoopAsync(_stop.Token);
        return this;
    }

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
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
            catch (SocketException)
            {
                continue;
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
        await Task.Yield();
        var started = DateTime.UtcNow;
        var remote = socket.RemoteEndPoint;
        int active = Interlocked.Increment(ref _active);
        int stored = 0;
        string? abort = null;
        try
        {
            socket.NoDelay = true;
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (_options.Tls is { } tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, cert, chain, errors) =>
                    !tls.RequireClientCertificate || tls.Validate(cert, chain, errors & ~SslPolicyErrors.RemoteCertificateNameMismatch));
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(ct);
                handshake.CancelAfter(_options.ArtimTimeout);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = tls.Certificate,
                    ClientCertificateRequired = tls.RequireClientCertificate,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                }, handshake.Token).ConfigureAwait(false);
                stream = ssl;
            }
            await using var handler = new ScpAssociationHandler(stream, _options, _store, remote, () => active);
            await handler.RunAsync(ct).ConfigureAwait(false);
            stored = handler.StoredCount;
            abort = handler.AbortDescription;
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            abort = ex is OperationCanceledException ? "server stopping or TLS handshake timed out" : ex.Message;
            socket.Dispose();
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
        AssociationEnded?.Invoke(new AssociationReport(remote, stored, abort, DateTime.UtcNow - started));
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
