using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using RabbitMQ.Client;

namespace MRSNode.Messaging.RabbitMq;

/// <summary>Opens connections to the broker the options name (TLS included). Automatic recovery is off: the queue reconnects itself, so it knows when deliveries were lost.</summary>
internal sealed class RabbitMqConnections
{
    private readonly ConnectionFactory _factory;
    private readonly TimeSpan _timeout;

    public RabbitMqConnections(RabbitMqOptions options)
    {
        var uri = new Uri(options.Uri);
        _timeout = options.ConfirmTimeout;
        _factory = new ConnectionFactory
        {
            Uri = uri,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = options.ConfirmTimeout,
            ContinuationTimeout = options.ConfirmTimeout,
            HandshakeContinuationTimeout = options.ConfirmTimeout,
            ClientProvidedName = options.ClientName,
        };
        if (options.Tls.Enabled || uri.Scheme == "amqps")
        {
            _factory.Ssl = Ssl(options.Tls, uri);
            if (uri.IsDefaultPort || uri.Port < 0)
            {
                _factory.Port = AmqpTcpEndpoint.DefaultAmqpSslPort;
            }
        }
        Endpoint = $"{uri.Host}:{_factory.Port}{uri.AbsolutePath}";
    }

    /// <summary>host:port/vhost, for log lines (never the URI: it carries the password).</summary>
    public string Endpoint { get; }

    /// <summary>
    /// A new connection, or <see cref="TimeoutException"/> after the confirm timeout: the client's own handshake
    /// timeouts let a silent peer (a hung host, a black-holing proxy) hold a connection attempt for several times as long.
    /// </summary>
    public async Task<IConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var opening = _factory.CreateConnectionAsync(cancellationToken);
        try
        {
            return await opening.WaitAsync(_timeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // The attempt goes on in the background: close what it may still open, and observe how it fails.
            _ = opening.ContinueWith(static t => t.Result.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            _ = opening.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    private static SslOption Ssl(RabbitMqTlsOptions tls, Uri uri)
    {
        var ssl = new SslOption
        {
            Enabled = true,
            ServerName = tls.ServerName.Length > 0 ? tls.ServerName : uri.Host,
            Version = SslProtocols.Tls12 | SslProtocols.Tls13,
        };
        var authorities = new X509Certificate2Collection();
        if (tls.TrustedCaPath.Length > 0)
        {
            authorities.ImportFromPemFile(tls.TrustedCaPath);
        }
        ssl.CertificateValidationCallback = new BrokerCertificateCheck(authorities).Validate;
        if (tls.CertificatePath.Length > 0)
        {
            ssl.Certs = [ClientCertificate(tls)];
        }
        return ssl;
    }

    private static X509Certificate2 ClientCertificate(RabbitMqTlsOptions tls)
    {
        if (tls.KeyPath.Length == 0)
        {
            return X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, null);
        }
        // Through PKCS#12 so the private key is usable by SslStream on every platform (a PEM-loaded key is ephemeral).
        using var pem = X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.KeyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
