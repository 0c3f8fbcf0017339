using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MRSNode.Messaging.RabbitMq;
using MRSNode.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace MRSNode.Messaging.Tests.RabbitMq;

/// <summary>A "broker" that accepts the TCP connection and never says a word (a hung host, a black-holing proxy).</summary>
[UnitTest]
public sealed class RabbitMqWorkQueueSilentBrokerTests
{
    [Fact]
    public async Task PublishAsync_BrokerAcceptsButNeverAnswers_UnavailableAndDepthUnknown()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var options = new RabbitMqOptions { Uri = $"amqp://guest:guest@127.0.0.1:{port}/", ConfirmTimeoutSeconds = 1 };
        await using var queue = new RabbitMqWorkQueue(options, NullLogger<RabbitMqWorkQueue>.Instance);

        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<WorkQueueUnavailableException>(() => queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(1), CancellationToken.None));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}"); // a hang detector; the timeout is 1 s
        Assert.StartsWith($"the broker at 127.0.0.1:{port}/ did not take {WorkMessages.New(1).Id}: ", e.Message, StringComparison.Ordinal);
        Assert.False(queue.Connected);
        Assert.Null(await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None));
    }

    [Fact]
    public async Task PublishAsync_CallerCancels_OperationCanceledNotUnavailable()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var options = new RabbitMqOptions { Uri = $"amqp://guest:guest@127.0.0.1:{port}/", ConfirmTimeoutSeconds = 60 };
        await using var queue = new RabbitMqWorkQueue(options, NullLogger<RabbitMqWorkQueue>.Instance);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(2), cancel.Token));
    }
}
