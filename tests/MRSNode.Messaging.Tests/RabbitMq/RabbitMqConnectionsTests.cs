using MRSNode.Messaging.RabbitMq;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Messaging.Tests.RabbitMq;

[UnitTest]
public sealed class RabbitMqConnectionsTests
{
    [Theory]
    [InlineData("amqp://node:s3cret@broker.example:5672/mrsnode", "broker.example:5672/mrsnode")]
    [InlineData("amqp://node:s3cret@broker.example/", "broker.example:5672/")]
    [InlineData("amqps://node:s3cret@broker.example/", "broker.example:5671/")]
    [InlineData("amqps://node:s3cret@broker.example:6000/", "broker.example:6000/")]
    public void Endpoint_Uri_HostPortAndVirtualHostWithoutCredentials(string uri, string endpoint)
    {
        var connections = new RabbitMqConnections(new RabbitMqOptions { Uri = uri });

        Assert.Equal(endpoint, connections.Endpoint);
        Assert.DoesNotContain("s3cret", connections.Endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_TlsEnabledOnAmqpUriWithoutPort_TheTlsPort() =>
        Assert.Equal("broker.example:5671/", new RabbitMqConnections(new RabbitMqOptions { Uri = "amqp://broker.example/", Tls = new() { Enabled = true } }).Endpoint);
}
