namespace MRSNode.Messaging;

/// <summary>
/// One delivery of a <see cref="WorkMessage"/> to a consumer, to be settled exactly once.
/// <see cref="DeliveryCount"/> counts earlier deliveries of the same message (0 the first time; from the quorum
/// queue's x-delivery-count), which is how a consumer tells a redelivery after a crash.
/// </summary>
public abstract class WorkDelivery
{
    protected WorkDelivery(WorkMessage message, long deliveryCount)
    {
        Message = message;
        DeliveryCount = deliveryCount;
    }

    public WorkMessage Message { get; }

    public long DeliveryCount { get; }

    /// <summary>The work is done and durable: the broker forgets the message.</summary>
    public abstract Task AckAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The work could not be done. <paramref name="requeue"/>: back to the queue (a transient fault); otherwise
    /// dead-lettered (<see cref="WorkQueues.DeadLetter"/>), e.g. a payload that fails its hash.
    /// </summary>
    public abstract Task RejectAsync(bool requeue, CancellationToken cancellationToken);
}
