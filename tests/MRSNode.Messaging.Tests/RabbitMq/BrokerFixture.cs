using MRSNode.Messaging.RabbitMq;
using MRSNode.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using Xunit;

namespace MRSNode.Messaging.Tests.RabbitMq;

/// <summary>One broker per test class (a start costs seconds); started only where rabbitmq-server is installed.</summary>
public class BrokerFixture : IAsyncLifetime
{
    private RabbitMqBroker? _broker;

    public RabbitMqBroker Broker => _broker ?? throw new InvalidOperationException("no broker: " + RabbitMqBroker.MissingReason);

    /// <summary>The TLS certificates the broker's amqps listener uses (null: no TLS listener).</summary>
    public TestCertificates? Certificates { get; protected init; }

    public async Task InitializeAsync()
    {
        if (RabbitMqBroker.MissingReason is null)
        {
            _broker = await RabbitMqBroker.StartNewAsync(Certificates);
        }
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    public RabbitMqOptions Options(int deliveryLimit = 5, double confirmTimeoutSeconds = 10) => new()
    {
        Uri = Broker.Uri.ToString(),
        DeliveryLimit = deliveryLimit,
        ConfirmTimeoutSeconds = confirmTimeoutSeconds,
        ReconnectInitialSeconds = 0.2,
        ReconnectMaxSeconds = 1,
        ClientName = "mrsnode-tests",
    };

    public RabbitMqWorkQueue Queue(int deliveryLimit = 5, double confirmTimeoutSeconds = 10) =>
        new(Options(deliveryLimit, confirmTimeoutSeconds), NullLogger<RabbitMqWorkQueue>.Instance);

    /// <summary>Deletes the work queues, so a test starts from none (and may declare them with its own delivery limit).</summary>
    public async Task DeleteQueuesAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = Broker.Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in new[] { WorkQueues.Jobs, WorkQueues.Exports, WorkQueues.DeadLetter })
        {
            await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        }
    }

    /// <summary>Publishes raw bytes to a queue (not through IWorkQueue): what a broken or hostile producer sends.</summary>
    public async Task PublishRawAsync(string queue, byte[] body, string messageId)
    {
        await using var connection = await new ConnectionFactory { Uri = Broker.Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { MessageId = messageId, Persistent = true }, body);
    }
}

/// <summary>A broker that also listens for amqps with a throw-away CA's server certificate.</summary>
public sealed class TlsBrokerFixture : BrokerFixture
{
    public TlsBrokerFixture()
    {
        Certificates = RabbitMqBroker.MissingReason is null ? new TestCertificates("MRSNode Broker Test CA") : null;
    }
}
