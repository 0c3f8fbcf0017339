using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MRSNode.Messaging.RabbitMq;

/// <summary>
/// Declares the work queues, idempotently, on every new connection: quorum queues (replicated, durable), each with a
/// delivery limit and dead-lettered (at least once) through the <see cref="WorkQueues.DeadLetter"/> exchange into the
/// queue of that name.
/// </summary>
internal sealed class RabbitMqTopology(RabbitMqOptions options, MessagingLog log)
{
    private const int PreconditionFailed = 406;

    /// <summary>The arguments every work queue is declared with (the dead-letter queue: the first one only).</summary>
    public Dictionary<string, object?> WorkQueueArguments() => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-delivery-limit"] = options.DeliveryLimit,
        ["x-dead-letter-exchange"] = WorkQueues.DeadLetter,
        // At-least-once dead-lettering (RabbitMQ 3.10+) keeps a poison message until the dead-letter queue has it; it needs reject-publish overflow.
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };

    /// <summary>Declares the dead-letter exchange and queue and <paramref name="queue"/> on channels of their own (a refused declare closes its channel).</summary>
    public async Task DeclareAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await DeclareQueueAsync(connection, WorkQueues.DeadLetter, new() { ["x-queue-type"] = "quorum" }, cancellationToken);
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
        {
            await channel.ExchangeDeclareAsync(WorkQueues.DeadLetter, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(WorkQueues.DeadLetter, WorkQueues.DeadLetter, routingKey: "", cancellationToken: cancellationToken);
        }
        if (queue != WorkQueues.DeadLetter)
        {
            await DeclareQueueAsync(connection, queue, WorkQueueArguments(), cancellationToken);
        }
    }

    private async Task DeclareQueueAsync(IConnection connection, string queue, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == PreconditionFailed)
        {
            // Declared before with other arguments (an operator's policy, an older DeliveryLimit): it exists, use it as it is.
            log.QueueArgumentsDiffer(queue, e.ShutdownReason.ReplyText);
        }
    }
}
