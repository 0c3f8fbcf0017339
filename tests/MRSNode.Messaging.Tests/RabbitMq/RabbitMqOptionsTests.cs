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
}
