using MRSNode.Messaging;
using MRSNode.Service.Configuration;

namespace MRSNode.Service.ScaleOut;

/// <summary>Opens the node's work queue for Queue:Kind rabbitmq from Queue:RabbitMq:*.</summary>
public static class BrokerConnection
{
    public static IWorkQueue Open(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        throw new NodeConfigurationException(["Queue:Kind rabbitmq: this build has no RabbitMQ client yet"]);
    }
}
