using MRSNode.Messaging.RabbitMq;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Messaging.Tests.RabbitMq;

[UnitTest]
public sealed class RabbitMqOptionsTests
{
    [Fact]
    public void Problems_Defaults_None() => Assert.Empty(new RabbitMqOptions().Problems());

    [Fact]
    public void Problems_EveryBadValue_OneLineEach()
    {
        var options = new RabbitMqOptions
        {
            Uri = "http://broker:5672/",
            ConfirmTimeoutSeconds = 0,
            DeliveryLimit = 0,
            ReconnectInitialSeconds = -1,
            Tls = new RabbitMqTlsOptions { TrustedCaPath = "/nonexistent/ca.pem", KeyPath = "/nonexistent/key.pem" },
        };

        Assert.Equal(
            [
                "Queue:RabbitMq:Uri must be an absolute amqp:// or amqps:// URI",
                "Queue:RabbitMq:ConfirmTimeoutSeconds must be above 0",
                "Queue:RabbitMq:DeliveryLimit must be at least 1",
                "Queue:RabbitMq:ReconnectInitialSeconds and ReconnectMaxSeconds must be above 0",
                "Queue:RabbitMq:Tls:TrustedCaPath /nonexistent/ca.pem does not exist",
                "Queue:RabbitMq:Tls:KeyPath /nonexistent/key.pem does not exist",
                "Queue:RabbitMq:Tls:KeyPath needs Queue:RabbitMq:Tls:CertificatePath",
            ],
            options.Problems());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 8)]
    [InlineData(5, 30)]
    [InlineData(1000, 30)]
    public void RequeuePause_DeliveryCount_DoublesFromInitialUpToMax(long deliveryCount, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new RabbitMqOptions { ReconnectInitialSeconds = 1, ReconnectMaxSeconds = 30 }.RequeuePause(deliveryCount));
}
