using Microsoft.Extensions.Logging;
using MRSNode.Messaging;
using MRSNode.Messaging.RabbitMq;
using MRSNode.Service.Configuration;

namespace MRSNode.Service.ScaleOut;

/// <summary>Opens the node's work queue for Queue:Kind rabbitmq from Queue:RabbitMq:* (connecting lazily: a broker that is down does not stop the node starting).</summary>
public static class BrokerConnection
{
    public static IWorkQueue Open(NodeOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        return new RabbitMqWorkQueue(options.Queue.RabbitMq, loggers.CreateLogger<RabbitMqWorkQueue>());
    }
}
