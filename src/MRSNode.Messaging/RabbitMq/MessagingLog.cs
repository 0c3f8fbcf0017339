using Microsoft.Extensions.Logging;

namespace MRSNode.Messaging.RabbitMq;

/// <summary>
/// The work queue's log lines (EventIds 2200–2299, docs/architecture.md "Logging"). They name endpoints, queues,
/// message ids and store paths only: never a body, never the URI (it carries the password).
/// </summary>
internal sealed partial class MessagingLog(ILogger logger)
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "connected to the broker at {Endpoint} ({Purpose})")]
    public partial void Connected(string endpoint, string purpose);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "broker at {Endpoint} unreachable or gone ({Purpose}): {Reason}; retrying in {DelaySeconds:0.#} s")]
    public partial void ConsumerConnectionLost(string endpoint, string purpose, string reason, double delaySeconds);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "publish of {MessageId} to {Queue} failed: {Reason}")]
    public partial void PublishFailed(string messageId, string queue, string reason);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "queue {Queue} exists with other arguments than this node declares; using it as it is ({Detail})")]
    public partial void QueueArgumentsDiffer(string queue, string detail);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "unreadable message (message id {MessageId}, {Length} bytes) on {Queue}: dead-lettered")]
    public partial void UnreadableMessage(string messageId, string queue, int length);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "handler for {MessageId} ({StorePath}) on {Queue} failed, requeued in {PauseSeconds:0.#} s: {Reason}")]
    public partial void HandlerFailed(string messageId, string storePath, string queue, string reason, double pauseSeconds);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Warning, Message = "handler for {MessageId} on {Queue} returned without settling the delivery: requeued")]
    public partial void HandlerLeftUnsettled(string messageId, string queue);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Warning, Message = "{Settlement} of {MessageId} on {Queue} did not reach the broker (connection lost): the broker delivers it again")]
    public partial void SettlementLost(string settlement, string messageId, string queue);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Information, Message = "{MessageId} ({StorePath}) rejected on {Queue} without requeue: dead-lettered")]
    public partial void DeadLettered(string messageId, string storePath, string queue);
}
