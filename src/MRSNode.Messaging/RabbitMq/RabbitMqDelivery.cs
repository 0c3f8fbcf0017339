using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MRSNode.Messaging.RabbitMq;

/// <summary>
/// One delivery on a consumer's channel. Settled at most once, and never abandoned half-way for a cancellation (a stop
/// right after the durable step must still ack it); a settlement that cannot reach the broker because the connection is
/// gone is logged, not thrown: the broker has already put the message back for another delivery, and consumers are
/// idempotent by id.
/// </summary>
internal sealed class RabbitMqDelivery(WorkMessage message, long deliveryCount, IChannel channel, ulong deliveryTag, string queue, MessagingLog log)
    : WorkDelivery(message, deliveryCount)
{
    private int _settled;

    public bool Settled => Volatile.Read(ref _settled) == 1;

    public override async Task AckAsync(CancellationToken cancellationToken)
    {
        Claim();
        await SettleAsync("ack", () => channel.BasicAckAsync(deliveryTag, multiple: false, CancellationToken.None));
    }

    public override async Task RejectAsync(bool requeue, CancellationToken cancellationToken)
    {
        Claim();
        if (!requeue)
        {
            log.DeadLettered(Message.Id, Message.StorePath, queue);
        }
        await SettleAsync(requeue ? "requeue" : "reject", () => channel.BasicRejectAsync(deliveryTag, requeue, CancellationToken.None));
    }

    private void Claim()
    {
        if (Interlocked.Exchange(ref _settled, 1) == 1)
        {
            throw new InvalidOperationException($"delivery of {Message.Id} was already acknowledged or rejected");
        }
    }

    private async Task SettleAsync(string settlement, Func<ValueTask> send)
    {
        try
        {
            await send();
        }
        catch (AlreadyClosedException)
        {
            log.SettlementLost(settlement, Message.Id, queue);
        }
    }
}
