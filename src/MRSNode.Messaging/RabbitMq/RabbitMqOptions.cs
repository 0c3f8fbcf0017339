namespace MRSNode.Messaging.RabbitMq;

/// <summary>
/// Where the broker is and how to talk to it (config <c>Queue:RabbitMq:*</c>). Property names are the configuration
/// keys, so the section binds as it is.
/// </summary>
public sealed class RabbitMqOptions
{
    /// <summary>amqp://user:password@host:5672/vhost, or amqps:// for TLS (port 5671 unless given). Never logged whole: the password is in it.</summary>
    public string Uri { get; set; } = "amqp://guest:guest@localhost:5672/";

    public RabbitMqTlsOptions Tls { get; set; } = new();

    /// <summary>How long a publish waits for the broker's confirm (and a connection attempt for its handshake) before the broker counts as unavailable.</summary>
    public double ConfirmTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Deliveries a message may be handed back (requeued, or its consumer lost) before the broker dead-letters it as
    /// poison. Fixed when the queue is first declared (x-delivery-limit); a queue that already exists keeps its own.
    /// </summary>
    public int DeliveryLimit { get; set; } = 5;

    /// <summary>
    /// First wait before a consumer reconnects after the broker went away, and before a delivery whose handler threw
    /// is requeued; doubles (per attempt, per earlier delivery) up to <see cref="ReconnectMaxSeconds"/>.
    /// </summary>
    public double ReconnectInitialSeconds { get; set; } = 1;

    public double ReconnectMaxSeconds { get; set; } = 30;

    /// <summary>Shown as the connection's name in the broker (rabbitmqctl list_connections client_properties), e.g. "mrsnode worker host-a".</summary>
    public string ClientName { get; set; } = "mrsnode";

    internal TimeSpan ConfirmTimeout => TimeSpan.FromSeconds(ConfirmTimeoutSeconds);

    internal TimeSpan ReconnectInitial => TimeSpan.FromSeconds(ReconnectInitialSeconds);

    internal TimeSpan ReconnectMax => TimeSpan.FromSeconds(Math.Max(ReconnectInitialSeconds, ReconnectMaxSeconds));

    /// <summary>How long a delivery whose handler failed is held before it is requeued: the reconnect backoff, doubling per earlier delivery.</summary>
    internal TimeSpan RequeuePause(long deliveryCount) =>
        TimeSpan.FromSeconds(Math.Min(ReconnectInitialSeconds * Math.Pow(2, Math.Clamp(deliveryCount, 0, 30)), ReconnectMax.TotalSeconds));

    /// <summary>What is wrong with the options, one line each; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            problems.Add("Queue:RabbitMq:Uri must be an absolute amqp:// or amqps:// URI");
        }
        if (ConfirmTimeoutSeconds <= 0)
        {
            problems.Add("Queue:RabbitMq:ConfirmTimeoutSeconds must be above 0");
        }
        if (DeliveryLimit < 1)
        {
            problems.Add("Queue:RabbitMq:DeliveryLimit must be at least 1");
        }
        if (ReconnectInitialSeconds <= 0 || ReconnectMaxSeconds <= 0)
        {
            problems.Add("Queue:RabbitMq:ReconnectInitialSeconds and ReconnectMaxSeconds must be above 0");
        }
        problems.AddRange(Tls.Problems());
        return problems;
    }
}

/// <summary>TLS towards the broker (config <c>Queue:RabbitMq:Tls:*</c>); an amqps:// URI turns it on as well.</summary>
public sealed class RabbitMqTlsOptions
{
    public bool Enabled { get; set; }

    /// <summary>PEM bundle of the authorities the broker's certificate must chain to; empty = the system store.</summary>
    public string TrustedCaPath { get; set; } = "";

    /// <summary>Our client certificate (PEM with <see cref="KeyPath"/>, or PKCS#12 without a password and an empty KeyPath), for a broker that requires one; empty = none.</summary>
    public string CertificatePath { get; set; } = "";

    public string KeyPath { get; set; } = "";

    /// <summary>The name the broker's certificate must carry; empty = the URI's host.</summary>
    public string ServerName { get; set; } = "";

    internal IEnumerable<string> Problems()
    {
        if (TrustedCaPath.Length > 0 && !File.Exists(TrustedCaPath))
        {
            yield return $"Queue:RabbitMq:Tls:TrustedCaPath {TrustedCaPath} does not exist";
        }
        if (CertificatePath.Length > 0 && !File.Exists(CertificatePath))
        {
            yield return $"Queue:RabbitMq:Tls:CertificatePath {CertificatePath} does not exist";
        }
        if (KeyPath.Length > 0 && !File.Exists(KeyPath))
        {
            yield return $"Queue:RabbitMq:Tls:KeyPath {KeyPath} does not exist";
        }
        if (KeyPath.Length > 0 && CertificatePath.Length == 0)
        {
            yield return "Queue:RabbitMq:Tls:KeyPath needs Queue:RabbitMq:Tls:CertificatePath";
        }
    }
}
