using MRSNode.Messaging.RabbitMq;
using MRSNode.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Messaging.Tests.RabbitMq;

/// <summary>
/// One broker per test class (a start costs seconds), started only where rabbitmq-server is installed; each test
/// takes a virtual host of its own (<see cref="UseNextVirtualHost"/>), so no test sees another's queues.
/// </summary>
public class BrokerFixture : IAsyncLifetime
{
    private const int VirtualHosts = 24;

    private RabbitMqBroker? _broker;
    private int _virtualHostsUsed;

    public RabbitMqBroker Broker => _broker ?? throw new InvalidOperationException("no broker: " + RabbitMqBroker.MissingReason);

    /// <summary>The TLS certificates the broker's amqps listener uses (null: no TLS listener).</summary>
    public TestCertificates? Certificates { get; protected init; }

    /// <summary>Whether the amqps listener refuses clients without a certificate from <see cref="Certificates"/>.</summary>
    protected bool RequireClientCertificate { get; init; }

    public async Task InitializeAsync()
    {
        if (RabbitMqBroker.MissingReason is null)
        {
            _broker = await RabbitMqBroker.StartNewAsync(Certificates, RequireClientCertificate);
            _broker.AddVirtualHosts([.. Enumerable.Range(1, VirtualHosts).Select(VirtualHostName)]);
        }
    }

    private static string VirtualHostName(int n) => $"test-{n:00}";

    /// <summary>The virtual host the running test uses (the broker's default one until a test takes its own).</summary>
    public string VirtualHost { get; private set; } = "/";

    /// <summary>Gives the next test a fresh virtual host (called from the test class's InitializeAsync).</summary>
    public void UseNextVirtualHost()
    {
        if (_broker is null)
        {
            return;
        }
        int n = Interlocked.Increment(ref _virtualHostsUsed);
        VirtualHost = n <= VirtualHosts ? VirtualHostName(n) : throw new InvalidOperationException($"more than {VirtualHosts} tests share this broker: raise VirtualHosts");
    }

    public Uri Uri => Broker.VirtualHostUri(VirtualHost);

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    public RabbitMqOptions Options(int deliveryLimit = 5, double confirmTimeoutSeconds = 10) => new()
    {
        Uri = Uri.ToString(),
        DeliveryLimit = deliveryLimit,
        ConfirmTimeoutSeconds = confirmTimeoutSeconds,
        ReconnectInitialSeconds = 0.2,
        ReconnectMaxSeconds = 1,
        ClientName = "mrsnode-tests",
    };

    public RabbitMqWorkQueue Queue(int deliveryLimit = 5, double confirmTimeoutSeconds = 10, ITestOutputHelper? output = null) =>
        new(Options(deliveryLimit, confirmTimeoutSeconds), output is null ? NullLogger<RabbitMqWorkQueue>.Instance : new TestOutputLogger<RabbitMqWorkQueue>(output));

    /// <summary>Deletes the work queues of the test's virtual host (an operator's mistake, for a test to survive).</summary>
    public async Task DeleteQueuesAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in new[] { WorkQueues.Jobs, WorkQueues.Exports, WorkQueues.DeadLetter })
        {
            await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        }
    }

    /// <summary>Publishes raw bytes to a queue (not through IWorkQueue): what a broken or hostile producer sends.</summary>
    public async Task PublishRawAsync(string queue, byte[] body, string messageId)
    {
        await using var connection = await new ConnectionFactory { Uri = Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { MessageId = messageId, Persistent = true }, body);
    }
}

/// <summary>A broker that also listens for amqps with a throw-away CA's server certificate, and requires a client certificate there.</summary>
public sealed class TlsBrokerFixture : BrokerFixture
{
    public TlsBrokerFixture()
    {
        Certificates = RabbitMqBroker.MissingReason is null ? new TestCertificates("MRSNode Broker Test CA") : null;
        RequireClientCertificate = true;
    }
}
